import { formatMinorMoney, minorUnitsPerMajor } from '@/lib/util/currency';

/**
 * Numbers as a media buyer reads them in a sentence. English, deterministic ('en-US' formatting
 * rules, no time zone), money in the account's currency from Meta's minor units (its offsets, not
 * ISO's digits: lib/util/currency).
 */

export interface Formatter {
  /** "$1,240" (large amounts) or "$12.40"; minor units of the account currency. */
  money(minor: number): string;
  /** 0.384 → "38 %"; small shares keep a decimal: 0.012 → "1.2 %". */
  percent(fraction: number): string;
  /** 1130 → "1,130". */
  count(value: number): string;
  /** 2.345 → "2.3" (ROAS, frequency). */
  decimal(value: number): string;
  /** How many minor units make one major unit (100 for USD, 1 for JPY and TWD). */
  readonly minorPerMajor: number;
}

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** Building number formats is slow; one per currency serves every run. */
const formatters = new Map<string, Formatter>();

export function formatterFor(currency: string): Formatter {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = createFormatter(currency);
    formatters.set(currency, formatter);
  }
  return formatter;
}

function createFormatter(currency: string): Formatter {
  return {
    minorPerMajor: minorUnitsPerMajor(currency),
    money: (minor) => formatMinorMoney(minor, currency, { locale: 'en-US', wholeFrom: 100 }),
    percent(fraction) {
      const value = fraction * 100;
      const digits = Math.abs(value) < 10 && Math.round(value) !== value ? 1 : 0;
      return `${value.toFixed(digits)} %`;
    },
    count: (value) => COUNT.format(value),
    decimal: (value) => DECIMAL.format(value),
  };
}
