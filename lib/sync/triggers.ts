import type { SyncProblem, SyncState } from '@/lib/cache/sync-state';
import type { AccountId } from '@/lib/schema/account';
import type { SyncSettings } from '@/lib/schema/sync';

/**
 * When a sync starts without the user pressing Sync now in an extension page, and when it waits.
 * Connecting starts every account that needs it; Ads Manager opened on an account starts it when
 * it is stale; a restarted worker carries on. None of them may hammer Meta: a failed sync is
 * retried after a back-off that doubles with each failure in a row, and the page can start an
 * account's sync at most once every few minutes, whatever it asks.
 */

/** The page (Ads Manager, or a script pretending to be it) starts an account's sync this rarely. */
export const PAGE_SYNC_INTERVAL_MS = 5 * 60_000;
/** After a failed sync, automatic ones wait this long, doubled for each further failure in a row… */
export const FAILURE_BACKOFF_MS = 5 * 60_000;
/** …up to this. */
export const MAX_FAILURE_BACKOFF_MS = 6 * 3_600_000;

/** The wait after `failures` failed syncs in a row (1 or more). */
export function failureBackoffMs(failures: number): number {
  const doublings = Math.min(Math.max(failures, 1) - 1, 20);
  return Math.min(FAILURE_BACKOFF_MS * 2 ** doublings, MAX_FAILURE_BACKOFF_MS);
}

/**
 * When automatic syncs may try again after `problem`: Meta's own time for a rate limit that gives
 * one, else the back-off. A rejected token waits for the user to reconnect.
 */
export function retryAt(problem: SyncProblem): number {
  if (problem.kind === 'reconnect') return Number.POSITIVE_INFINITY;
  if (problem.kind === 'rate-limited' && problem.until !== null) return problem.until;
  return problem.at + failureBackoffMs(problem.failures ?? 1);
}

/** The problem to record for a failure that follows `previous`: it counts the failures in a row. */
export function nextFailure(problem: SyncProblem, previous: SyncProblem | null): SyncProblem {
  return { ...problem, failures: (previous?.failures ?? (previous ? 1 : 0)) + 1 };
}

function maxAgeMs(settings: SyncSettings): number {
  return Math.max(settings.intervalMinutes, 60) * 60_000;
}

/** The data is older than the schedule (or was never read). */
function outdated(state: SyncState, settings: SyncSettings, now: number): boolean {
  return state.lastSyncAt === null || now - state.lastSyncAt > maxAgeMs(settings);
}

/** Whether an account opened in Ads Manager deserves a refresh now (the back-off over). */
export function isStale(state: SyncState, settings: SyncSettings, now: number): boolean {
  if (state.lastError && retryAt(state.lastError) > now) return false;
  return outdated(state, settings, now);
}

/** The last time the account's sync finished, failed or started. */
export function lastAttemptAt(state: SyncState): number {
  return Math.max(state.lastSyncAt ?? 0, state.lastError?.at ?? 0, state.run?.startedAt ?? 0);
}

/** Whether the page may start this account's sync now: Ads Manager's own Sync now. */
export function pageMaySync(state: SyncState, now: number): boolean {
  return now - lastAttemptAt(state) >= PAGE_SYNC_INTERVAL_MS;
}

/** Whether opening or reading the account in Ads Manager starts its sync by itself. */
export function pageMayRefresh(state: SyncState, settings: SyncSettings, now: number): boolean {
  return isStale(state, settings, now) && pageMaySync(state, now);
}

/**
 * Whether connecting (again) starts the account's sync: never synced, older than the schedule, or
 * stopped by a problem the new connection may have solved (back-offs start over).
 */
export function dueOnConnect(state: SyncState, settings: SyncSettings, now: number): boolean {
  return state.lastError !== null || state.run !== null || outdated(state, settings, now);
}

/** The part of the scheduler a trigger uses. */
export interface SyncQueue {
  isSyncing(accountId: AccountId): boolean;
  /** Queues the accounts; returns those now queued or syncing. */
  request(accountIds: readonly AccountId[], options?: { readonly first?: boolean }): AccountId[];
}

/**
 * Ads Manager opened or read an account (`accounts.get`, `insight.get`, `series.get`): queues its
 * sync when it is stale, not already queued, and neither a failure's back-off nor the page's
 * interval runs. Returns whether a sync was queued.
 */
export function refreshFromPage(
  queue: SyncQueue,
  state: SyncState,
  settings: SyncSettings,
  now: number,
): boolean {
  const { accountId } = state;
  if (settings.disabledAccounts.includes(accountId) || queue.isSyncing(accountId)) return false;
  if (!pageMayRefresh(state, settings, now)) return false;
  // The account the user is looking at goes ahead of any other waiting.
  return queue.request([accountId], { first: true }).length > 0;
}
