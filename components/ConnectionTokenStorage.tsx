import type { Translate } from '@/components/translate';
import { useState } from 'preact/hooks';

interface ConnectionTokenStorageProps {
  /** False when the token is remembered on this computer under a passphrase. */
  readonly forgetOnClose: boolean;
  /** A remembered token waits for its passphrase (after a browser restart). */
  readonly locked: boolean;
  readonly connected: boolean;
  readonly pending: boolean;
  readonly onRemember: (passphrase: string) => void;
  readonly onForget: () => void;
  readonly onUnlock: (passphrase: string) => void;
  readonly t: Translate;
}

function PassphraseForm(props: {
  readonly testId: string;
  readonly label: string;
  readonly submitLabel: string;
  readonly confirm: boolean;
  readonly pending: boolean;
  readonly onSubmit: (passphrase: string) => void;
  readonly t: Translate;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const mismatch = props.confirm && repeat !== '' && repeat !== passphrase;
  function submit(event: Event) {
    event.preventDefault();
    if (mismatch) return;
    props.onSubmit(passphrase);
    setPassphrase('');
    setRepeat('');
  }
  return (
    <form class="connect-form" onSubmit={submit} aria-busy={props.pending}>
      <label for={`${props.testId}-input`}>{props.label}</label>
      <input
        id={`${props.testId}-input`}
        data-testid={`${props.testId}-input`}
        type="password"
        autoComplete="off"
        value={passphrase}
        onInput={(event) => setPassphrase(event.currentTarget.value)}
        disabled={props.pending}
      />
      {props.confirm && (
        <>
          <label for={`${props.testId}-repeat`}>{props.t('passphraseRepeat')}</label>
          <input
            id={`${props.testId}-repeat`}
            data-testid={`${props.testId}-repeat`}
            type="password"
            autoComplete="off"
            value={repeat}
            onInput={(event) => setRepeat(event.currentTarget.value)}
            disabled={props.pending}
            aria-invalid={mismatch || undefined}
          />
          {mismatch && <p class="error">{props.t('passphraseMismatch')}</p>}
        </>
      )}
      <button
        type="submit"
        data-testid={`${props.testId}-submit`}
        disabled={props.pending || passphrase === '' || (props.confirm && repeat !== passphrase)}
      >
        {props.submitLabel}
      </button>
    </form>
  );
}

/**
 * Where the token is kept, explained: in memory only by default (a browser restart forgets it), or
 * remembered on this computer under a passphrase that is never stored, so a copy of the profile
 * cannot use it. After a restart a remembered token asks for the passphrase here.
 */
export function ConnectionTokenStorage(props: ConnectionTokenStorageProps) {
  const { t } = props;
  const [choosing, setChoosing] = useState(false);
  const remembered = !props.forgetOnClose;
  return (
    <div class="toggle" data-testid="token-storage">
      <h3>{t('tokenStorageHeading')}</h3>
      <p class="help" data-testid="token-storage-explained">
        {remembered ? t('tokenRememberedExplained') : t('tokenSessionExplained')}
      </p>
      {props.locked && (
        <PassphraseForm
          testId="unlock-passphrase"
          label={t('unlockPassphraseLabel')}
          submitLabel={t('unlock')}
          confirm={false}
          pending={props.pending}
          onSubmit={props.onUnlock}
          t={t}
        />
      )}
      {(props.connected || remembered) && (
        <label class="check">
          <input
            type="checkbox"
            data-testid="remember-token"
            checked={remembered || choosing}
            disabled={props.pending}
            onChange={(event) => {
              if (event.currentTarget.checked) setChoosing(true);
              else if (remembered) props.onForget();
              else setChoosing(false);
            }}
          />
          {t('rememberToken')}
        </label>
      )}
      {choosing && !remembered && (
        <>
          <p class="help">{t('rememberTokenPassphraseHelp')}</p>
          <PassphraseForm
            testId="remember-passphrase"
            label={t('rememberPassphraseLabel')}
            submitLabel={t('rememberTokenSubmit')}
            confirm={true}
            pending={props.pending}
            onSubmit={(passphrase) => {
              setChoosing(false);
              props.onRemember(passphrase);
            }}
            t={t}
          />
        </>
      )}
    </div>
  );
}
