import { browser } from '#imports';
import { Dexie } from 'dexie';
import { listAccounts } from '@/lib/cache/accounts';
import { cacheDb } from '@/lib/cache/db';
import {
  CHUNK_DAYS,
  METRIC_COUNT,
  chunkOf,
  packChunk,
  validChunk,
  type SeriesChunk,
  type StoredChunk,
} from '@/lib/cache/series';
import { listSyncStates, type Coverage, type DateRange } from '@/lib/cache/sync-state';
import type { AccountId } from '@/lib/schema/account';
import { ENTITY_LEVELS } from '@/lib/schema/insights';
import { addDays, dateInTimeZone, epochDayOf } from '@/lib/util/dates';

/**
 * Storage limitation: daily insights are kept for the last `days` days of each account's own
 * calendar (by Meta's clock, as the sync counts them), today included, and older days are deleted.
 * The same number is the sync's backfill, so the next sync never reads back what was just deleted.
 */
export const RETENTION_ALARM = 'adlens-retention';
const RETENTION_PERIOD_MINUTES = 24 * 60;

/** The first day kept when `today` is the account's today. */
export function firstKeptDay(today: string, days: number): string {
  return addDays(today, 1 - days);
}

/** Empties the days before `firstDay` in a chunk; returns the rows removed. */
export function trimChunk(chunk: SeriesChunk, firstDay: number): number {
  let removed = 0;
  for (let offset = 0; offset < CHUNK_DAYS && chunk.chunk + offset < firstDay; offset++) {
    removed += chunk.rows[offset] ?? 0;
    chunk.rows[offset] = 0;
    for (let metric = 0; metric < METRIC_COUNT; metric++) {
      chunk.values[metric * CHUNK_DAYS + offset] = 0;
    }
  }
  return removed;
}

/** A level's coverage once the days before `firstDay` are gone. */
export function trimCoverage(range: DateRange | null, firstDay: string): DateRange | null {
  if (!range || range.since >= firstDay) return range;
  return range.until < firstDay ? null : { since: firstDay, until: range.until };
}

/**
 * Deletes an account's daily insights before `firstDate`, every level; returns the rows removed.
 * Runs in the caller's transaction when it has one over `series`.
 */
export async function deleteInsightsBefore(
  accountId: AccountId,
  firstDate: string,
): Promise<number> {
  const db = cacheDb();
  const firstDay = epochDayOf(firstDate);
  const boundary = chunkOf(firstDay);
  let removed = 0;
  await db.transaction('rw', [db.series], async () => {
    for (const level of ENTITY_LEVELS) {
      const old = db.series
        .where('[accountId+level+chunk]')
        .between([accountId, level, Dexie.minKey], [accountId, level, boundary], true, true);
      const keep: StoredChunk[] = [];
      const drop: [string, string, string, number][] = [];
      await old.each((raw: unknown) => {
        const chunk = validChunk(raw);
        if (!chunk) return;
        removed += trimChunk(chunk, firstDay);
        if (chunk.rows.some((row) => row === 1)) keep.push(packChunk(chunk));
        else drop.push([chunk.accountId, chunk.level, chunk.entityId, chunk.chunk]);
      });
      await db.series.bulkPut(keep);
      await db.series.bulkDelete(drop);
    }
  });
  return removed;
}

async function pruneAccount(accountId: AccountId, firstDate: string): Promise<number> {
  const db = cacheDb();
  let removed = 0;
  await db.transaction('rw', [db.series, db.syncState], async () => {
    removed = await deleteInsightsBefore(accountId, firstDate);
    const state = await db.syncState.get(accountId);
    if (!state) return;
    const coverage = Object.fromEntries(
      ENTITY_LEVELS.map((level) => [level, trimCoverage(state.coverage[level], firstDate)]),
    ) as Coverage;
    await db.syncState.put({ ...state, coverage, rows: Math.max(0, state.rows - removed) });
  });
  return removed;
}

/** Deletes insights older than `days` days in every account; returns the rows deleted. */
export async function pruneInsights(days: number, now = Date.now()): Promise<number> {
  const [accounts, states] = await Promise.all([listAccounts(), listSyncStates()]);
  const timeZones = new Map(accounts.map((account) => [account.accountId, account.timezoneName]));
  let removed = 0;
  for (const { accountId, metaClockOffsetMs = 0 } of states) {
    // The sync backfilled by Meta's clock; counting by ours would cut days it just read.
    const today = dateInTimeZone(now + metaClockOffsetMs, timeZones.get(accountId) ?? 'UTC');
    removed += await pruneAccount(accountId, firstKeptDay(today, days));
  }
  return removed;
}

/** The daily alarm that enforces retention while nobody changes a setting. */
export async function scheduleRetention(): Promise<void> {
  if (await browser.alarms.get(RETENTION_ALARM)) return;
  await browser.alarms.create(RETENTION_ALARM, {
    delayInMinutes: 1,
    periodInMinutes: RETENTION_PERIOD_MINUTES,
  });
}
