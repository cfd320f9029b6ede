import { useEffect, useState } from 'preact/hooks';
import { FactList } from '@/components/FactList';
import { assertSnapshotSize, decodeSnapshotBytes } from '@/lib/snapshots/transport/decode';
import { SnapshotError, snapshotErrorText } from '@/lib/snapshots/format/errors';
import { handoffIdOf, takeSnapshot } from '@/lib/snapshots/transport/handoff';
import { openShareLink, readShareLink, type ShareLink } from '@/lib/snapshots/transport/link';
import { describeSnapshot } from '@/lib/snapshots/render/preview';
import type { Snapshot } from '@/lib/snapshots/format/schema';
import {
  deleteSavedSnapshot,
  listSavedSnapshots,
  saveSnapshot,
  SNAPSHOT_RETENTION_DAYS,
  type SavedSnapshot,
} from '@/lib/snapshots/store';
import { formatDateOf } from '@/lib/util/dates';
import { t, uiLocale, uiReader, type MessageKey } from '@/lib/util/i18n';
import { OpenSnapshot } from './OpenSnapshot';
import { SavedSnapshots } from './SavedSnapshots';
import { ShareSnapshot } from './ShareSnapshot';
import { SnapshotReport } from './SnapshotReport';

type Origin = 'created' | 'file' | 'link' | 'saved';

interface Opened {
  readonly snapshot: Snapshot;
  readonly origin: Origin;
  /** Bumped on every open, so per-snapshot state (redaction choices) starts afresh. */
  readonly serial: number;
}

const ERROR_ID = 'snapshot-error';
const ORIGIN_TEXT: Readonly<Record<Origin, MessageKey>> = {
  created: 'viewerOriginCreated',
  file: 'viewerOriginFile',
  link: 'viewerOriginLink',
  saved: 'viewerOriginSaved',
};

function messageOf(error: unknown): string {
  return error instanceof SnapshotError ? snapshotErrorText(error, t) : t('viewerOpenFailed');
}

export function App({ viewerUrl }: { readonly viewerUrl: string }) {
  const [opened, setOpened] = useState<Opened | null>(null);
  const [locked, setLocked] = useState<ShareLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<readonly SavedSnapshot[]>([]);

  async function attempt(origin: Origin, open: () => Promise<Snapshot>) {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const snapshot = await open();
      setLocked(null);
      setOpened((previous) => ({ snapshot, origin, serial: (previous?.serial ?? 0) + 1 }));
    } catch (failure) {
      // Nothing of a snapshot that failed is shown or kept.
      setOpened(null);
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  function openFile(file: File) {
    setLocked(null);
    void attempt('file', async () => {
      assertSnapshotSize(file.size);
      return decodeSnapshotBytes(new Uint8Array(await file.arrayBuffer()));
    });
  }

  function openLink(text: string) {
    let link: ShareLink;
    try {
      link = readShareLink(text);
    } catch (failure) {
      setOpened(null);
      setError(messageOf(failure));
      return;
    }
    if (link.encrypted) {
      setOpened(null);
      setError(null);
      setLocked(link);
      return;
    }
    void attempt('link', () => openShareLink(link));
  }

  function unlock(passphrase: string) {
    if (locked) void attempt('link', () => openShareLink(locked, passphrase));
  }

  async function refreshSaved() {
    setSaved(await listSavedSnapshots());
  }

  async function save(snapshot: Snapshot) {
    const record = await saveSnapshot(snapshot);
    await refreshSaved();
    setStatus(t('viewerSavedUntil', formatDateOf(record.expiresAt, uiLocale())));
  }

  async function remove(entry: SavedSnapshot) {
    await deleteSavedSnapshot(entry.digest);
    await refreshSaved();
    setStatus(t('viewerDeleted'));
  }

  useEffect(() => {
    void refreshSaved();
    const openFromFragment = () => {
      const handoff = handoffIdOf(location.hash);
      if (handoff) {
        // The id is good for one read; a reload must not ask for it again.
        history.replaceState(null, '', location.pathname);
        void attempt('created', () => takeSnapshot(handoff));
      } else if (location.hash.startsWith('#s=')) {
        const link = location.hash;
        // The snapshot is read now: it need not stay in the address bar, history or a bookmark.
        history.replaceState(null, '', location.pathname);
        openLink(link);
      }
    };
    openFromFragment();
    // Dropping a file outside the drop zone must not navigate away from the viewer.
    const keep = (event: DragEvent) => event.preventDefault();
    window.addEventListener('hashchange', openFromFragment);
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('hashchange', openFromFragment);
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, []);

  const openCard = (
    <section class="card" aria-labelledby="open-heading">
      <h2 id="open-heading">{t('viewerOpenHeading')}</h2>
      {error && (
        <p id={ERROR_ID} class="error" role="alert" data-testid="snapshot-error">
          {error}
        </p>
      )}
      <OpenSnapshot
        busy={busy}
        locked={locked !== null}
        errorId={error ? ERROR_ID : undefined}
        onFile={openFile}
        onLink={openLink}
        onPassphrase={unlock}
      />
    </section>
  );
  // A snapshot just created comes first; opening another one is then the lesser task.
  const created = opened?.origin === 'created';

  return (
    <main class="page">
      <header class="masthead">
        <h1>{t('viewerTitle')}</h1>
        <p class="lede">{t('viewerLede')}</p>
      </header>

      <p class="status-line" role="status" data-testid="snapshot-status">
        {status}
      </p>

      {!created && openCard}

      {opened && (
        <section class="card" aria-labelledby="preview-heading" data-testid="snapshot-preview">
          <h2 id="preview-heading">{t('viewerPreviewHeading')}</h2>
          <p class="muted" data-testid="snapshot-origin">
            {t(ORIGIN_TEXT[opened.origin])}{' '}
            {opened.origin === 'created' ? '' : t('viewerSharedData')}
          </p>
          <FactList facts={describeSnapshot(opened.snapshot, uiReader())} testId="snapshot-facts" />
          {opened.origin !== 'saved' && (
            <div class="actions">
              <button
                type="button"
                data-testid="snapshot-save"
                onClick={() => void save(opened.snapshot)}
              >
                {t('viewerSave')}
              </button>
              <p class="help">{t('viewerSaveHelp', SNAPSHOT_RETENTION_DAYS)}</p>
            </div>
          )}
          <SnapshotReport snapshot={opened.snapshot} />
        </section>
      )}

      {opened && (
        <section class="card" aria-labelledby="share-heading">
          <h2 id="share-heading">{t('viewerShareHeading')}</h2>
          <ShareSnapshot key={opened.serial} snapshot={opened.snapshot} viewerUrl={viewerUrl} />
        </section>
      )}

      {created && openCard}

      <section class="card" aria-labelledby="saved-heading">
        <h2 id="saved-heading">{t('viewerSavedHeading')}</h2>
        <SavedSnapshots
          saved={saved}
          onOpen={(entry) => void attempt('saved', () => Promise.resolve(entry.snapshot))}
          onDelete={(entry) => void remove(entry)}
        />
      </section>
    </main>
  );
}
