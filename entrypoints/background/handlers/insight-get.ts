import { requireToken } from '@/lib/auth/require-token';
import { requireAccount } from '@/lib/cache/accounts';
import { readSyncState } from '@/lib/cache/sync-state';
import type { Handler } from '@/lib/messaging/server';
import { insightOf } from '@/lib/readers/insight';
import { syncIfQuiet } from '@/lib/sync/page-sync';
import { refreshIfStale, syncScheduler } from '@/lib/sync/service';

/**
 * What the insight panel shows, served from the cache, token expired or Meta down alike: the
 * freshness says how old it is and why. Ads Manager's own reads refresh a stale account; its
 * "sync now" starts one only when the account has been quiet for a few minutes.
 */
export const insightGet: Handler<'insight.get'> = async (request, context) => {
  await requireToken();
  const { accountId } = request;
  const account = await requireAccount(accountId);
  const state = await readSyncState(accountId);
  let refreshStarted = false;
  if (request.refresh === true) refreshStarted = await syncIfQuiet(accountId, state, Date.now());
  else if (context.senderClass === 'content-script') await refreshIfStale(accountId);
  return {
    ...(await insightOf(request, account, state)),
    freshness: {
      lastSyncAt: state.lastSyncAt,
      syncing: refreshStarted || syncScheduler().isSyncing(accountId),
      problem: state.lastError && { kind: state.lastError.kind, message: state.lastError.message },
      refreshStarted,
    },
  };
};
