import { describe, expect, it } from 'vitest';
import { formatAge, formatChange, formatKpi, formatMoney } from '@/lib/insight/format';

const usd = { locale: 'en-US', currency: 'USD' };

describe('insight numbers as text', () => {
  it('shows money from minor units in the account currency, to the cent', () => {
    expect(formatMoney(123_456_789, usd)).toBe('$1,234,567.89');
    expect(formatMoney(1, usd)).toBe('$0.01');
    expect(formatMoney(1_234_567, { locale: 'en-US', currency: 'JPY' })).toBe('¥1,234,567');
    expect(formatMoney(123_456, { locale: 'de-DE', currency: 'EUR' })).toBe('1.234,56\u00a0€');
  });

  it('rounds ratios of money only for display', () => {
    // A CPM of 1234.5678 cents.
    expect(formatKpi('cpm', 1234.5678, usd)).toBe('$12.35');
    expect(formatKpi('ctr', 0.012345, usd)).toBe('1.23%');
    expect(formatKpi('roas', 2.5, usd)).toBe('2.50');
    expect(formatKpi('impressions', 1234567, { locale: 'de-DE', currency: 'EUR' })).toBe(
      '1.234.567',
    );
    expect(formatKpi('cpa', null, usd)).toBe('—');
  });

  it('signs a change, and has none without a previous value', () => {
    expect(formatChange(0.125, 'en-US')).toBe('+12.5%');
    expect(formatChange(-0.03, 'en-US')).toBe('-3.0%');
    expect(formatChange(null, 'en-US')).toBe('—');
  });

  it('says how long ago a sync finished', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0);
    expect(formatAge(now - 12 * 60_000, now, 'en-US')).toBe('12 minutes ago');
    expect(formatAge(now - 10_000, now, 'en-US')).toBe('this minute');
    expect(formatAge(now - 3 * 3_600_000, now, 'en-US')).toBe('3 hours ago');
    expect(formatAge(now - 26 * 3_600_000, now, 'en-US')).toBe('yesterday');
  });
});
