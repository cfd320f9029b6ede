import { readSeries, type EntitySeries } from '@/lib/cache/series';
import { readSyncState, type DateRange } from '@/lib/cache/sync-state';
import type { AccountRecord } from '@/lib/schema/account';
import { INSIGHT_METRICS, type InsightMetric } from '@/lib/schema/insights';
import { MAX_INSIGHT_SERIES, type InsightSeries, type SeriesGetRequest } from '@/lib/schema/series';
import { epochDayOf } from '@/lib/util/dates';

const SPEND = INSIGHT_METRICS.indexOf('spend');

function totalSpend(series: EntitySeries): number {
  return series.values[SPEND]?.reduce((sum, value) => sum + value, 0) ?? 0;
}

function toMessage(series: EntitySeries): InsightSeries {
  const metrics = Object.fromEntries(
    INSIGHT_METRICS.map((metric, index) => [metric, Array.from(series.values[index] ?? [])]),
  ) as Record<InsightMetric, number[]>;
  return { entityId: series.entityId, hasRow: Array.from(series.rows, Boolean), metrics };
}

function overlap(covered: DateRange | null, since: string, until: string): DateRange | null {
  if (!covered || covered.until < since || covered.since > until) return null;
  return {
    since: covered.since > since ? covered.since : since,
    until: covered.until < until ? covered.until : until,
  };
}

/**
 * Daily series from the cache for the overlay: the entities asked for, or the biggest spenders of
 * the level, bounded in number and days.
 */
export async function seriesOf(request: SeriesGetRequest, account: AccountRecord) {
  const { accountId, level, entityIds, since, until } = request;
  const [state, all] = await Promise.all([
    readSyncState(accountId),
    readSeries(accountId, level, epochDayOf(since), epochDayOf(until), entityIds),
  ]);
  const ranked = entityIds ? all : all.sort((a, b) => totalSpend(b) - totalSpend(a));
  return {
    accountId,
    level,
    currency: account.currency,
    since,
    until,
    coverage: overlap(state.coverage[level], since, until),
    today: state.coverage[level]?.until ?? null,
    series: ranked.slice(0, MAX_INSIGHT_SERIES).map(toMessage),
    truncated: ranked.length > MAX_INSIGHT_SERIES,
  };
}
