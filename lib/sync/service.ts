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
import { accountsToResume, enabledAccounts, isStale, SyncScheduler } from './scheduler';
import { sessionThrottleStore } from './throttle-store';

/**
 * The worker's one sync scheduler with its real dependencies: the vault's token, a Graph client
 * paced through `storage.session`, the settings, alarms. Entry points call the functions below.
 */
let scheduler: SyncScheduler | undefined;
let gate: ThrottleGate | undefined;

export function syncScheduler(): SyncScheduler {
  gate ??= new ThrottleGate(sessionThrottleStore(), systemTiming);
  const throttle = gate;
  return (scheduler ??= new SyncScheduler({
    withToken: withAccessToken,
    currentToken: readToken,
    createGraph: (accessToken, onCall) => createGraphClient({ accessToken, throttle, onCall }),
    readSettings: readSyncSettings,
    now: () => Date.now(),
    wakeAt: (at) => scheduleResume(at),
  }));
}

/** Queues a sync of one connected account, or of every enabled one. */
export async function requestSync(accountId?: AccountId): Promise<AccountId[]> {
  if (accountId !== undefined) {
    return (await getAccount(accountId)) ? syncScheduler().request([accountId]) : [];
  }
  return syncScheduler().request(await enabledAccounts(await readSyncSettings()));
}

/** Ads Manager opened on an account: refresh it in the background if it is stale. */
export async function refreshIfStale(accountId: AccountId): Promise<void> {
  const settings = await readSyncSettings();
  if (settings.disabledAccounts.includes(accountId) || syncScheduler().isSyncing(accountId)) return;
  if (isStale(await readSyncState(accountId), settings, Date.now())) {
    syncScheduler().request([accountId]);
  }
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
