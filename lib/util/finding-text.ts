import type { FindingValue } from '@/lib/schema/finding-message';
import { formatMinorMoney } from './currency';
import type { Substitution } from './message-format';
import type { MessageKey, Translate } from './message-keys';
import { dateTimeFormat, numberFormat } from './intl';

/**
 * A message as the cache keeps it: a finding's sentence (lib/schema/finding-message) or an
 * explanation's (lib/schema/explain). `text` is the source's own word (a region as Meta names it),
 * shown as it is; a `clause` is a message of its own.
 */
export interface CatalogueMessage {
  readonly key: MessageKey;
  readonly args: readonly MessageArg[];
}
export type MessageArg =
  | FindingValue
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'clause'; readonly message: CatalogueMessage | null };

/**
 * A finding's sentence or next step, or an explanation's, in the reader's language: the catalogue's whole sentence with
 * its numbers, money and dates formatted for `locale` (the Ads Manager page's language in the
 * overlay, the browser's in extension pages). Money is said in whole units from 100 on ("$1,240",
 * "1.240 €"), from the account's minor units by Meta's offsets (lib/util/currency).
 */
export function findingText(
  message: CatalogueMessage,
  t: Translate,
  locale: string | undefined,
): string {
  return t(message.key, ...message.args.map((arg) => substitution(arg, t, locale)));
}

function substitution(arg: MessageArg, t: Translate, locale: string | undefined): Substitution {
  switch (arg.type) {
    case 'text':
      return arg.value;
    case 'clause':
      return arg.message ? findingText(arg.message, t, locale) : '';
    case 'money':
      return formatMinorMoney(arg.value, arg.currency, { locale, wholeFrom: 100 });
    case 'plural':
      return arg.value;
    case 'count':
      return decimals(locale, 0).format(arg.value);
    case 'decimal':
      return decimals(locale, 1, 1).format(arg.value);
    case 'percent':
      return percent(arg.value, locale, smallShareDigits(arg.value));
    case 'change':
      return percent(Math.round(arg.value * 100) / 100, locale, 0);
    case 'date':
      return dateFormat(locale).format(Date.parse(`${arg.value}T00:00:00Z`));
  }
}

/** Small shares keep a decimal: 0.012 → "1.2 %", 0.384 → "38 %". */
function smallShareDigits(fraction: number): number {
  const value = fraction * 100;
  return Math.abs(value) < 10 && Math.round(value) !== value ? 1 : 0;
}

/** English keeps the sentences' house style "38 %"; other languages write percent their way. */
export function percent(fraction: number, locale: string | undefined, digits = 0): string {
  if (locale?.toLowerCase().startsWith('en')) return `${(fraction * 100).toFixed(digits)} %`;
  return decimals(locale, digits, digits, 'percent').format(fraction);
}

/** Digits as the sentences write them, through the shared formatters (lib/util/intl). */
function decimals(
  locale: string | undefined,
  maximumFractionDigits: number,
  minimumFractionDigits = 0,
  style: 'decimal' | 'percent' = 'decimal',
): Intl.NumberFormat {
  return numberFormat(locale, { style, minimumFractionDigits, maximumFractionDigits });
}

/** "May 3", "3. Mai", "5月3日": an account day, free of time zones. */
function dateFormat(locale: string | undefined): Intl.DateTimeFormat {
  return dateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
