import { epochDayOf, previousPeriod, type DateRange } from '@/lib/util/dates';
import type { InsightKpi } from '@/lib/schema/insight';
import type { InsightMetric } from '@/lib/schema/insights';
import { KPI_METRICS, kpisOf, needsUnread, totalsOf, type DailyTotals } from './kpis';
import { covers } from './periods';

/**
 * The days a comparison reads: the range, the period of the same length before it, and, for a
 * trend's band, `leadDays` more before the range. Day indexes count from `firstDay`.
 */
export interface ComparisonWindow {
  readonly range: DateRange;
  readonly previous: DateRange;
  readonly firstDay: number;
  readonly lastDay: number;
}

export function comparisonWindow(range: DateRange, leadDays = 0): ComparisonWindow {
  const previous = previousPeriod(range);
  const firstDay = Math.min(epochDayOf(previous.since), epochDayOf(range.since) - leadDays);
  return { range, previous, firstDay, lastDay: epochDayOf(range.until) };
}

/**
 * KPIs of the range against the period before it, from daily totals starting at the window's
 * first day. A period the synced days do not cover is unknown (null), never zero, and so is a
 * KPI of a metric Adlens no longer reads (`unread`).
 */
export function compareKpis(
  daily: DailyTotals,
  window: ComparisonWindow,
  coverage: DateRange | null,
  unread: readonly InsightMetric[],
): { covered: { current: boolean; previous: boolean }; kpis: InsightKpi[] } {
  const kpisOver = ({ since, until }: DateRange) =>
    kpisOf(
      totalsOf(daily, epochDayOf(since) - window.firstDay, epochDayOf(until) - window.firstDay),
    );
  const covered = {
    current: covers(coverage, window.range),
    previous: covers(coverage, window.previous),
  };
  const current = covered.current ? kpisOver(window.range) : null;
  const previous = covered.previous ? kpisOver(window.previous) : null;
  const kpis = KPI_METRICS.map((metric) =>
    needsUnread(metric, unread)
      ? { metric, current: null, previous: null }
      : { metric, current: current?.[metric] ?? null, previous: previous?.[metric] ?? null },
  );
  return { covered, kpis };
}
