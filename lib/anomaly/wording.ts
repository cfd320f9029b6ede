import type { FindingLevel } from './types';

/** Shared pieces of the sentences findings are told in. */

const NOUNS: Readonly<Record<FindingLevel, string>> = {
  account: 'the account',
  campaign: 'this campaign',
  adset: 'this ad set',
  ad: 'this ad',
};

/** "this ad set", "the account". */
export function nounOf(level: FindingLevel): string {
  return NOUNS[level];
}

/** "1 day", "6 days". */
export function dayCount(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** Whole-number percent change from `before` to `after`, without sign: 1.38 → "38 %". */
export function changePercent(after: number, before: number): string {
  return `${Math.round(Math.abs(after / before - 1) * 100)} %`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
