import { useMemo, useState } from 'preact/hooks';
import { FactList } from '@/components/FactList';
import { snapshotCsv } from '@/lib/snapshots/render/csv';
import {
  encodeSnapshotFile,
  SNAPSHOT_FILE_TYPE,
  snapshotFileName,
} from '@/lib/snapshots/transport/file';
import { createShareLink } from '@/lib/snapshots/transport/link';
import { snapshotMarkdown } from '@/lib/snapshots/render/markdown';
import { describeSnapshot } from '@/lib/snapshots/render/preview';
import {
  DEFAULT_REDACTION,
  redactSnapshot,
  type RedactionChoice,
} from '@/lib/snapshots/build/redact';
import type { Snapshot } from '@/lib/snapshots/format/schema';
import { downloadFile } from '@/lib/util/download';
import { snapshotPng } from './png';
import { SnapshotError, snapshotErrorText } from '@/lib/snapshots/format/errors';
import { t, uiReader, type MessageKey } from '@/lib/util/i18n';

interface ShareSnapshotProps {
  readonly snapshot: Snapshot;
  /** This viewer's address, where share links point. */
  readonly viewerUrl: string;
}

interface Output {
  readonly label: string;
  readonly text: string;
}

const CHOICES: readonly {
  readonly key: keyof RedactionChoice;
  readonly label: MessageKey;
  readonly done: (snapshot: Snapshot) => boolean;
}[] = [
  {
    key: 'aliasNames',
    label: 'shareAliasNames',
    done: (snapshot) => snapshot.redaction.names === 'aliased',
  },
  {
    key: 'dropIds',
    label: 'shareDropIds',
    done: (snapshot) => snapshot.redaction.ids === 'dropped',
  },
  {
    key: 'indexMoney',
    label: 'shareIndexMoney',
    done: (snapshot) => snapshot.redaction.money === 'index',
  },
];

/**
 * Passes a snapshot on: redacted by default, with a preview of exactly what the shared copy holds.
 * Parts the snapshot arrived without cannot be switched back on.
 */
export function ShareSnapshot({ snapshot, viewerUrl }: ShareSnapshotProps) {
  const [choice, setChoice] = useState<RedactionChoice>(DEFAULT_REDACTION);
  const [passphrase, setPassphrase] = useState('');
  const [output, setOutput] = useState<Output | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const shared = useMemo(() => redactSnapshot(snapshot, choice), [snapshot, choice]);
  const reader = uiReader();

  async function show(label: string, text: string) {
    setOutput({ label, text });
    // Copying needs focus and may be refused; the text stays in the box to copy by hand.
    await navigator.clipboard.writeText(text).then(
      () => setOutput({ label: t('shareCopied', label), text }),
      () => undefined,
    );
  }

  return (
    <div class="share">
      <fieldset>
        <legend>{t('shareRedaction')}</legend>
        {CHOICES.map(({ key, label, done }) => (
          <label class="check" key={key}>
            <input
              type="checkbox"
              data-testid={`redaction-${key}`}
              checked={choice[key] || done(snapshot)}
              disabled={done(snapshot)}
              onChange={(event) => setChoice({ ...choice, [key]: event.currentTarget.checked })}
            />
            {t(label)}
            {done(snapshot) && <span class="muted">{t('shareAlreadyDone')}</span>}
          </label>
        ))}
      </fieldset>
      <h3>{t('sharePreviewHeading')}</h3>
      <FactList facts={describeSnapshot(shared, reader)} testId="share-preview" />
      <div class="actions">
        <button
          type="button"
          data-testid="export-file"
          onClick={() =>
            void encodeSnapshotFile(shared).then((text) =>
              downloadFile(snapshotFileName(shared), text, SNAPSHOT_FILE_TYPE),
            )
          }
        >
          {t('shareDownloadFile')}
        </button>
        <button
          type="button"
          data-testid="export-csv"
          onClick={() =>
            downloadFile(snapshotFileName(shared, '.csv'), snapshotCsv(shared, reader), 'text/csv')
          }
        >
          {t('shareDownloadCsv')}
        </button>
        <button
          type="button"
          data-testid="export-png"
          onClick={() =>
            void snapshotPng(shared, reader).then((png) =>
              downloadFile(snapshotFileName(shared, '.png'), png, 'image/png'),
            )
          }
        >
          {t('shareDownloadPng')}
        </button>
        <button
          type="button"
          data-testid="export-markdown"
          onClick={() => void show(t('shareMarkdown'), snapshotMarkdown(shared, reader))}
        >
          {t('shareMarkdown')}
        </button>
      </div>
      <form
        class="field"
        onSubmit={(event) => {
          event.preventDefault();
          setLinkError(null);
          void createShareLink(shared, viewerUrl, passphrase || undefined).then(
            (link) => show(t(passphrase ? 'shareProtectedLink' : 'shareLink'), link),
            (error: unknown) =>
              setLinkError(
                error instanceof SnapshotError ? snapshotErrorText(error, t) : t('shareLinkFailed'),
              ),
          );
        }}
      >
        <label for="share-passphrase">{t('sharePassphraseLabel')}</label>
        <p class="help">
          {t('sharePassphraseHelp')} {t('errorWeakPassphrase')}
        </p>
        {linkError && (
          <p class="error" role="alert" data-testid="share-link-error">
            {linkError}
          </p>
        )}
        <div class="field-row">
          <input
            id="share-passphrase"
            type="password"
            autocomplete="new-password"
            data-testid="share-passphrase-input"
            value={passphrase}
            onInput={(event) => setPassphrase(event.currentTarget.value)}
          />
          <button type="submit" data-testid="export-link">
            {t('shareCreateLink')}
          </button>
        </div>
      </form>
      {output && (
        <div class="field">
          <label for="share-output">{output.label}</label>
          <textarea
            id="share-output"
            data-testid="share-output"
            readOnly
            rows={6}
            value={output.text}
          />
        </div>
      )}
    </div>
  );
}
