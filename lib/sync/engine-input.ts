import type {
  AccountInput,
  BudgetChange,
  DailyRow,
  EffectiveStatus,
  EntityNode,
} from '@/lib/anomaly';
import { readChanges, type EntityChange } from '@/lib/cache/changes';
import { listEntities, type EntityRecord } from '@/lib/cache/entities';
import { readSeriesOfRun, type EntitySeries } from '@/lib/cache/series';
import { EFFECTIVE_STATUSES } from '@/lib/graph/ad-objects';
import type { AccountRecord } from '@/lib/schema/account';
import { ENTITY_LEVELS, INSIGHT_METRICS, type InsightMetric } from '@/lib/schema/insights';
import { dateInTimeZone, dateOfEpochDay, epochDayOf } from '@/lib/util/dates';

/**
 * The anomaly engine's view of one cached account: its campaigns, ad sets and ads, and their daily
 * rows over the days the engine looks at. Money stays in minor units, days in the account's zone.
 */

/** The engine looks back at most this far (lib/anomaly/account-view.ts keeps 120 days). */
export const HISTORY_DAYS = 120;

/** Every status Graph reports; ads can take them all. */
const KNOWN_STATUSES: ReadonlySet<string> = new Set(EFFECTIVE_STATUSES.ad);

function effectiveStatusOf(entity: EntityRecord): EffectiveStatus {
  if (entity.gone) return 'DELETED';
  // Only ACTIVE delivers for the engine; a status Meta added since is one that explains silence.
  return KNOWN_STATUSES.has(entity.effectiveStatus)
    ? (entity.effectiveStatus as EffectiveStatus)
    : 'WITH_ISSUES';
}

export function entityNode(
  entity: EntityRecord,
  timeZone: string,
  changes: readonly EntityChange[] = [],
): EntityNode {
  const start = entity.startTime ?? entity.createdTime;
  const budgetHistory = budgetHistoryOf(entity, changes, timeZone);
  return {
    id: entity.entityId,
    level: entity.level,
    ...(entity.campaignId === null ? {} : { campaignId: entity.campaignId }),
    ...(entity.adsetId === null ? {} : { adsetId: entity.adsetId }),
    effectiveStatus: effectiveStatusOf(entity),
    ...(entity.dailyBudgetMinor === null ? {} : { dailyBudgetMinor: entity.dailyBudgetMinor }),
    ...(entity.lifetimeBudgetMinor === null
      ? {}
      : { lifetimeBudgetMinor: entity.lifetimeBudgetMinor }),
    ...(budgetHistory.length === 0 ? {} : { budgetHistory }),
    ...(start === null ? {} : { startDate: dateInTimeZone(start, timeZone) }),
  };
}

const BUDGET_FIELDS: ReadonlySet<string> = new Set(['dailyBudgetMinor', 'lifetimeBudgetMinor']);

/**
 * The budget edits sync saw (the `changes` table) as the engine's budget history, so a raised
 * budget is read as a raise and not as overspend. Before the first edit seen, the budget it
 * replaced is assumed; with no edit seen there is no history and the engine judges spend against
 * its own past as well as today's budget.
 */
export function budgetHistoryOf(
  entity: EntityRecord,
  changes: readonly EntityChange[],
  timeZone: string,
): BudgetChange[] {
  const edits = changes
    .filter((change) => change.entityId === entity.entityId && BUDGET_FIELDS.has(change.field))
    .sort((a, b) => a.time - b.time);
  const [first] = edits;
  if (!first) return [];
  const budget: { dailyBudgetMinor?: number; lifetimeBudgetMinor?: number } = {};
  const set = (field: string, value: EntityChange['after']): void => {
    const key = field === 'dailyBudgetMinor' ? 'dailyBudgetMinor' : 'lifetimeBudgetMinor';
    if (typeof value === 'number' && value > 0) budget[key] = value;
    else delete budget[key];
  };
  // The budget before the first edit of each field is that edit's "before".
  for (const field of BUDGET_FIELDS) {
    const earliest = edits.find((edit) => edit.field === field);
    if (earliest) set(field, earliest.before);
    else
      set(field, entity[field === 'dailyBudgetMinor' ? 'dailyBudgetMinor' : 'lifetimeBudgetMinor']);
  }
  const since = entity.startTime ?? entity.createdTime ?? first.time;
  const history: BudgetChange[] = [
    { from: dateInTimeZone(Math.min(since, first.time), timeZone), ...budget },
  ];
  for (const edit of edits) {
    set(edit.field, edit.after);
    const from = dateInTimeZone(edit.time, timeZone);
    // Several edits on one day: the last one holds from that day on.
    if (history.at(-1)?.from === from) history.pop();
    history.push({ from, ...budget });
  }
  return history;
}

const column = Object.fromEntries(
  INSIGHT_METRICS.map((metric, index) => [metric, index]),
) as Record<InsightMetric, number>;

/** The days Meta sent a row for, as the engine's rows (a day without one had no delivery). */
export function dailyRows(series: EntitySeries, firstDay: number): DailyRow[] {
  const value = (metric: InsightMetric, offset: number) =>
    series.values[column[metric]]![offset] ?? 0;
  const rows: DailyRow[] = [];
  series.rows.forEach((present, offset) => {
    if (!present) return;
    rows.push({
      date: dateOfEpochDay(firstDay + offset),
      spendMinor: value('spend', offset),
      impressions: value('impressions', offset),
      reach: value('reach', offset),
      clicks: value('clicks', offset),
      linkClicks: value('inlineLinkClicks', offset),
      conversions: value('purchases', offset),
      conversionValueMinor: value('purchaseValue', offset),
    });
  });
  return rows;
}

/** Entities whose daily series are read and turned into rows at a time. */
const READ_BATCH = 250;

/** The account as the engine takes it, with rows up to and including `asOf`. */
export async function readAccountInput(
  account: AccountRecord,
  asOf: string,
): Promise<AccountInput> {
  const lastDay = epochDayOf(asOf);
  const firstDay = lastDay - HISTORY_DAYS + 1;
  const entities: EntityNode[] = [];
  const daily = new Map<string, DailyRow[]>();
  const changes = await readChanges(account.accountId);
  const changesOf = new Map<string, EntityChange[]>();
  for (const change of changes) {
    if (!BUDGET_FIELDS.has(change.field)) continue;
    const list = changesOf.get(change.entityId) ?? [];
    list.push(change);
    changesOf.set(change.entityId, list);
  }
  for (const level of ENTITY_LEVELS) {
    const ids: string[] = [];
    for (const entity of await listEntities(account.accountId, level)) {
      entities.push(entityNode(entity, account.timezoneName, changesOf.get(entity.entityId)));
      ids.push(entity.entityId);
    }
    // A few hundred entities per read: a large account's whole level read and turned into rows in
    // one go held the worker for most of a second. The ids come in key order, so each batch is one
    // range of the store.
    for (let start = 0; start < ids.length; start += READ_BATCH) {
      const batch = ids.slice(start, start + READ_BATCH);
      const read = await readSeriesOfRun(account.accountId, level, firstDay, lastDay, batch);
      for (const series of read) {
        daily.set(series.entityId, dailyRows(series, firstDay));
      }
    }
  }
  return {
    accountId: account.accountId,
    currency: account.currency,
    accountStatus: account.status,
    entities,
    daily,
  };
}
