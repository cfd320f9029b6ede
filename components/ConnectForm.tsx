import type { Translate } from '@/components/translate';
import { useState } from 'preact/hooks';
import { slot, withElements } from './with-elements';

interface ConnectFormProps {
  readonly pending: boolean;
  /** The id of the element describing the last error, for assistive technology. */
  readonly errorId: string | undefined;
  readonly onConnect: (token: string) => void;
  readonly t: Translate;
}

/** The pasted-token form. The field is cleared on submit so the token does not linger in the page. */
export function ConnectForm({ pending, errorId, onConnect, t }: ConnectFormProps) {
  const [token, setToken] = useState('');

  function submit(event: Event) {
    event.preventDefault();
    onConnect(token.trim());
    setToken('');
  }

  return (
    <form class="connect-form" onSubmit={submit} aria-busy={pending}>
      <label for="token-input">{t('tokenLabel')}</label>
      <p id="token-help" class="help">
        {withElements(t('tokenHelp', slot(0)), <code>ads_read</code>)}
      </p>
      <div class="field-row">
        <input
          id="token-input"
          data-testid="token-input"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
          aria-describedby={errorId ? `token-help ${errorId}` : 'token-help'}
          aria-invalid={errorId ? true : undefined}
          disabled={pending}
        />
        <button type="submit" data-testid="connect-button" disabled={pending}>
          {pending ? t('connecting') : t('connect')}
        </button>
      </div>
    </form>
  );
}
