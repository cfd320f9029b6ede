import { send } from '@/lib/messaging/page-client';
import { readPageDateRange, type PageDateRange } from '@/lib/ads-manager/date-range';
import type { AdsManagerPage } from '@/lib/ads-manager/page-detect';
import { queryKeys } from '@/lib/query/keys';
import { MAX_INSIGHT_SERIES, type SeriesGetResponse } from '@/lib/schema/series';
import type { SparklineMetric } from '@/lib/settings/overlay';
import { keyFor } from '@/lib/util/i18n';
import { addDays, dateInTimeZone, daysInRange } from '@/lib/util/dates';
import { createLookupCache, type LookupCache } from './lookup-cache';
import { pageQueryClient } from './page-query-client';
import { pageT } from './page-language';

/** The days a badge's sparkline shows: the last days of the page's date range. */
export const SPARKLINE_DAYS = 7;

/** One value per day, oldest first; null where the cache holds nothing for that day. */
export type SparklineValues = readonly (number | null)[];

export interface RowSparklines {
  /** What the line shows, for screen readers: "Amount spent, Nov 15 to Nov 21". */
  readonly label: string;
  readonly lookup: LookupCache<SparklineValues>;
}

/**
 * One metric's days for one entity of an `series.get` answer: a day without a row had no
 * delivery (0), a day outside the synced coverage is unknown (null).
 */
export function sparklineValues(
  answer: Pick<SeriesGetResponse, 'since' | 'until' | 'coverage'>,
  series: SeriesGetResponse['series'][number],
  metric: SparklineMetric,
): SparklineValues {
  return Array.from({ length: daysInRange(answer.since, answer.until) }, (_, index) => {
    const day = addDays(answer.since, index);
    const covered = answer.coverage && day >= answer.coverage.since && day <= answer.coverage.until;
    if (!covered) return null;
    return series.hasRow[index] ? (series.metrics[metric][index] ?? null) : 0;
  });
}

function windowOf(range: PageDateRange): PageDateRange {
  return { since: addDays(range.until, 1 - SPARKLINE_DAYS), until: range.until };
}

/**
 * The sparklines of the badged rows on `page`: the last 7 days of its date range in the account's
 * time zone, asked for in batches and kept in the tab's query cache. Undefined when the account is
 * unknown to the background (nothing to draw).
 */
export async function rowSparklines(
  page: AdsManagerPage,
  metric: SparklineMetric,
): Promise<RowSparklines | undefined> {
  const client = pageQueryClient();
  const { account } = await client.fetchQuery({
    queryKey: queryKeys.account(page.accountId),
    queryFn: () => send('accounts.get', { accountId: page.accountId }),
  });
  if (!account) return undefined;
  const today = dateInTimeZone(Date.now(), account.timezoneName);
  const { since, until } = windowOf(readPageDateRange(page, today));
  const scope = { accountId: page.accountId, level: page.level };
  const lookup = createLookupCache<SparklineValues>(client, {
    queryKey: queryKeys.rowSparklines({ ...scope, metric, since, until }),
    batchSize: MAX_INSIGHT_SERIES,
    async ask(entityIds) {
      const answer = await send('series.get', {
        ...scope,
        entityIds: [...entityIds],
        since,
        until,
      });
      return new Map(
        answer.series.map((series) => [series.entityId, sparklineValues(answer, series, metric)]),
      );
    },
  });
  const label = pageT('sparklineLabel', pageT(keyFor('sparkline', metric)), since, until);
  return { label, lookup };
}
