import { browser } from '#imports';
import type { QueryClient } from '@tanstack/query-core';
import { AccountListTools, useAccountListState } from '@/components/AccountListTools';
import { ConnectionStatus } from '@/components/ConnectionStatus';
import { SyncStatusTable } from '@/components/SyncStatusTable';
import { ADS_MANAGER_ORIGINS } from '@/lib/config/hosts';
import { useSyncView } from '@/lib/query/sync';
import { ACCOUNT_LIST_TOOLS_FROM } from '@/lib/util/account-list';
import { t } from '@/lib/util/i18n';
import { errorText } from '@/components/error-text';

const ADS_MANAGER_URL = `${ADS_MANAGER_ORIGINS[0]}/adsmanager/manage/campaigns`;

/**
 * The toolbar popup: connected or not, each account's sync and findings with Sync now (the
 * accounts with problems first, and a search once there are many), and the ways to Ads Manager,
 * the options page and the snapshot viewer.
 */
export function Popup({ queryClient }: { readonly queryClient: QueryClient }) {
  const view = useSyncView(queryClient);
  const list = useAccountListState();
  const shown = view.arrange(view.status, (summary) => summary.accountId, list);
  return (
    <main class="popup">
      <h1>{t('extName')}</h1>
      <ConnectionStatus status={view.connection} t={t} />
      {view.error !== null && (
        <p class="error" role="alert" data-testid="sync-error">
          {errorText(t, view.error, t('panelSyncFailed'))}
        </p>
      )}
      {view.status.length >= ACCOUNT_LIST_TOOLS_FROM && (
        <AccountListTools
          state={list}
          idPrefix="popup"
          shown={shown.length}
          total={view.status.length}
          t={t}
        />
      )}
      {view.status.length > 0 && (
        <SyncStatusTable
          accounts={view.accounts}
          status={shown}
          findings={view.findingsOf}
          now={Date.now()}
          onSyncNow={(accountId) => view.syncNow(accountId)}
          t={t}
        />
      )}
      <nav class="popup-links" aria-label={t('extName')}>
        <a href={ADS_MANAGER_URL} target="_blank" rel="noreferrer" data-testid="open-ads-manager">
          {t('openAdsManager')}
        </a>
        <a href="/snapshot-viewer.html" target="_blank" data-testid="open-snapshot-viewer">
          {t('openSnapshotViewer')}
        </a>
        <button
          type="button"
          class="link"
          data-testid="open-options"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          {t('openOptions')}
        </button>
      </nav>
    </main>
  );
}
