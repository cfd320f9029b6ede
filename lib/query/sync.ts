import type { QueryClient } from '@tanstack/query-core';
import { useState } from 'preact/hooks';
import { send } from '@/lib/messaging/client';
import type { AccountId, AccountSummary } from '@/lib/schema/account';
import type { FindingCounts } from '@/lib/schema/findings-counts';
import type { AuthStatus } from '@/lib/schema/messages';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { arrangeAccounts, type AccountOrder } from '@/lib/util/account-list';
import { queryKeys } from './keys';
import { useQuery } from './use-query';

/** While a sync runs its progress is polled this often; otherwise the state is read now and then. */
const SYNCING_POLL_MS = 1_000;
const IDLE_POLL_MS = 30_000;

export interface SyncView {
  readonly connection: AuthStatus | undefined;
  readonly accounts: readonly AccountSummary[];
  readonly status: readonly AccountSyncSummary[];
  /** Each account's sync state and stored findings by severity (absent while unknown). */
  readonly statusOf: ReadonlyMap<AccountId, AccountSyncSummary>;
  readonly findingsOf: ReadonlyMap<AccountId, FindingCounts>;
  /**
   * The items of a list of accounts (one per account) that match the list's search, in its order:
   * by the account's name, id, findings and failed sync.
   */
  arrange<Item>(
    items: readonly Item[],
    accountIdOf: (item: Item) => AccountId,
    list: { readonly query: string; readonly order: AccountOrder },
  ): Item[];
  /** Why Sync now failed (an AppError, said in the reader's language by the page), or null. */
  readonly error: unknown;
  syncNow(accountId?: AccountId): void;
}

/**
 * What the options page and the popup show of the sync, and Sync now: the connection, its
 * accounts' names, every account's sync state (polled while a sync runs) and its findings by
 * severity (read again after each sync).
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
  const summaries = status.data?.accounts ?? [];
  const findings = useQuery(queryClient, {
    queryKey: [...queryKeys.findingCounts(), summaries.map((summary) => summary.lastSyncAt)],
    queryFn: async () => (await send('findings.counts', {})).accounts,
    enabled: summaries.length > 0,
  });
  const [error, setError] = useState<unknown>(null);

  const names = new Map((accounts.data ?? []).map((account) => [account.accountId, account.name]));
  const statusOf = new Map(summaries.map((summary) => [summary.accountId, summary]));
  const findingsOf = new Map((findings.data ?? []).map((counts) => [counts.accountId, counts]));
  return {
    connection: connection.data,
    accounts: accounts.data ?? [],
    status: summaries,
    statusOf,
    findingsOf,
    arrange: (items, accountIdOf, list) =>
      arrangeAccounts(
        items.map((item) => {
          const accountId = accountIdOf(item);
          return {
            item,
            accountId,
            name: names.get(accountId) ?? accountId,
            findings: findingsOf.get(accountId),
            failed: statusOf.get(accountId)?.state === 'problem',
          };
        }),
        list.query,
        list.order,
      ).map(({ item }) => item),
    error,
    syncNow(accountId) {
      setError(null);
      void send('sync.now', accountId === undefined ? {} : { accountId })
        .then(() => queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus() }))
        .catch((reason: unknown) => setError(reason));
    },
  };
}
