import { describe, expect, it } from 'vitest';
import { minorUnitDigits, minorUnitsPerMajor } from '@/lib/util/currency';
import { parseScaledDecimal } from '@/lib/util/decimal';

describe('parseScaledDecimal', () => {
  it.each([
    ['142.87', 2, 14287],
    ['0.29', 2, 29],
    ['0.1', 2, 10],
    ['15320', 0, 15320],
    ['15320', 2, 1532000],
    ['4.864865', 6, 4864865],
    ['3.412', 6, 3412000],
    ['1.005', 2, 101],
    ['1.004', 2, 100],
    ['-2.5', 0, -3],
    ['0', 2, 0],
  ])('%s at scale %i is %i', (text, scale, expected) => {
    expect(parseScaledDecimal(text, scale)).toBe(expected);
  });

  it.each(['', '1e3', '1,5', ' 1', 'NaN', '1.', '.5', '99999999999999999999'])(
    'refuses %j',
    (text) => {
      expect(() => parseScaledDecimal(text, 2)).toThrow(RangeError);
    },
  );
});

describe('currency offsets', () => {
  it('has no minor unit for JPY and cents for USD and EUR', () => {
    expect(minorUnitsPerMajor('JPY')).toBe(1);
    expect(minorUnitsPerMajor('USD')).toBe(100);
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(minorUnitDigits('KRW')).toBe(0);
  });
});
