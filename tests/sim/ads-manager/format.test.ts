import { describe, expect, it } from 'vitest';
import { formatDecimal, formatInteger, formatMoneyMinor, formatPercent } from './format';

describe('formatMoneyMinor', () => {
  it('formats dollars, euros and yen as Ads Manager shows them to en-US users', () => {
    expect(formatMoneyMinor(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoneyMinor(123456, 'EUR')).toBe('€1,234.56');
    expect(formatMoneyMinor(12345, 'JPY')).toBe('¥12,345');
  });

  it('keeps cents exact and pads them', () => {
    expect(formatMoneyMinor(0, 'USD')).toBe('$0.00');
    expect(formatMoneyMinor(5, 'USD')).toBe('$0.05');
    expect(formatMoneyMinor(100, 'EUR')).toBe('€1.00');
    expect(formatMoneyMinor(123456789012, 'USD')).toBe('$1,234,567,890.12');
  });

  it('rounds fractional minor units (derived costs) half up', () => {
    expect(formatMoneyMinor(333.333, 'USD')).toBe('$3.33');
    expect(formatMoneyMinor(333.5, 'USD')).toBe('$3.34');
    expect(formatMoneyMinor(1234.5, 'JPY')).toBe('¥1,235');
  });

  it('puts the sign before the symbol', () => {
    expect(formatMoneyMinor(-1050, 'USD')).toBe('-$10.50');
  });
});

describe('numbers', () => {
  it('groups thousands and fixes decimals', () => {
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatInteger(999)).toBe('999');
    expect(formatDecimal(2.345678, 2)).toBe('2.35');
    expect(formatDecimal(-0.001, 2)).toBe('0.00');
    expect(formatPercent(1.23456)).toBe('1.23%');
  });
});
