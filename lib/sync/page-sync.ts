import type { SyncState } from '@/lib/cache/sync-state';
import type { AccountId } from '@/lib/schema/account';
import { readSyncSettings } from '@/lib/settings/sync';
import { syncScheduler } from './service';
import { pageMaySync } from './triggers';

/**
 * Sync now as Ads Manager may ask for it: this one account, and not again within a few minutes of
 * its last sync or attempt, so a page (or a script pretending to be one) cannot make Adlens hammer
 * Meta. Returns whether a sync was started.
 */
export async function syncIfQuiet(
  accountId: AccountId,
  state: SyncState,
  now: number,
): Promise<boolean> {
  const scheduler = syncScheduler();
  if (scheduler.isSyncing(accountId)) return false;
  if ((await readSyncSettings()).disabledAccounts.includes(accountId)) return false;
  if (!pageMaySync(state, now)) return false;
  return scheduler.request([accountId], { first: true }).length > 0;
}
