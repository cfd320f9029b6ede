import { detectSeries } from '@/lib/anomaly';
import type { KpiMetric } from '@/lib/schema/insight';
import { dailyKpi, type DailyTotals } from './kpis';

/** One day of a trend chart: the value, the band the baseline expects, and whether it is out. */
export interface TrendDay {
  readonly value: number | null;
  readonly expected: number;
  readonly lower: number;
  readonly upper: number;
  readonly anomalous: boolean;
}

/**
 * A KPI's daily trend over the last `days` days of `daily`, with the expected band from
 * `detectSeries` fitted on everything `daily` holds: the days before the range give the baseline
 * its weekly rhythm, so the first days of a short range get a real band too. A day without a value
 * (no impressions, no purchases) is a gap, never flagged.
 */
export function trendOf(daily: DailyTotals, metric: KpiMetric, days: number): TrendDay[] {
  const values = dailyKpi(daily, metric);
  const detection = detectSeries(values.map((value) => value ?? Number.NaN));
  const start = Math.max(0, values.length - days);
  return values.slice(start).map((value, offset) => {
    const day = start + offset;
    return {
      value,
      expected: detection.expected[day] ?? 0,
      lower: detection.lower[day] ?? 0,
      upper: detection.upper[day] ?? 0,
      anomalous: value !== null && (detection.flags[day] ?? false),
    };
  });
}
