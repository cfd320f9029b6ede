import { useState } from 'preact/hooks';
import { t } from '@/lib/util/i18n';

interface OpenSnapshotProps {
  readonly busy: boolean;
  /** A protected link waits for its passphrase. */
  readonly locked: boolean;
  readonly errorId: string | undefined;
  readonly onFile: (file: File) => void;
  readonly onLink: (text: string) => void;
  readonly onPassphrase: (passphrase: string) => void;
}

/** Three ways in: a file (picker or drop), a pasted link, and the passphrase of a protected link. */
export function OpenSnapshot(props: OpenSnapshotProps) {
  const [dragging, setDragging] = useState(false);

  function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (file) props.onFile(file);
  }

  return (
    <div
      class={dragging ? 'drop-zone dragging' : 'drop-zone'}
      data-testid="snapshot-drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <label for="snapshot-file">{t('viewerFileLabel')}</label>
      <p class="help">{t('viewerFileHelp')}</p>
      <input
        id="snapshot-file"
        type="file"
        accept=".json,application/json"
        data-testid="snapshot-file-input"
        aria-describedby={props.errorId}
        disabled={props.busy}
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          if (file) props.onFile(file);
          input.value = '';
        }}
      />
      <LinkForm busy={props.busy} errorId={props.errorId} onLink={props.onLink} />
      {props.locked && (
        <PassphraseForm
          busy={props.busy}
          errorId={props.errorId}
          onPassphrase={props.onPassphrase}
        />
      )}
    </div>
  );
}

function LinkForm(props: Pick<OpenSnapshotProps, 'busy' | 'errorId' | 'onLink'>) {
  const [link, setLink] = useState('');
  return (
    <form
      class="field"
      onSubmit={(event) => {
        event.preventDefault();
        props.onLink(link);
      }}
    >
      <label for="snapshot-link">{t('viewerLinkLabel')}</label>
      <div class="field-row">
        <input
          id="snapshot-link"
          type="text"
          autocomplete="off"
          spellcheck={false}
          data-testid="snapshot-link-input"
          aria-describedby={props.errorId}
          value={link}
          onInput={(event) => setLink(event.currentTarget.value)}
        />
        <button
          type="submit"
          data-testid="snapshot-link-open"
          disabled={props.busy || link.trim() === ''}
        >
          {t('viewerLinkOpen')}
        </button>
      </div>
    </form>
  );
}

function PassphraseForm(props: Pick<OpenSnapshotProps, 'busy' | 'errorId' | 'onPassphrase'>) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      class="field"
      onSubmit={(event) => {
        event.preventDefault();
        props.onPassphrase(passphrase);
      }}
    >
      <label for="snapshot-passphrase">{t('viewerPassphraseLabel')}</label>
      <div class="field-row">
        <input
          id="snapshot-passphrase"
          type="password"
          autocomplete="off"
          data-testid="passphrase-input"
          aria-describedby={props.errorId}
          value={passphrase}
          onInput={(event) => setPassphrase(event.currentTarget.value)}
        />
        <button
          type="submit"
          data-testid="passphrase-submit"
          disabled={props.busy || passphrase === ''}
        >
          {t(props.busy ? 'viewerUnlocking' : 'viewerUnlock')}
        </button>
      </div>
    </form>
  );
}
