import type { KpiMetric } from '@/lib/schema/insight';
import { INSIGHT_METRICS, type InsightMetric } from '@/lib/schema/insights';

/** The KPI names live with the message schema; they are offered here with their computation. */
export { KPI_METRICS, type KpiMetric } from '@/lib/schema/insight';

/**
 * KPIs of a campaign, ad set, ad or a whole account over a date range, from the cache's daily
 * column series (lib/cache/series.ts). Only additive columns are summed; every ratio is taken from
 * the sums, as Meta computes it for a range. Money stays in minor units of the account currency:
 * sums of minor units are exact integers, so spend is right to the cent; ratios (CPM, CPC, CPA)
 * are fractions of a minor unit, rounded only when shown.
 */

/** Columns that add up across days and entities; the others are per-row ratios. */
export const ADDITIVE_METRICS = [
  'spend',
  'impressions',
  'reach',
  'clicks',
  'inlineLinkClicks',
  'purchases',
  'purchaseValue',
] as const satisfies readonly InsightMetric[];
export type AdditiveMetric = (typeof ADDITIVE_METRICS)[number];

/** One entity's days, one column per metric in INSIGHT_METRICS order (EntitySeries fits). */
export interface MetricColumns {
  readonly values: readonly ArrayLike<number>[];
}

/** Additive columns summed over entities, day by day: `daily.spend[i]` is day i's spend. */
export type DailyTotals = Readonly<Record<AdditiveMetric, Float64Array>>;

export function sumDaily(series: readonly MetricColumns[], days: number): DailyTotals {
  const totals = Object.fromEntries(
    ADDITIVE_METRICS.map((metric) => [metric, new Float64Array(days)]),
  ) as Record<AdditiveMetric, Float64Array>;
  for (const entity of series) {
    for (const metric of ADDITIVE_METRICS) {
      const column = entity.values[INSIGHT_METRICS.indexOf(metric)];
      const total = totals[metric];
      if (!column) continue;
      for (let day = 0; day < days; day++) total[day] = (total[day] ?? 0) + (column[day] ?? 0);
    }
  }
  return totals;
}

/** The additive totals of days [from, to] (indexes into the daily arrays, both included). */
export type PeriodTotals = Readonly<Record<AdditiveMetric, number>>;

export function totalsOf(daily: DailyTotals, from: number, to: number): PeriodTotals {
  const sum = (column: Float64Array) => {
    let total = 0;
    for (let day = Math.max(0, from); day <= to && day < column.length; day++) {
      total += column[day] ?? 0;
    }
    return total;
  };
  return Object.fromEntries(
    ADDITIVE_METRICS.map((metric) => [metric, sum(daily[metric])]),
  ) as Record<AdditiveMetric, number>;
}

export type Kpis = Readonly<Record<KpiMetric, number | null>>;

/** `numerator / denominator`, or null when there is nothing to divide by. */
function ratio(numerator: number, denominator: number, scale = 1): number | null {
  return denominator > 0 ? (numerator * scale) / denominator : null;
}

/**
 * The KPIs of a period. CTR and CPC are per link click, as Ads Manager's default columns are;
 * conversions are purchases; frequency is impressions per daily reach, since people reached on
 * different days cannot be told apart from daily rows.
 */
export function kpisOf(totals: PeriodTotals): Kpis {
  return {
    spend: totals.spend,
    impressions: totals.impressions,
    cpm: ratio(totals.spend, totals.impressions, 1000),
    link_clicks: totals.inlineLinkClicks,
    ctr: ratio(totals.inlineLinkClicks, totals.impressions),
    cpc: ratio(totals.spend, totals.inlineLinkClicks),
    conversions: totals.purchases,
    cpa: ratio(totals.spend, totals.purchases),
    conversion_value: totals.purchaseValue,
    roas: ratio(totals.purchaseValue, totals.spend),
    frequency: ratio(totals.impressions, totals.reach),
  };
}

/** The stored metrics each KPI is computed from. */
const KPI_SOURCES: Readonly<Record<KpiMetric, readonly InsightMetric[]>> = {
  spend: ['spend'],
  impressions: ['impressions'],
  cpm: ['spend', 'impressions'],
  link_clicks: ['inlineLinkClicks'],
  ctr: ['inlineLinkClicks', 'impressions'],
  cpc: ['spend', 'inlineLinkClicks'],
  conversions: ['purchases'],
  cpa: ['spend', 'purchases'],
  conversion_value: ['purchaseValue'],
  roas: ['purchaseValue', 'spend'],
  frequency: ['impressions', 'reach'],
};

/** Whether a KPI needs a metric Adlens no longer reads: it is then unknown, never a real 0. */
export function needsUnread(metric: KpiMetric, unread: readonly InsightMetric[]): boolean {
  return KPI_SOURCES[metric].some((source) => unread.includes(source));
}

/** Each day's value of one KPI, null on days it is undefined (no impressions, no purchases). */
export function dailyKpi(daily: DailyTotals, metric: KpiMetric): (number | null)[] {
  return Array.from(daily.spend, (_, day) => kpisOf(totalsOf(daily, day, day))[metric]);
}

/** Relative change, +0.125 for +12.5 %; null without a non-zero previous value. */
export function changeOf(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return current / previous - 1;
}
