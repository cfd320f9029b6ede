import * as z from 'zod/mini';
import { AccountIdSchema, type AccountId } from '@/lib/schema/account';
import { boundedString } from '@/lib/schema/bounded';
import { EntityLevelSchema, IsoDateSchema } from '@/lib/schema/insights';
import { METRIC_GROUP_NAMES, SYNC_PROBLEMS, type MetricGroup } from '@/lib/schema/sync';
import { cacheDb } from './db';

/**
 * Per-account sync state: what is synced (coverage per level), the run in progress with its
 * checkpoint (units done), and what the user sees (last sync, rows, last problem, partial data).
 * A unit's data and its `done` flag are written in one transaction, so a worker stopped at any
 * point resumes at the first unit not done, with no duplicate and no gap.
 */
const RangeSchema = z.strictObject({ since: IsoDateSchema, until: IsoDateSchema });
export type DateRange = z.infer<typeof RangeSchema>;
const CoverageSchema = z.strictObject({
  campaign: z.nullable(RangeSchema),
  adset: z.nullable(RangeSchema),
  ad: z.nullable(RangeSchema),
});
export type Coverage = z.infer<typeof CoverageSchema>;

export const SyncUnitSchema = z.strictObject({
  level: EntityLevelSchema,
  since: IsoDateSchema,
  until: IsoDateSchema,
  /** Read through an async report run from the start (large slices). */
  async: z.boolean(),
  done: z.boolean(),
});
export type SyncUnit = z.infer<typeof SyncUnitSchema>;

const counter = z.int().check(z.minimum(0));

export const SyncRunSchema = z.strictObject({
  id: boundedString(64),
  kind: z.enum(['full', 'incremental']),
  startedAt: z.number(),
  /** The account's today when the run was planned; the run covers up to it. */
  today: IsoDateSchema,
  /** Objects changed after this (unix seconds) are read; all of them when null. */
  objectsSince: z.nullable(z.number()),
  /** The insights units, in order, planned once the objects are synced. */
  units: z.array(SyncUnitSchema).check(z.maxLength(2000)),
  /** What each level covers once the run is done; null for a level that is not synced. */
  target: CoverageSchema,
  rowsWritten: counter,
  requests: counter,
  fetchMs: z.number(),
  writeMs: z.number(),
});
export type SyncRun = z.infer<typeof SyncRunSchema>;

export const SyncProblemSchema = z.strictObject({
  kind: z.enum(SYNC_PROBLEMS),
  message: boundedString(500),
  /** For a rate limit: when syncing may resume (ms since the epoch). */
  until: z.nullable(z.number()),
  at: z.number(),
  /** Failed syncs in a row, this one included (absent: one): the back-off grows with it. */
  failures: z.optional(z.int().check(z.minimum(1))),
});
export type SyncProblem = z.infer<typeof SyncProblemSchema>;

export const LastRunSchema = z.strictObject({
  kind: z.enum(['full', 'incremental']),
  rowsWritten: counter,
  requests: counter,
  durationMs: z.number(),
  fetchMs: z.number(),
  writeMs: z.number(),
  /** The anomaly engine's run over the synced account; absent when nothing new was written. */
  detection: z.optional(
    z.strictObject({
      findings: counter,
      engineMs: z.number(),
      longestSliceMs: z.number(),
      durationMs: z.number(),
    }),
  ),
  finishedAt: z.number(),
});

export const SyncStateSchema = z.strictObject({
  accountId: AccountIdSchema,
  run: z.nullable(SyncRunSchema),
  /** Days whose insights are stored, per level: contiguous, and up to the last run's today. */
  coverage: CoverageSchema,
  /** Meta's clock (ms) when objects were last read completely or incrementally. */
  objectsSyncedAt: z.nullable(z.number()),
  /**
   * Meta's clock minus ours (ms) when objects were last read. The account's days follow Meta's
   * clock, so retention counts them the same way even when this computer's clock is off.
   */
  metaClockOffsetMs: z.optional(z.number()),
  /** The metric groups the stored insights hold; absent (stored before the choice existed) is all. */
  metricGroups: z.optional(z.array(z.enum(METRIC_GROUP_NAMES))),
  lastSyncAt: z.nullable(z.number()),
  /** Rows of daily insights stored for the account, all levels. */
  rows: counter,
  lastError: z.nullable(SyncProblemSchema),
  /** Some data is missing or older than it should be (a run stopped before it finished). */
  partial: z.boolean(),
  lastRun: z.nullable(LastRunSchema),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export function initialSyncState(accountId: AccountId): SyncState {
  return {
    accountId,
    run: null,
    coverage: { campaign: null, adset: null, ad: null },
    objectsSyncedAt: null,
    lastSyncAt: null,
    rows: 0,
    lastError: null,
    partial: false,
    lastRun: null,
  };
}

/** The stored state, or a fresh one when there is none or it no longer validates. */
export async function readSyncState(accountId: AccountId): Promise<SyncState> {
  const parsed = SyncStateSchema.safeParse(await cacheDb().syncState.get(accountId));
  return parsed.success ? parsed.data : initialSyncState(accountId);
}

export async function listSyncStates(): Promise<SyncState[]> {
  const rows: unknown[] = await cacheDb().syncState.toArray();
  return rows.flatMap((row) => {
    const parsed = SyncStateSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

export function storedMetricGroups(state: SyncState): readonly MetricGroup[] {
  return state.metricGroups ?? METRIC_GROUP_NAMES;
}

export async function writeSyncState(state: SyncState): Promise<void> {
  await cacheDb().syncState.put(state);
}
