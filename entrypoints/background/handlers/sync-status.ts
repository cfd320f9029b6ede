import { listAccounts } from '@/lib/cache/accounts';
import { initialSyncState, listSyncStates } from '@/lib/cache/sync-state';
import type { Handler } from '@/lib/messaging/server';
import { nextScheduledSync } from '@/lib/sync/schedule';
import { summarize } from '@/lib/sync/scheduler';
import { syncScheduler } from '@/lib/sync/service';

/** Every connected account's sync state: no secret in it, so content scripts may ask too. */
export const syncStatus: Handler<'sync.status'> = async () => {
  const [accounts, states, next] = await Promise.all([
    listAccounts(),
    listSyncStates(),
    nextScheduledSync(),
  ]);
  const byAccount = new Map(states.map((state) => [state.accountId, state]));
  const scheduler = syncScheduler();
  return {
    accounts: accounts.map(({ accountId }) =>
      summarize(
        byAccount.get(accountId) ?? initialSyncState(accountId),
        scheduler.isSyncing(accountId),
        next,
      ),
    ),
  };
};
