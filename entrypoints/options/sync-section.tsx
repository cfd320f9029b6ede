import type { QueryClient } from '@tanstack/query-core';
import { useEffect, useState } from 'preact/hooks';
import { SyncScheduleField } from '@/components/SyncScheduleField';
import { SyncStatusTable } from '@/components/SyncStatusTable';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { useQuery } from '@/lib/query/use-query';
import type { AccountId } from '@/lib/schema/account';
import { AppError } from '@/lib/schema/errors';
import type { SyncSettings } from '@/lib/schema/sync';
import { readSyncSettings, syncSettings } from '@/lib/settings/sync';

/** While a sync runs its progress is polled this often; otherwise the state is read now and then. */
const SYNCING_POLL_MS = 1_000;
const IDLE_POLL_MS = 30_000;

/** The options page's Sync section: each account's sync state, and Sync now. */
export function SyncSection({ queryClient }: { readonly queryClient: QueryClient }) {
  // The connection's query, shared with its section: connecting or disconnecting changes the list.
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
  const hasAccounts = (status.data?.accounts.length ?? 0) > 0;
  const accounts = useQuery(queryClient, {
    queryKey: queryKeys.accounts(),
    queryFn: async () => (await send('accounts.list', {})).accounts,
    enabled: hasAccounts,
  });
  const [error, setError] = useState<string | null>(null);
  const [settings, setSettings] = useState<SyncSettings | null>(null);
  useEffect(() => {
    void readSyncSettings().then(setSettings);
  }, []);

  function changeInterval(intervalMinutes: SyncSettings['intervalMinutes']) {
    if (!settings) return;
    const next = { ...settings, intervalMinutes };
    setSettings(next);
    // The background watches this setting and moves its alarm.
    void syncSettings
      .setValue(next)
      .then(() => queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus() }));
  }

  function syncNow(accountId?: AccountId) {
    setError(null);
    void send('sync.now', accountId === undefined ? {} : { accountId })
      .then(() => queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus() }))
      .catch((reason: unknown) =>
        setError(reason instanceof AppError ? reason.message : 'The sync could not start.'),
      );
  }

  if (!hasAccounts) return null;
  return (
    <section class="card" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      <p class="help">
        Adlens copies your accounts’ campaigns, ad sets, ads and daily insights into this browser:
        90 days at first, then, on the schedule below or when you ask, what is new plus the last 28
        days, which Meta still revises.
      </p>
      {error && (
        <p class="error" role="alert" data-testid="sync-error">
          {error}
        </p>
      )}
      {settings && (
        <SyncScheduleField intervalMinutes={settings.intervalMinutes} onChange={changeInterval} />
      )}
      <SyncStatusTable
        accounts={accounts.data ?? []}
        status={status.data?.accounts ?? []}
        now={Date.now()}
        onSyncNow={syncNow}
      />
    </section>
  );
}
