import { weekdayOfEpochDay } from './dates';
import { sortedMiddle } from './robust';

/**
 * The account's weekday rhythm: CPM and conversion rate swing 5–15 % by weekday (ads-domain.md).
 * It is estimated once on the account's totals, where the volume makes it stable, and applied to
 * every entity, whose own weekday pattern would be mostly noise.
 *
 * Each factor is the median, over the weeks, of a weekday's value against its centred 7-day
 * average; factors are scaled to a geometric mean of 1. Indexed Sunday first.
 */
export interface WeeklyProfile {
  readonly spend: Float64Array;
  readonly cpm: Float64Array;
  readonly ctr: Float64Array;
  readonly cvr: Float64Array;
}

interface Totals {
  readonly spend: Float64Array;
  readonly impressions: Float64Array;
  readonly clicks: Float64Array;
  readonly linkClicks: Float64Array;
  readonly conversions: Float64Array;
}

const MIN_WEEKS = 3;
/** The freshest days are still being restated and have no centred week around them. */
const SETTLED_DAYS = 7;
const FACTOR_RANGE: readonly [number, number] = [0.6, 1.6];

export function estimateWeeklyProfile(totals: Totals, firstDay: number): WeeklyProfile {
  const ones = new Float64Array(totals.spend.length).fill(1);
  return {
    spend: factors(totals.spend, ones, firstDay),
    cpm: factors(totals.spend, totals.impressions, firstDay),
    ctr: factors(totals.clicks, totals.impressions, firstDay),
    cvr: factors(totals.conversions, totals.linkClicks, firstDay),
  };
}

function factors(
  numerator: Float64Array,
  denominator: Float64Array,
  firstDay: number,
): Float64Array {
  const last = numerator.length - SETTLED_DAYS - 4;
  const byWeekday: number[][] = [[], [], [], [], [], [], []];
  for (let t = 3; t <= last; t++) {
    let windowNumerator = 0;
    let windowDenominator = 0;
    for (let i = t - 3; i <= t + 3; i++) {
      windowNumerator += numerator[i] ?? 0;
      windowDenominator += denominator[i] ?? 0;
    }
    const day = ratio(numerator[t] ?? 0, denominator[t] ?? 0);
    const week = ratio(windowNumerator, windowDenominator);
    if (day > 0 && week > 0) byWeekday[weekdayOfEpochDay(firstDay + t)]?.push(day / week);
  }
  const result = new Float64Array(7).fill(1);
  if (byWeekday.some((values) => values.length < MIN_WEEKS)) return result;
  byWeekday.forEach((values, weekday) => {
    result[weekday] = sortedMiddle(Float64Array.from(values), values.length);
  });
  const logMean = result.reduce((sum, value) => sum + Math.log(value), 0) / 7;
  return result.map((value) =>
    Math.min(FACTOR_RANGE[1], Math.max(FACTOR_RANGE[0], value / Math.exp(logMean))),
  );
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}
