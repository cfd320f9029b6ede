import { unitHash } from '../../world/random';
import type { Currency } from '../../world/types';
import { METRICS, type MetricValues } from '../../world/stats-table';

/**
 * Breakdowns split an entity's numbers across audience slices deterministically: the same entity
 * always splits the same way, every metric with the same shares, so slices add up to the total.
 */

export const BREAKDOWNS = [
  'age',
  'gender',
  'country',
  'publisher_platform',
  'device_platform',
  'impression_device',
] as const;

export type Breakdown = (typeof BREAKDOWNS)[number];

type Weights = readonly (readonly [string, number])[];

const COUNTRY_WEIGHTS: Readonly<Record<Currency, Weights>> = {
  USD: [
    ['US', 0.86],
    ['CA', 0.09],
    ['GB', 0.05],
  ],
  EUR: [
    ['DE', 0.62],
    ['AT', 0.14],
    ['CH', 0.1],
    ['NL', 0.08],
    ['FR', 0.06],
  ],
  JPY: [
    ['JP', 0.96],
    ['US', 0.04],
  ],
};

const WEIGHTS: Readonly<Record<Exclude<Breakdown, 'country'>, Weights>> = {
  age: [
    ['18-24', 0.12],
    ['25-34', 0.3],
    ['35-44', 0.26],
    ['45-54', 0.17],
    ['55-64', 0.1],
    ['65+', 0.05],
  ],
  gender: [
    ['female', 0.54],
    ['male', 0.43],
    ['unknown', 0.03],
  ],
  publisher_platform: [
    ['facebook', 0.52],
    ['instagram', 0.41],
    ['audience_network', 0.04],
    ['messenger', 0.03],
  ],
  device_platform: [
    ['mobile_app', 0.83],
    ['mobile_web', 0.07],
    ['desktop', 0.1],
  ],
  impression_device: [
    ['iphone', 0.46],
    ['android_smartphone', 0.36],
    ['desktop', 0.1],
    ['ipad', 0.05],
    ['other', 0.03],
  ],
};

export interface BreakdownCell {
  /** Breakdown name → value, e.g. { age: '25-34', gender: 'female' }. */
  readonly labels: Readonly<Record<string, string>>;
  readonly values: MetricValues;
}

/** Every combination of the breakdowns' values with its slice of `totals`; empty slices dropped. */
export function splitByBreakdowns(
  subjectId: string,
  currency: Currency,
  breakdowns: readonly Breakdown[],
  totals: MetricValues,
): BreakdownCell[] {
  let cells: { labels: Record<string, string>; share: number }[] = [{ labels: {}, share: 1 }];
  for (const breakdown of breakdowns) {
    const shares = sharesOf(subjectId, breakdown, currency);
    cells = cells.flatMap((cell) =>
      shares.map(([value, share]) => ({
        labels: { ...cell.labels, [breakdown]: value },
        share: cell.share * share,
      })),
    );
  }
  const allocations = METRICS.map((metric) =>
    allocate(
      totals[metric],
      cells.map((c) => c.share),
    ),
  );
  return cells
    .map((cell, index) => {
      const values = {} as MetricValues;
      METRICS.forEach((metric, m) => {
        values[metric] = allocations[m]?.[index] ?? 0;
      });
      values.reach = Math.min(values.reach, values.impressions);
      return { labels: cell.labels, values };
    })
    .filter((cell) => cell.values.impressions > 0);
}

/** The breakdown's typical mix, perturbed per entity so no two entities split identically. */
function sharesOf(subjectId: string, breakdown: Breakdown, currency: Currency): Weights {
  const base = breakdown === 'country' ? COUNTRY_WEIGHTS[currency] : WEIGHTS[breakdown];
  const perturbed = base.map(
    ([value, weight]) =>
      [value, weight * (0.6 + 0.8 * unitHash(11, `${subjectId}:${breakdown}:${value}`))] as const,
  );
  const total = perturbed.reduce((sum, [, weight]) => sum + weight, 0);
  return perturbed.map(([value, weight]) => [value, weight / total] as const);
}

/** Splits an integer by shares with the largest-remainder method, so the parts sum to the whole. */
function allocate(total: number, shares: readonly number[]): number[] {
  const exact = shares.map((share) => total * share);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((sum, part) => sum + part, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left--;
  }
  return parts;
}
