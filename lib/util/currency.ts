/**
 * Meta's currency offsets (meta-graph-api.md §5): budgets arrive in minor units, and a minor unit
 * is a hundredth of the currency except for these, where it is the whole unit (JPY 1, not 100).
 */
const ZERO_DECIMAL = new Set([
  'CLP',
  'COP',
  'CRC',
  'HUF',
  'IDR',
  'ISK',
  'JPY',
  'KRW',
  'PYG',
  'TWD',
  'VND',
]);

/** Decimal places between the major and minor unit: 0 or 2. */
export function minorUnitDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

export function minorUnitsPerMajor(currency: string): number {
  return 10 ** minorUnitDigits(currency);
}
