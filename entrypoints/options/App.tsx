import type { QueryClient } from '@tanstack/query-core';
import { ConnectionSection } from './connection-section';
import { SyncSection } from './sync-section';
import { SnapshotsSection } from './snapshots-section';

export function App({ queryClient }: { readonly queryClient: QueryClient }) {
  return (
    <main class="page">
      <header class="masthead">
        <h1>Adlens</h1>
        <p class="lede">Insights from your own Marketing API data, right inside Ads Manager.</p>
      </header>

      <ConnectionSection queryClient={queryClient} />

      <SyncSection queryClient={queryClient} />

      <SnapshotsSection queryClient={queryClient} />

      <section class="card" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">Privacy</h2>
        <p>
          Adlens only talks to graph.facebook.com. Your token and your data stay in this browser;
          nothing is sent anywhere else.
        </p>
      </section>
    </main>
  );
}
