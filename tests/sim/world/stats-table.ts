import type { DailyStats } from './types';

/**
 * Daily delivery of many entities in one typed array per level: cheap to build for thousands of ads
 * and fast to sum over a date range. Layout is metric-major, then entity, then day, so one entity's
 * series for one metric is contiguous.
 */
export const METRICS = [
  'spendMinor',
  'impressions',
  'reach',
  'clicks',
  'inlineLinkClicks',
  'purchases',
  'purchaseValueMinor',
] as const satisfies readonly (keyof DailyStats)[];

export type Metric = (typeof METRICS)[number];
export type MetricValues = Record<Metric, number>;

export const SPEND = 0;
export const IMPRESSIONS = 1;
export const REACH = 2;
export const CLICKS = 3;
export const LINK_CLICKS = 4;
export const PURCHASES = 5;
export const PURCHASE_VALUE = 6;

export class StatsTable {
  readonly data: Int32Array;

  constructor(
    readonly rows: number,
    readonly days: number,
  ) {
    this.data = new Int32Array(rows * days * METRICS.length);
  }

  offset(metric: number, row: number): number {
    return (metric * this.rows + row) * this.days;
  }

  get(metric: number, row: number, day: number): number {
    return this.data[this.offset(metric, row) + day] ?? 0;
  }

  set(metric: number, row: number, day: number, value: number): void {
    this.data[this.offset(metric, row) + day] = value;
  }

  valuesOn(row: number, day: number): MetricValues {
    const values = {} as MetricValues;
    METRICS.forEach((name, metric) => {
      values[name] = this.get(metric, row, day);
    });
    return values;
  }

  /** Sums of every metric over [fromDay, toDay], plus the largest single-day reach. */
  sum(row: number, fromDay: number, toDay: number): { sums: MetricValues; maxDailyReach: number } {
    const sums = {} as MetricValues;
    METRICS.forEach((name, metric) => {
      const start = this.offset(metric, row);
      let total = 0;
      for (let day = fromDay; day <= toDay; day++) total += this.data[start + day] ?? 0;
      sums[name] = total;
    });
    const reachStart = this.offset(REACH, row);
    let maxDailyReach = 0;
    for (let day = fromDay; day <= toDay; day++) {
      maxDailyReach = Math.max(maxDailyReach, this.data[reachStart + day] ?? 0);
    }
    return { sums, maxDailyReach };
  }
}

/**
 * Adds child rows into parent rows for every additive metric, and de-duplicates daily reach: people
 * reached by two ads of one ad set are one person, so a parent's reach lies between its largest
 * child's and the children's sum.
 */
export function rollUp(
  children: StatsTable,
  parentOf: (childRow: number) => number,
  parents: StatsTable,
  overlapShare: number,
): void {
  const days = children.days;
  const maxChildReach = new Int32Array(parents.rows * days);
  for (let child = 0; child < children.rows; child++) {
    const parent = parentOf(child);
    for (let metric = 0; metric < METRICS.length; metric++) {
      const from = children.offset(metric, child);
      const to = parents.offset(metric, parent);
      for (let day = 0; day < days; day++) {
        const value = children.data[from + day] ?? 0;
        parents.data[to + day] = (parents.data[to + day] ?? 0) + value;
        if (metric === REACH) {
          const slot = parent * days + day;
          maxChildReach[slot] = Math.max(maxChildReach[slot] ?? 0, value);
        }
      }
    }
  }
  for (let parent = 0; parent < parents.rows; parent++) {
    const start = parents.offset(REACH, parent);
    for (let day = 0; day < days; day++) {
      const summed = parents.data[start + day] ?? 0;
      const largest = maxChildReach[parent * days + day] ?? 0;
      parents.data[start + day] = Math.max(largest, Math.round(summed * overlapShare));
    }
  }
}
