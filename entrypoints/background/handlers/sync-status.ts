import { listAccounts } from '@/lib/cache/accounts';
import { initialSyncState, listSyncStates } from '@/lib/cache/sync-state';
import type { Handler } from '@/lib/messaging/server';
import { AppError } from '@/lib/schema/errors';
import { nextScheduledSync } from '@/lib/sync/schedule';
import { summarize } from '@/lib/sync/scheduler';
import { syncScheduler } from '@/lib/sync/service';

/**
 * The connected accounts' sync state: no secret in it. A content script gets only the account it
 * names (the one on screen), not the list of every account of the connection.
 */
export const syncStatus: Handler<'sync.status'> = async ({ accountId }, context) => {
  if (context.senderClass === 'content-script' && accountId === undefined) {
    throw new AppError('invalid-request', 'Ads Manager asks for the sync state of one account.');
  }
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
};
