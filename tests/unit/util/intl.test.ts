import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from '@/lib/util/intl';

describe('the shared Intl formatters', () => {
  it('are built once per locale and options, and format as Intl does', () => {
    const percent = numberFormat('de', { style: 'percent', maximumFractionDigits: 1 });
    expect(numberFormat('de', { style: 'percent', maximumFractionDigits: 1 })).toBe(percent);
    expect(numberFormat('en', { style: 'percent', maximumFractionDigits: 1 })).not.toBe(percent);
    expect(percent.format(0.125)).toBe(
      new Intl.NumberFormat('de', { style: 'percent', maximumFractionDigits: 1 }).format(0.125),
    );
    const day = dateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
    expect(day.format(Date.UTC(2026, 4, 3))).toBe('May 3, 2026');
  });
});
