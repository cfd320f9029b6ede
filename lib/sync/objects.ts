import type { EntityRecord } from '@/lib/cache/entities';
import type { AccountId } from '@/lib/schema/account';
import type { GraphAdObject } from '@/lib/schema/graph-ads';
import type { EntityLevel } from '@/lib/schema/insights';
import { parseScaledDecimal } from '@/lib/util/decimal';

/** Ad objects as the cache keeps them. */

/** `2026-03-21T22:33:56-0700` → ms since the epoch. */
export function graphTimeToMs(time: string | undefined): number | null {
  if (time === undefined) return null;
  const ms = Date.parse(time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : null;
}

/** Budgets arrive in minor units already (USD cents, JPY yen): only parsed, never scaled. */
function budget(value: string | undefined): number | null {
  return value === undefined ? null : parseScaledDecimal(value, 0);
}

export function toEntityRecord(
  accountId: AccountId,
  level: EntityLevel,
  object: GraphAdObject,
): EntityRecord {
  return {
    accountId,
    level,
    entityId: object.id,
    name: object.name,
    status: object.status,
    effectiveStatus: object.effective_status,
    campaignId: level === 'campaign' ? null : (object.campaign_id ?? null),
    adsetId: level === 'ad' ? (object.adset_id ?? null) : null,
    objective: object.objective ?? null,
    dailyBudgetMinor: budget(object.daily_budget),
    lifetimeBudgetMinor: budget(object.lifetime_budget),
    createdTime: graphTimeToMs(object.created_time),
    updatedTime: graphTimeToMs(object.updated_time),
    startTime: graphTimeToMs(object.start_time),
    gone: false,
  };
}
