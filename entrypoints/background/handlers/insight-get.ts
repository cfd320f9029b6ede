import { readSyncState } from '@/lib/cache/sync-state';
import { defineHandler } from '@/lib/messaging/handler';
import { insightOf } from '@/lib/readers/insight';
import { syncScheduler } from '@/lib/sync/service';

/**
 * What the insight panel shows, served from the cache, token expired or Meta down alike: the
 * freshness says how old it is and why. Ads Manager's own reads refresh a stale account; its
 * "sync now" starts one only when the account has been quiet for a few minutes (the protocol
 * entry's `pageRefresh`).
 */
export default defineHandler('insight.get', async (request, { account, refreshStarted }) => {
  const state = await readSyncState(request.accountId);
  return {
    ...(await insightOf(request, account, state)),
    freshness: {
      lastSyncAt: state.lastSyncAt,
      syncing: refreshStarted || syncScheduler().isSyncing(request.accountId),
      problem: state.lastError && { kind: state.lastError.kind, message: state.lastError.message },
      refreshStarted,
    },
  };
});
