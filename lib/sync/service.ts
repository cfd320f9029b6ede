import { withAccessToken } from '@/lib/auth/session';
import { readToken } from '@/lib/auth/vault';
import { getAccount } from '@/lib/cache/accounts';
import { readSyncState } from '@/lib/cache/sync-state';
import { createGraphClient } from '@/lib/graph/client';
import { ThrottleGate } from '@/lib/graph/throttle';
import { systemTiming } from '@/lib/graph/timing';
import type { AccountId } from '@/lib/schema/account';
import { readSyncSettings } from '@/lib/settings/sync';
import { applySyncSchedule, RESUME_ALARM, scheduleResume, SYNC_ALARM } from './schedule';
import { accountsToResume, enabledAccounts, largestFirst, SyncScheduler } from './scheduler';
import { sessionThrottleStore } from './throttle-store';
import { dueOnConnect, refreshFromPage } from './triggers';

/**
 * The worker's one sync scheduler with its real dependencies: the vault's token, a Graph client
 * paced through `storage.session`, the settings, alarms. Entry points call the functions below.
 */
let scheduler: SyncScheduler | undefined;
let gate: ThrottleGate | undefined;

/** The worker's one pacing of Graph calls: the sync and on-demand reads (Explain) share it. */
export function graphThrottle(): ThrottleGate {
  return (gate ??= new ThrottleGate(sessionThrottleStore(), systemTiming));
}

export function syncScheduler(): SyncScheduler {
  const throttle = graphThrottle();
  return (scheduler ??= new SyncScheduler({
    withToken: withAccessToken,
    currentToken: readToken,
    createGraph: (accessToken, onCall, signal) =>
      createGraphClient({ accessToken, throttle, onCall, signal }),
    readSettings: readSyncSettings,
    now: () => Date.now(),
    wakeAt: (at) => scheduleResume(at),
  }));
}

/** A sync whose calls were cut short ends at once; this bounds the wait should one not. */
const SYNC_STOP_WAIT_MS = 10_000;

/**
 * The token is gone: stops every sync and waits (a bounded while) for them to end, so nothing they
 * write (their queue, Meta's pacing, a last unit) outlives a wipe that follows.
 */
export async function syncsStopped(): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    syncScheduler().stop(),
    new Promise((resolve) => (timer = setTimeout(resolve, SYNC_STOP_WAIT_MS))),
  ]);
  clearTimeout(timer);
}

/** Queues a sync of one connected account, or of every enabled one. */
export async function requestSync(accountId?: AccountId): Promise<AccountId[]> {
  if (accountId !== undefined) {
    return (await getAccount(accountId)) ? syncScheduler().request([accountId]) : [];
  }
  const enabled = await enabledAccounts(await readSyncSettings());
  return syncScheduler().request(await largestFirst(enabled));
}

/**
 * Ads Manager opened or read an account: refresh it in the background if it is stale, unless a
 * failure's back-off runs or the page started it minutes ago (lib/sync/triggers.ts).
 */
export async function refreshIfStale(accountId: AccountId): Promise<void> {
  const [state, settings] = await Promise.all([readSyncState(accountId), readSyncSettings()]);
  refreshFromPage(syncScheduler(), state, settings, Date.now());
}

/** A connection was just made: the first sync of every enabled account starts at once. */
export async function syncAfterConnect(): Promise<AccountId[]> {
  const settings = await readSyncSettings();
  const due: AccountId[] = [];
  for (const accountId of await enabledAccounts(settings)) {
    if (dueOnConnect(await readSyncState(accountId), settings, Date.now())) due.push(accountId);
  }
  return due.length > 0 ? syncScheduler().request(await largestFirst(due)) : [];
}

/** Carries on with interrupted runs and rate limits that are over. */
export async function resumeSyncs(): Promise<void> {
  const enabled = await enabledAccounts(await readSyncSettings());
  const due = await accountsToResume({ now: () => Date.now(), wakeAt: scheduleResume }, enabled);
  if (due.length > 0) syncScheduler().request(due);
}

/** Worker start: the schedule as the settings say, then whatever was left unfinished. */
export async function startSyncService(): Promise<void> {
  await applySyncSchedule(await readSyncSettings());
  await resumeSyncs();
}

export async function onSyncAlarm(name: string): Promise<void> {
  if (name === SYNC_ALARM) await requestSync();
  else if (name === RESUME_ALARM) await resumeSyncs();
}
