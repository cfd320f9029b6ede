import { browser } from '#imports';
import type { QueryClient } from '@tanstack/query-core';
import { ConnectionStatus } from '@/components/ConnectionStatus';
import { SyncStatusTable } from '@/components/SyncStatusTable';
import { ADS_MANAGER_ORIGINS } from '@/lib/config/hosts';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { useSyncView } from '@/lib/query/sync';
import { useQuery } from '@/lib/query/use-query';
import { t } from '@/lib/util/i18n';
import { errorText } from '@/components/error-text';

const ADS_MANAGER_URL = `${ADS_MANAGER_ORIGINS[0]}/adsmanager/manage/campaigns`;

/**
 * The toolbar popup: connected or not, each account's sync with Sync now, and the ways to Ads
 * Manager, the options page and the snapshot viewer.
 */
export function Popup({ queryClient }: { readonly queryClient: QueryClient }) {
  const view = useSyncView(queryClient);
  const findings = useQuery(queryClient, {
    queryKey: [...queryKeys.findingCounts(), view.status.map((account) => account.lastSyncAt)],
    queryFn: async () => (await send('findings.counts', {})).accounts,
    enabled: view.status.length > 0,
  });
  const names = new Map(view.accounts.map((account) => [account.accountId, account.name]));
  return (
    <main class="popup">
      <h1>{t('extName')}</h1>
      <ConnectionStatus status={view.connection} t={t} />
      {view.error !== null && (
        <p class="error" role="alert" data-testid="sync-error">
          {errorText(t, view.error, t('panelSyncFailed'))}
        </p>
      )}
      {view.status.length > 0 && (
        <SyncStatusTable
          accounts={view.accounts}
          status={view.status}
          now={Date.now()}
          onSyncNow={(accountId) => view.syncNow(accountId)}
          t={t}
        />
      )}
      {findings.data && findings.data.length > 0 && (
        <ul class="finding-counts" aria-label={t('findingsHeading')}>
          {findings.data.map((counts) => (
            <li
              key={counts.accountId}
              data-testid="finding-count"
              data-account-id={counts.accountId}
            >
              {names.get(counts.accountId) ?? counts.accountId}:{' '}
              {t('findingsCount', counts.info + counts.warning + counts.critical, counts.critical)}
            </li>
          ))}
        </ul>
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
