import { QueryObserver } from '@tanstack/query-core';
import { send } from '@/lib/messaging/page-client';
import { queryKeys } from '@/lib/query/keys';
import type { AccountId } from '@/lib/schema/account';
import type { SyncStatus } from '@/lib/schema/sync';
import { pageQueryClient } from '@/entrypoints/ads-manager.content/page-query-client';

/**
 * Sync state is polled this often while something on the page follows it; faster while the account
 * syncs, or has never synced (its first sync starts as the page opens).
 */
const SYNCING_POLL_MS = 2_000;
const IDLE_POLL_MS = 20_000;

/**
 * The sync state of `accountId` (the background tells a page no other), polled faster while it
 * syncs. One query per account for the whole tab, so the insight panel and the badges share it.
 */
export function syncStatusQuery(accountId: AccountId) {
  return {
    queryKey: [...queryKeys.syncStatus(), accountId],
    queryFn: () => send('sync.status', { accountId }),
    refetchInterval: (query: { state: { data: SyncStatus | undefined } }) =>
      query.state.data?.accounts.some(
        (entry) =>
          entry.accountId === accountId && (entry.state === 'syncing' || entry.state === 'never'),
      )
        ? SYNCING_POLL_MS
        : IDLE_POLL_MS,
  };
}

/** Calls `onSynced` each time a sync of `accountId` finishes, until `signal` aborts. */
export function watchAccountSyncs(
  accountId: AccountId,
  onSynced: () => void,
  signal: AbortSignal,
): void {
  const observer = new QueryObserver(pageQueryClient(), syncStatusQuery(accountId));
  /** The account's last sync when last seen: null if never, undefined before the first answer. */
  let seen: number | null | undefined;
  const unsubscribe = observer.subscribe(({ data }) => {
    if (!data) return;
    const lastSync =
      data.accounts.find((entry) => entry.accountId === accountId)?.lastSyncAt ?? null;
    if (seen !== undefined && lastSync !== seen) onSynced();
    seen = lastSync;
  });
  signal.addEventListener('abort', unsubscribe, { once: true });
}
