import { SNAPSHOT_RETENTION_DAYS } from '@/lib/share/snapshot-store';

/** Where shared snapshots are opened: the viewer page, which keeps them apart from synced data. */
export function SnapshotsSection() {
  return (
    <section class="card" aria-labelledby="snapshots-heading">
      <h2 id="snapshots-heading">Snapshots</h2>
      <p>
        Open a snapshot a teammate shared with you, as a <code>.adlens.json</code> file or a share
        link, in the snapshot viewer. Snapshots you save there stay in this browser for{' '}
        {SNAPSHOT_RETENTION_DAYS} days, apart from your own Adlens data.
      </p>
      <p>
        <a href="/snapshot-viewer.html" target="_blank" data-testid="open-snapshot-viewer">
          Open the snapshot viewer
        </a>
      </p>
    </section>
  );
}
