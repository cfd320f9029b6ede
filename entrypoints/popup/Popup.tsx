import { browser } from '#imports';
import type { QueryClient } from '@tanstack/query-core';
import { ConnectionStatus } from '@/components/ConnectionStatus';
import { SyncStatusTable } from '@/components/SyncStatusTable';
import { useSyncView } from '@/lib/query/sync';

/** The toolbar popup: connected or not, each account's sync, Sync now, and the way to options. */
export function Popup({ queryClient }: { readonly queryClient: QueryClient }) {
  const view = useSyncView(queryClient);
  return (
    <main class="popup">
      <h1>Adlens</h1>
      <ConnectionStatus status={view.connection} />
      {view.error && (
        <p class="error" role="alert" data-testid="sync-error">
          {view.error}
        </p>
      )}
      {view.status.length > 0 && (
        <SyncStatusTable
          accounts={view.accounts}
          status={view.status}
          now={Date.now()}
          onSyncNow={(accountId) => view.syncNow(accountId)}
        />
      )}
      <button
        type="button"
        class="link"
        data-testid="open-options"
        onClick={() => void browser.runtime.openOptionsPage()}
      >
        Open Adlens options
      </button>
    </main>
  );
}
