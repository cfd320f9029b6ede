import type { FindingMessage, FindingMessageKey, FindingValue } from '@/lib/schema/finding-message';
import { minorUnitsPerMajor } from '@/lib/util/currency';
import { dateOfEpochDay } from './dates';

/**
 * The numbers of a finding's sentence as typed values, not text: the engine's findings are
 * language-neutral (a catalogue key and its values, lib/schema/finding-message) and each surface
 * formats them in its reader's language and the account's currency (lib/util/finding-text).
 */
export interface Formatter {
  /** An amount in minor units of the account currency. */
  money(minor: number): FindingValue;
  /** A share: 0.384 is "38 %". */
  percent(fraction: number): FindingValue;
  /** A whole number: 1130 is "1,130". */
  count(value: number): FindingValue;
  /** A ratio with one decimal (ROAS, frequency). */
  decimal(value: number): FindingValue;
  /** A number a plural form is chosen by ("1 day", "6 days"). */
  plural(value: number): FindingValue;
  /** How much `after` differs from `before`, said in whole percent without a sign. */
  change(after: number, before: number): FindingValue;
  /** An account day, by its epoch day. */
  date(epochDay: number): FindingValue;
  /** How many minor units make one major unit (100 for USD, 1 for JPY and TWD). */
  readonly minorPerMajor: number;
}

/** One per currency serves every run. */
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
    money: (value) => ({ type: 'money', value, currency }),
    percent: (value) => ({ type: 'percent', value }),
    count: (value) => ({ type: 'count', value }),
    decimal: (value) => ({ type: 'decimal', value }),
    plural: (value) => ({ type: 'plural', value }),
    change: (after, before) => ({ type: 'change', value: Math.abs(after / before - 1) }),
    date: (epochDay) => ({ type: 'date', value: dateOfEpochDay(epochDay) }),
  };
}

/** A sentence: its catalogue key and values, in the order of its placeholders. */
export function message(key: FindingMessageKey, ...args: FindingMessage['args']): FindingMessage {
  return { key, args };
}

/** A sentence part told inside another sentence, or nothing. */
export function clause(part: FindingMessage | null): FindingMessage['args'][number] {
  return {
    type: 'clause',
    message: part && { key: part.key, args: part.args.filter(isValue) },
  };
}

function isValue(arg: FindingMessage['args'][number]): arg is FindingValue {
  return arg.type !== 'clause';
}
