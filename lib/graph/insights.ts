import type { AccountId } from '@/lib/schema/account';
import { GraphInsightsRowSchema, type GraphInsightsRow } from '@/lib/schema/graph-ads';
import type { EntityLevel } from '@/lib/schema/insights';
import type { MetricGroup } from '@/lib/schema/sync';
import { addDays, daysInRange } from '@/lib/util/dates';
import { isGraphError, type GraphClient } from './client';
import { EFFECTIVE_STATUSES } from './ad-objects';
import type { GraphQuery } from './params';
import { reportRunRows, type ReportRunPolicy } from './report-runs';

/**
 * Daily insights of one level of an ad account over a date range: one account-level query with
 * `level` and `time_increment=1` (Client checklist 10), deleted and archived objects included so
 * history adds up. When Meta asks for less data the page size halves (in the client), then the
 * range is halved, then the half goes through an async report run; a report that fails twice is
 * split by halves down to single days (Client checklist 4, 11).
 */
export interface InsightsSlice {
  readonly accountId: AccountId;
  readonly level: EntityLevel;
  readonly since: string;
  readonly until: string;
  readonly metricGroups: readonly MetricGroup[];
}

export interface InsightsFetchOptions {
  /** Start with an async report run (large slices). */
  readonly async: boolean;
  readonly pageSize: number;
  readonly minPageSize?: number;
  readonly reportRuns?: ReportRunPolicy;
}

/** Receives each page's rows as they arrive; a slice may deliver the same row twice after a retry. */
export type RowSink = (rows: readonly GraphInsightsRow[]) => void | Promise<void>;

export const INSIGHT_ID_FIELD = {
  campaign: 'campaign_id',
  adset: 'adset_id',
  ad: 'ad_id',
} as const satisfies Record<EntityLevel, keyof GraphInsightsRow>;

const ALWAYS_READ_FIELDS = ['spend', 'impressions'];

const METRIC_GROUP_FIELDS: Readonly<Record<MetricGroup, readonly string[]>> = {
  reach: ['reach', 'frequency'],
  clicks: ['clicks', 'inline_link_clicks'],
  conversions: ['actions', 'action_values', 'cost_per_action_type', 'purchase_roas'],
};

/** The Graph fields of a level's daily insights, asking only for the chosen metric groups. */
export function insightsFields(level: EntityLevel, metricGroups: readonly MetricGroup[]): string[] {
  return [
    INSIGHT_ID_FIELD[level],
    ...ALWAYS_READ_FIELDS,
    ...metricGroups.flatMap((group) => METRIC_GROUP_FIELDS[group]),
  ];
}

function jobQuery(slice: InsightsSlice): GraphQuery {
  return {
    fields: insightsFields(slice.level, slice.metricGroups),
    params: {
      level: slice.level,
      time_range: { since: slice.since, until: slice.until },
      time_increment: 1,
      filtering: [
        {
          field: `${slice.level}.effective_status`,
          operator: 'IN',
          value: EFFECTIVE_STATUSES[slice.level],
        },
      ],
      // Conversions as Ads Manager counts them: each ad set's own attribution setting.
      use_unified_attribution_setting: true,
    },
  };
}

function halves(slice: InsightsSlice): [InsightsSlice, InsightsSlice] {
  const firstDays = Math.floor(daysInRange(slice.since, slice.until) / 2);
  const middle = addDays(slice.since, firstDays - 1);
  return [
    { ...slice, until: middle },
    { ...slice, since: addDays(middle, 1) },
  ];
}

const isSingleDay = (slice: InsightsSlice) => slice.since === slice.until;

/** One way of reading a slice of an account's insights into `sink`. */
type SliceRead = (
  graph: GraphClient,
  slice: InsightsSlice,
  options: InsightsFetchOptions,
  sink: RowSink,
) => Promise<void>;

const fetchSync: SliceRead = async (graph, slice, options, sink) => {
  const query = jobQuery(slice);
  const pages = graph.pages(
    `/${slice.accountId}/insights`,
    GraphInsightsRowSchema,
    { ...query, params: { ...query.params, limit: options.pageSize } },
    {
      account: slice.accountId,
      ...(options.minPageSize === undefined ? {} : { minLimit: options.minPageSize }),
    },
  );
  for await (const rows of pages) await sink(rows);
};

const fetchAsync: SliceRead = async (graph, slice, options, sink) => {
  try {
    const pages = reportRunRows(
      graph,
      `/${slice.accountId}`,
      jobQuery(slice),
      GraphInsightsRowSchema,
      {
        account: slice.accountId,
        limit: options.pageSize,
        ...(options.minPageSize === undefined ? {} : { minLimit: options.minPageSize }),
        ...(options.reportRuns ? { policy: options.reportRuns } : {}),
      },
    );
    for await (const rows of pages) await sink(rows);
  } catch (error) {
    if (!isGraphError(error, 'report-failed') || isSingleDay(slice)) throw error;
    for (const half of halves(slice)) await fetchAsync(graph, half, options, sink);
  }
};

/** A synchronous read that falls back to an async report when Meta still wants less data. */
const fetchSyncOrAsync: SliceRead = async (graph, slice, options, sink) => {
  try {
    await fetchSync(graph, slice, options, sink);
  } catch (error) {
    if (!isGraphError(error, 'reduce-data')) throw error;
    await fetchAsync(graph, slice, options, sink);
  }
};

export const fetchDailyInsights: SliceRead = async (graph, slice, options, sink) => {
  if (options.async) {
    await fetchAsync(graph, slice, options, sink);
    return;
  }
  try {
    await fetchSync(graph, slice, options, sink);
  } catch (error) {
    if (!isGraphError(error, 'reduce-data')) throw error;
    if (isSingleDay(slice)) {
      await fetchAsync(graph, slice, options, sink);
      return;
    }
    for (const half of halves(slice)) await fetchSyncOrAsync(graph, half, options, sink);
  }
};
