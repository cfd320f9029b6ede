/**
 * Number formatting as Ads Manager shows it to an en-US user, shared by the server (tests) and the
 * page bundle. Written by hand rather than with Intl so the output cannot drift with ICU data.
 */
import type { Currency } from '../world/types';

/** Digits after the decimal point; the Graph API's "currency offset" is 10 ** digits. */
export const CURRENCY_DIGITS: Readonly<Record<Currency, number>> = { USD: 2, EUR: 2, JPY: 0 };
const CURRENCY_SYMBOL: Readonly<Record<Currency, string>> = { USD: '$', EUR: '€', JPY: '¥' };

/** What Ads Manager prints for a metric it has no value for. */
export const NO_VALUE = '—';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A non-negative or negative number with `decimals` digits and thousands separators. */
export function formatDecimal(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${groupThousands(whole)}${fraction === undefined ? '' : `.${fraction}`}`;
}

export function formatInteger(value: number): string {
  return formatDecimal(Math.round(value), 0);
}

/**
 * Money held in minor units (USD cents, JPY yen) as `$1,234.56`, `€1,234.56`, `¥12,345`.
 * Fractional minor units (a derived cost such as CPC) are rounded half up to the currency's precision.
 */
export function formatMoneyMinor(minor: number, currency: Currency): string {
  const digits = CURRENCY_DIGITS[currency];
  const rounded = Math.round(minor);
  const sign = rounded < 0 ? '-' : '';
  const major = formatDecimal(Math.abs(rounded) / 10 ** digits, digits);
  return `${sign}${CURRENCY_SYMBOL[currency]}${major}`;
}

/** A percentage already scaled to 0–100, e.g. CTR 1.234 → `1.23%`. */
export function formatPercent(value: number, decimals = 2): string {
  return `${formatDecimal(value, decimals)}%`;
}
