import * as z from 'zod/mini';
import { AccountIdSchema, MAX_ACCOUNTS } from './account';
import { boundedString } from './bounded';
import { EntityLevelSchema, type InsightMetric } from './insights';

/**
 * Messages of the sync engine: start a sync, read every account's sync state (no secret in it,
 * so content scripts may ask), and read cached daily series for the overlay, bounded in size.
 */

/** Every way a sync can stop short, each with a state the user sees. */
export const SYNC_PROBLEMS = [
  /** Meta rejected the token (expired, revoked, password changed): connect again. */
  'reconnect',
  /** The token lacks a permission (ads_read, business_management). */
  'permission',
  /** Meta is limiting calls; syncing resumes at `until`. */
  'rate-limited',
  /** graph.facebook.com failed or could not be reached, even after retries. */
  'unavailable',
  /** Anything else: an answer Adlens does not understand, a refused request. */
  'error',
] as const;
export type SyncProblemKind = (typeof SYNC_PROBLEMS)[number];

export const SyncNowRequestSchema = z.strictObject({ accountId: z.optional(AccountIdSchema) });
export const SyncNowResponseSchema = z.strictObject({
  /** The accounts a sync was started or queued for. */
  accepted: z.array(AccountIdSchema).check(z.maxLength(MAX_ACCOUNTS)),
});

const count = z.int().check(z.minimum(0));
const time = z.nullable(z.number());

export const AccountSyncSummarySchema = z.strictObject({
  accountId: AccountIdSchema,
  state: z.enum(['never', 'syncing', 'synced', 'problem']),
  lastSyncAt: time,
  nextRunAt: time,
  rows: count,
  /** The run's steps (the objects, then each insights unit) and the days of insights it reads. */
  progress: z.nullable(z.strictObject({ done: count, total: count, days: count })),
  problem: z.nullable(
    z.strictObject({
      kind: z.enum(SYNC_PROBLEMS),
      message: boundedString(500),
      until: time,
    }),
  ),
  /** Some cached data is missing or stale because a sync stopped short. */
  partial: z.boolean(),
});
export type AccountSyncSummary = z.infer<typeof AccountSyncSummarySchema>;

/** How far a running sync is, in whole percent: every surface says "Reading 90 days… 40 %". */
export function syncPercent(progress: NonNullable<AccountSyncSummary['progress']>): number {
  return progress.total === 0 ? 0 : Math.floor((100 * progress.done) / progress.total);
}

export const SyncStatusResponseSchema = z.strictObject({
  accounts: z.array(AccountSyncSummarySchema).check(z.maxLength(MAX_ACCOUNTS)),
});
export type SyncStatus = z.infer<typeof SyncStatusResponseSchema>;

/** Extension pages ask for every account; Ads Manager must name the one it shows. */
export const SyncStatusRequestSchema = z.strictObject({ accountId: z.optional(AccountIdSchema) });

/** How often the scheduled sync runs; 0 turns it off. */
export const SYNC_INTERVALS_MINUTES = [0, 30, 60, 180, 360, 720, 1440] as const;
/** Graph keeps insights for 37 months; Airbyte's floor of that is 1,123 days. */
export const MAX_BACKFILL_DAYS = 1123;
/** Meta restates conversions for 28 days; looking back further gains nothing. */
export const MAX_LOOKBACK_DAYS = 28;

/**
 * The metrics the user may stop Adlens from reading, by what they cost when off. Spend and
 * impressions are always read: every view ranks and weighs entities by them.
 */
export const METRIC_GROUPS = {
  reach: ['reach', 'frequency'],
  clicks: ['clicks', 'inlineLinkClicks'],
  conversions: ['purchases', 'purchaseValue', 'costPerPurchase', 'purchaseRoas'],
} as const satisfies Record<string, readonly InsightMetric[]>;
export type MetricGroup = keyof typeof METRIC_GROUPS;
export const METRIC_GROUP_NAMES = Object.keys(METRIC_GROUPS) as MetricGroup[];

/** The metrics of the groups turned off, whose stored values are deleted. */
export function unfetchedMetrics(metricGroups: readonly MetricGroup[]): InsightMetric[] {
  return METRIC_GROUP_NAMES.filter((group) => !metricGroups.includes(group)).flatMap((group) => [
    ...METRIC_GROUPS[group],
  ]);
}

export const SyncSettingsSchema = z.strictObject({
  intervalMinutes: z.union(SYNC_INTERVALS_MINUTES.map((minutes) => z.literal(minutes))),
  /** Days of history the first sync reads, today included. */
  backfillDays: z.int().check(z.minimum(1), z.maximum(MAX_BACKFILL_DAYS)),
  /** Days every later sync reads again, today included, for restated conversions. */
  lookbackDays: z.int().check(z.minimum(1), z.maximum(MAX_LOOKBACK_DAYS)),
  levels: z.array(EntityLevelSchema).check(z.minLength(1), z.maxLength(3)),
  /** Accounts the user turned off; every other account of the connection is synced. */
  disabledAccounts: z.array(AccountIdSchema).check(z.maxLength(MAX_ACCOUNTS)),
  /** Metric groups read from Graph; the metrics of the others are neither read nor kept. */
  metricGroups: z.array(z.enum(METRIC_GROUP_NAMES)).check(z.maxLength(METRIC_GROUP_NAMES.length)),
});
export type SyncSettings = z.infer<typeof SyncSettingsSchema>;

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  intervalMinutes: 60,
  backfillDays: 90,
  lookbackDays: 28,
  levels: ['campaign', 'adset', 'ad'],
  disabledAccounts: [],
  metricGroups: METRIC_GROUP_NAMES,
};
