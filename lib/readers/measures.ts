import { readSeries } from '@/lib/cache/series';
import { compareKpis, comparisonWindow, type ComparisonWindow } from '@/lib/insight/comparison';
import { dailyKpi, needsUnread, sumDaily, type DailyTotals } from '@/lib/insight/kpis';
import { trendOf } from '@/lib/insight/trend';
import type { AccountId } from '@/lib/schema/account';
import type { InsightMetric } from '@/lib/schema/insights';
import type { KpiMetric } from '@/lib/schema/insight';
import { unfetchedMetrics } from '@/lib/schema/sync';
import type { EntityLevel } from '@/lib/schema/vocabulary';
import { readSyncSettings } from '@/lib/settings/sync';
import type { DateRange } from '@/lib/util/dates';
import { daysInRange } from '@/lib/util/dates';

/**
 * Read series → sum → compare, once for the insight panel and snapshots: the subject's own daily
 * series (the campaigns' summed for the account) over a comparison window, and the metrics Adlens
 * no longer reads, which every KPI and line built from them leaves unknown.
 */

export interface MeasureSubject {
  readonly accountId: AccountId;
  /** The level whose series are read: the campaigns' for the account. */
  readonly level: EntityLevel;
  /** null for the account. */
  readonly entityId: string | null;
}

interface WindowTotals {
  readonly window: ComparisonWindow;
  readonly daily: DailyTotals;
  readonly unread: readonly InsightMetric[];
}

async function readTotals(
  subject: MeasureSubject,
  window: ComparisonWindow,
): Promise<WindowTotals> {
  const { accountId, level, entityId } = subject;
  const ids = entityId === null ? undefined : [entityId];
  const series = await readSeries(accountId, level, window.firstDay, window.lastDay, ids);
  const daily = sumDaily(series, window.lastDay - window.firstDay + 1);
  const unread = unfetchedMetrics((await readSyncSettings()).metricGroups);
  return { window, daily, unread };
}

/** The daily trends the panel draws, each with its expected band. */
const TREND_METRICS: readonly KpiMetric[] = ['spend', 'cpm', 'ctr', 'cpa'];
/** Days before the range the band is fitted on, so a short range still gets its weekly rhythm. */
const BASELINE_DAYS = 28;

/** The insight panel's KPIs against the period before, and its trends while the range is covered. */
export async function panelMeasures(
  subject: MeasureSubject,
  range: DateRange,
  coverage: DateRange | null,
) {
  const { window, daily, unread } = await readTotals(
    subject,
    comparisonWindow(range, BASELINE_DAYS),
  );
  const { covered, kpis } = compareKpis(daily, window, coverage, unread);
  const rangeDays = daysInRange(window.range.since, window.range.until);
  const trends = covered.current
    ? TREND_METRICS.filter((metric) => !needsUnread(metric, unread)).map((metric) => ({
        metric,
        days: trendOf(daily, metric, rangeDays),
      }))
    : [];
  return { range: window.range, previous: window.previous, covered, kpis, trends };
}

/** The daily lines a snapshot carries; the KPIs carry the rest. */
const SERIES_METRICS: readonly KpiMetric[] = ['spend', 'impressions', 'link_clicks', 'conversions'];

/** A snapshot's KPIs against the period before, and its daily lines over the range. */
export async function snapshotMeasures(
  subject: MeasureSubject,
  range: DateRange,
  coverage: DateRange | null,
) {
  const { window, daily, unread } = await readTotals(subject, comparisonWindow(range));
  const rangeStart = (window.lastDay - window.firstDay + 1) / 2;
  return {
    kpis: compareKpis(daily, window, coverage, unread).kpis,
    series: SERIES_METRICS.map((metric) => {
      const values = dailyKpi(daily, metric).slice(rangeStart);
      return { metric, values: needsUnread(metric, unread) ? values.map(() => null) : values };
    }),
  };
}
