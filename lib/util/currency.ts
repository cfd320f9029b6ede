import { numberFormat } from './intl';

/**
 * Meta's currency offsets (meta-graph-api.md §5, Marketing API "Currency codes"): budgets and the
 * cache's money are in minor units, and a minor unit is a hundredth of the currency (offset 100)
 * except where the offset is 1 (JPY 1, not 100). The offset is Meta's, not ISO 4217's: TWD has
 * cents in ISO but none at Meta, and KWD, BHD and JOD have thousandths in ISO but hundredths at Meta.
 */
export const META_CURRENCY_OFFSETS: Readonly<Record<string, 1 | 100>> = {
  AED: 100,
  ARS: 100,
  AUD: 100,
  BDT: 100,
  BGN: 100,
  BHD: 100,
  BOB: 100,
  BRL: 100,
  CAD: 100,
  CHF: 100,
  CLP: 1,
  CNY: 100,
  COP: 1,
  CRC: 1,
  CZK: 100,
  DKK: 100,
  DZD: 100,
  EGP: 100,
  EUR: 100,
  GBP: 100,
  GTQ: 100,
  HKD: 100,
  HNL: 100,
  HRK: 100,
  HUF: 1,
  IDR: 1,
  ILS: 100,
  INR: 100,
  ISK: 1,
  JOD: 100,
  JPY: 1,
  KES: 100,
  KRW: 1,
  KWD: 100,
  LTL: 100,
  LVL: 100,
  MOP: 100,
  MXN: 100,
  MYR: 100,
  NGN: 100,
  NIO: 100,
  NOK: 100,
  NZD: 100,
  PEN: 100,
  PHP: 100,
  PKR: 100,
  PLN: 100,
  PYG: 1,
  QAR: 100,
  RON: 100,
  RSD: 100,
  RUB: 100,
  SAR: 100,
  SEK: 100,
  SGD: 100,
  SKK: 100,
  THB: 100,
  TRY: 100,
  TWD: 1,
  USD: 100,
  UYU: 100,
  VEF: 100,
  VND: 1,
  ZAR: 100,
};

/** Decimal places between the major and minor unit: 0 or 2 (2 for a code Meta does not list). */
export function minorUnitDigits(currency: string): number {
  return META_CURRENCY_OFFSETS[currency] === 1 ? 0 : 2;
}

export function minorUnitsPerMajor(currency: string): number {
  return 10 ** minorUnitDigits(currency);
}

export interface MoneyStyle {
  /** BCP 47 locale; undefined is the runtime's default. */
  readonly locale?: string | undefined;
  /** From this many major units on, amounts are rounded to whole units ("$1,240", not "$1,240.18"). */
  readonly wholeFrom?: number;
}

/** Building number formats is slow; one per currency, locale and precision serves every call. */
const moneyFormats = new Map<string, (major: number) => string>();

/**
 * An amount in Meta's minor units as money in its currency: the one place minor units become
 * words, so every surface reads a TWD or KWD amount as the account does.
 */
export function formatMinorMoney(minor: number, currency: string, style: MoneyStyle = {}): string {
  const major = minor / minorUnitsPerMajor(currency);
  const whole = style.wholeFrom !== undefined && Math.abs(major) >= style.wholeFrom;
  const digits = whole ? 0 : minorUnitDigits(currency);
  return moneyFormat(currency, style.locale, digits)(major);
}

function moneyFormat(
  currency: string,
  locale: string | undefined,
  digits: number,
): (major: number) => string {
  const key = `${currency}|${locale ?? ''}|${digits}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = createMoneyFormat(currency, locale, digits);
    moneyFormats.set(key, format);
  }
  return format;
}

function createMoneyFormat(
  currency: string,
  locale: string | undefined,
  digits: number,
): (major: number) => string {
  try {
    const intl = numberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    return (major) => intl.format(major);
  } catch {
    // A malformed code still gets a readable amount rather than an exception.
    const plain = numberFormat(locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    return (major) => `${plain.format(major)} ${currency}`;
  }
}
