import type { QueryClient } from '@tanstack/query-core';
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
        <h1>Adlens</h1>
        <p class="lede">Insights from your own Marketing API data, right inside Ads Manager.</p>
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
