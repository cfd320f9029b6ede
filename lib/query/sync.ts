import type { QueryClient } from '@tanstack/query-core';
import { useState } from 'preact/hooks';
import { send } from '@/lib/messaging/client';
import type { AccountId, AccountSummary } from '@/lib/schema/account';
import type { AuthStatus } from '@/lib/schema/messages';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { queryKeys } from './keys';
import { useQuery } from './use-query';

/** While a sync runs its progress is polled this often; otherwise the state is read now and then. */
const SYNCING_POLL_MS = 1_000;
const IDLE_POLL_MS = 30_000;

export interface SyncView {
  readonly connection: AuthStatus | undefined;
  readonly accounts: readonly AccountSummary[];
  readonly status: readonly AccountSyncSummary[];
  /** Why Sync now failed (an AppError, said in the reader's language by the page), or null. */
  readonly error: unknown;
  syncNow(accountId?: AccountId): void;
}

/**
 * What the options page and the popup show of the sync, and Sync now: the connection, its
 * accounts' names and every account's sync state, polled while a sync runs.
 */
export function useSyncView(queryClient: QueryClient): SyncView {
  // Shared with the Connection section: connecting or disconnecting changes the list.
  const connection = useQuery(queryClient, {
    queryKey: queryKeys.authStatus(),
    queryFn: () => send('auth.status', {}),
  });
  const status = useQuery(queryClient, {
    queryKey: [...queryKeys.syncStatus(), connection.data?.userName, connection.data?.accountCount],
    queryFn: () => send('sync.status', {}),
    refetchInterval: (query) =>
      query.state.data?.accounts.some((account) => account.state === 'syncing')
        ? SYNCING_POLL_MS
        : IDLE_POLL_MS,
  });
  const accounts = useQuery(queryClient, {
    queryKey: queryKeys.accounts(),
    queryFn: async () => (await send('accounts.list', {})).accounts,
    enabled: (status.data?.accounts.length ?? 0) > 0,
  });
  const [error, setError] = useState<unknown>(null);

  return {
    connection: connection.data,
    accounts: accounts.data ?? [],
    status: status.data?.accounts ?? [],
    error,
    syncNow(accountId) {
      setError(null);
      void send('sync.now', accountId === undefined ? {} : { accountId })
        .then(() => queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus() }))
        .catch((reason: unknown) => setError(reason));
    },
  };
}
