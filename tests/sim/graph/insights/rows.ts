import { addDays, epochDay, monthStart } from '../../world/calendar';
import type { MetricValues } from '../../world/stats-table';
import type { Level, SimAccount, SimEntity, World } from '../../world/types';
import type { DateRange } from '../date-presets';
import { invalidParameter } from '../errors';
import { matchesFilter } from '../filtering';
import { splitByBreakdowns } from './breakdowns';
import {
  formatRow,
  numericValue,
  type InsightsRow,
  type RowContext,
  type RowSubject,
} from './format';
import {
  NUMERIC_FIELDS,
  type Filter,
  type InsightsLevel,
  type InsightsQuery,
  type TimeIncrement,
} from './query';

/**
 * Turns a validated insights query on a node into rows: one per subject (account, campaign, ad set or
 * ad), time bucket and breakdown slice that had delivery. No delivery, no row.
 */

const RANK: Readonly<Record<InsightsLevel, number>> = { account: 0, campaign: 1, adset: 2, ad: 3 };
/** Breakdowns on ranges starting more than 13 months ago lose reach (meta-graph-api.md §1). */
const REACH_WITH_BREAKDOWNS_DAYS = 394;

export function insightsRows(
  world: World,
  node: RowSubject,
  query: InsightsQuery,
  today: string,
): InsightsRow[] {
  const level =
    RANK[query.level ?? node.level] > RANK[node.level] ? (query.level ?? node.level) : node.level;
  const subjects = subjectsOf(world, node, level, query.filters);
  const metricFilters = query.filters.filter((filter) => isMetricField(filter.field));
  const rows: { row: InsightsRow; context: RowContext }[] = [];
  for (const range of query.ranges) {
    const buckets = bucketsOf(range, query.ranges.length > 1 ? 'all_days' : query.increment);
    const withholdReach =
      query.breakdowns.length > 0 &&
      epochDay(today) - epochDay(range.since) > REACH_WITH_BREAKDOWNS_DAYS;
    for (const subject of subjects) {
      const stats = statsPerBucket(world, subject.statsId, buckets);
      buckets.forEach((bucket, index) => {
        const values = stats[index];
        if (!values) return;
        const cells = query.breakdowns.length
          ? splitByBreakdowns(
              world,
              subject.statsId,
              subject.account.currency,
              query.breakdowns,
              bucket,
              values,
            )
          : [{ labels: {}, values }];
        for (const cell of cells) {
          const context: RowContext = {
            subject,
            dateStart: bucket.since,
            dateStop: bucket.until,
            labels: cell.labels,
            values: cell.values,
            windows: query.windows,
            withholdReach,
          };
          if (
            !metricFilters.every((f) =>
              matchesFilter(numericValue(f.field, context), f.operator, f.value),
            )
          ) {
            continue;
          }
          rows.push({ row: formatRow(query.fields, context), context });
        }
      });
    }
  }
  return sortRows(rows, query).map(({ row }) => row);
}

function isMetricField(field: string): boolean {
  return (NUMERIC_FIELDS as readonly string[]).includes(field);
}

function sortRows(
  rows: { row: InsightsRow; context: RowContext }[],
  query: InsightsQuery,
): { row: InsightsRow; context: RowContext }[] {
  if (query.sort.length === 0) return rows;
  const keyed = rows.map((entry) => ({
    entry,
    keys: query.sort.map(({ field }) =>
      field === 'date_start' || field === 'date_stop'
        ? epochDay(field === 'date_start' ? entry.context.dateStart : entry.context.dateStop)
        : (numericValue(field, entry.context) ?? 0),
    ),
  }));
  keyed.sort((a, b) => {
    for (const [i, { descending }] of query.sort.entries()) {
      const difference = (a.keys[i] ?? 0) - (b.keys[i] ?? 0);
      if (difference !== 0) return descending ? -difference : difference;
    }
    return 0;
  });
  return keyed.map(({ entry }) => entry);
}

/** Time buckets of a range: single days, N-day chunks, calendar months, or the whole range. */
function bucketsOf(range: DateRange, increment: TimeIncrement): DateRange[] {
  if (increment === 'all_days') return [range];
  const buckets: DateRange[] = [];
  let since = range.since;
  while (since <= range.until) {
    const end =
      increment === 'monthly' ? addDays(monthStart(since, 1), -1) : addDays(since, increment - 1);
    const until = end < range.until ? end : range.until;
    buckets.push({ since, until });
    since = addDays(until, 1);
  }
  return buckets;
}

