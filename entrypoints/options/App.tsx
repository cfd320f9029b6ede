import type { QueryClient } from '@tanstack/query-core';
import { t } from '@/lib/util/i18n';
import { ConnectionSection } from './connection-section';
import { DataSection } from './data-section';
import { DeleteSection } from './delete-section';
import { FetchSection } from './fetch-section';
import { OverlaySection } from './overlay-section';
import { SettingsNotice } from './settings-notice';
import { SyncSection } from './sync-section';
import { SnapshotsSection } from './snapshots-section';
import { TransparencySection } from './transparency-section';

export function App({ queryClient }: { readonly queryClient: QueryClient }) {
  return (
    <main class="page">
      <header class="masthead">
        <h1>{t('extName')}</h1>
        <p class="lede">{t('optionsLede')}</p>
      </header>

      <SettingsNotice />

      <ConnectionSection queryClient={queryClient} />

      <SyncSection queryClient={queryClient} />

      <OverlaySection />

      <SnapshotsSection queryClient={queryClient} />

      <FetchSection queryClient={queryClient} />

      <DataSection queryClient={queryClient} />

      <TransparencySection queryClient={queryClient} />

      <DeleteSection queryClient={queryClient} />
    </main>
  );
}
