import type { AccountInput, DailyRow, EffectiveStatus, EntityNode } from '@/lib/anomaly';
import { listEntities, type EntityRecord } from '@/lib/cache/entities';
import { readSeries, type EntitySeries } from '@/lib/cache/series';
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

export function entityNode(entity: EntityRecord, timeZone: string): EntityNode {
  const start = entity.startTime ?? entity.createdTime;
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
    ...(start === null ? {} : { startDate: dateInTimeZone(start, timeZone) }),
  };
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

/** The account as the engine takes it, with rows up to and including `asOf`. */
export async function readAccountInput(
  account: AccountRecord,
  asOf: string,
): Promise<AccountInput> {
  const lastDay = epochDayOf(asOf);
  const firstDay = lastDay - HISTORY_DAYS + 1;
  const entities: EntityNode[] = [];
  const daily = new Map<string, DailyRow[]>();
  for (const level of ENTITY_LEVELS) {
    for (const entity of await listEntities(account.accountId, level)) {
      entities.push(entityNode(entity, account.timezoneName));
    }
    for (const series of await readSeries(account.accountId, level, firstDay, lastDay)) {
      daily.set(series.entityId, dailyRows(series, firstDay));
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