function statsPerBucket(
  world: World,
  statsId: string,
  buckets: readonly DateRange[],
): (MetricValues | undefined)[] {
  const first = buckets[0];
  const last = buckets.at(-1);
  if (first && last && buckets.every((bucket) => bucket.since === bucket.until)) {
    const byDate = new Map(
      world.daily(statsId, first.since, last.until).map((day) => [day.date, day]),
    );
    return buckets.map((bucket) => byDate.get(bucket.since));
  }
  return buckets.map((bucket) => world.totals(statsId, bucket.since, bucket.until));
}

const ENTITY_LEVELS: readonly Level[] = ['campaign', 'adset', 'ad'];

/**
 * The subjects at `level` under the node, after entity filters. Deleted objects are left out of
 * rows reached through a parent unless an effective_status filter asks for them; reached directly
 * (their own node), they still answer.
 */
function subjectsOf(
  world: World,
  node: RowSubject,
  level: InsightsLevel,
  filters: readonly Filter[],
): RowSubject[] {
  const entityFilters = filters.filter((filter) => !isMetricField(filter.field));
  for (const filter of entityFilters) checkEntityFilter(filter, level);
  if (level === node.level) {
    return [node].filter((subject) =>
      entityFilters.every((filter) => entityFilterMatches(filter, subject)),
    );
  }
  const deletedWanted = entityFilters.some(
    (filter) =>
      filter.field.endsWith('.effective_status') &&
      JSON.stringify(filter.value).includes('DELETED'),
  );
  const nodeId = node.statsId;
  return world
    .entities(node.account.accountId, level as Level)
    .filter(
      (entity) =>
        node.level === 'account' || entity.campaignId === nodeId || entity.adsetId === nodeId,
    )
    .filter((entity) => deletedWanted || entity.effectiveStatus !== 'DELETED')
    .map((entity) => entitySubject(world, node.account, entity))
    .filter((subject) => entityFilters.every((filter) => entityFilterMatches(filter, subject)));
}

export function entitySubject(world: World, account: SimAccount, entity: SimEntity): RowSubject {
  const campaign = entity.level === 'campaign' ? entity : world.entity(entity.campaignId ?? '');
  const adset = entity.level === 'adset' ? entity : world.entity(entity.adsetId ?? '');
  return {
    level: entity.level,
    statsId: entity.id,
    account,
    ...(campaign ? { campaign } : {}),
    ...(adset ? { adset } : {}),
    ...(entity.level === 'ad' ? { ad: entity } : {}),
  };
}

const ENTITY_FILTER_ATTRIBUTES: Readonly<
  Record<string, (entity: SimEntity) => string | undefined>
> = {
  id: (entity) => entity.id,
  name: (entity) => entity.name,
  effective_status: (entity) => entity.effectiveStatus,
  configured_status: (entity) => entity.status,
  objective: (entity) => entity.objective,
};

function checkEntityFilter(filter: Filter, level: InsightsLevel): void {
  const [prefix, attribute] = filter.field.split('.');
  const filterLevel = ENTITY_LEVELS.find((each) => each === prefix);
  if (!filterLevel || !attribute || !ENTITY_FILTER_ATTRIBUTES[attribute]) {
    throw invalidParameter(
      `Filtering field '${filter.field}' with operation '${filter.operator}' is not supported`,
    );
  }
  if (RANK[filterLevel] > RANK[level]) {
    throw invalidParameter(
      `Filtering field '${filter.field}' needs level=${filterLevel} or finer; this simulator does not filter ${level} rows by their ${filterLevel}s`,
    );
  }
}

function entityFilterMatches(filter: Filter, subject: RowSubject): boolean {
  const [prefix, attribute] = filter.field.split('.');
  const entity =
    prefix === 'campaign' ? subject.campaign : prefix === 'adset' ? subject.adset : subject.ad;
  const read = ENTITY_FILTER_ATTRIBUTES[attribute ?? ''];
  if (!entity || !read) return false;
  return matchesFilter(read(entity), filter.operator, filter.value);
}
