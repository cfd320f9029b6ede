import { listAccounts } from '@/lib/cache/accounts';
import { initialSyncState, listSyncStates } from '@/lib/cache/sync-state';
import { defineHandler } from '@/lib/messaging/handler';
import { nextScheduledSync } from '@/lib/sync/schedule';
import { summarize } from '@/lib/sync/scheduler';
import { syncScheduler } from '@/lib/sync/service';

/**
 * The connected accounts' sync state: no secret in it. A content script gets only the account it
 * names (the one on screen, the protocol entry's `pageMustName`), not the list of every account of
 * the connection.
 */
export default defineHandler('sync.status', async ({ accountId }) => {
  const [accounts, states, next] = await Promise.all([
    listAccounts(),
    listSyncStates(),
    nextScheduledSync(),
  ]);
  const byAccount = new Map(states.map((state) => [state.accountId, state]));
  const scheduler = syncScheduler();
  return {
    accounts: accounts
      .filter((account) => accountId === undefined || account.accountId === accountId)
      .map((account) =>
        summarize(
          byAccount.get(account.accountId) ?? initialSyncState(account.accountId),
          scheduler.isSyncing(account.accountId),
          next,
        ),
      ),
  };
});
