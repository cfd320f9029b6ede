import { SyncAccounts } from '@/components/SyncAccounts';
import { browser } from '#imports';
import type { QueryClient } from '@tanstack/query-core';
import { ConnectionStatus } from '@/components/ConnectionStatus';
import { ADS_MANAGER_ORIGINS } from '@/lib/config/hosts';
import { useSyncView } from '@/lib/query/sync';
import { t } from '@/lib/util/i18n';

const ADS_MANAGER_URL = `${ADS_MANAGER_ORIGINS[0]}/adsmanager/manage/campaigns`;

/**
 * The toolbar popup: connected or not, each account's sync and findings with Sync now (the
 * accounts with problems first, and a search once there are many), and the ways to Ads Manager,
 * the options page and the snapshot viewer.
 */
export function Popup({ queryClient }: { readonly queryClient: QueryClient }) {
  const view = useSyncView(queryClient);
  return (
    <main class="popup">
      <h1>{t('extName')}</h1>
      <ConnectionStatus status={view.connection} t={t} />
      <SyncAccounts view={view} idPrefix="popup" t={t} />
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
