import { useState } from 'preact/hooks';

interface ConnectFormProps {
  readonly pending: boolean;
  /** The id of the element describing the last error, for assistive technology. */
  readonly errorId: string | undefined;
  readonly onConnect: (token: string) => void;
}

/** The pasted-token form. The field is cleared on submit so the token does not linger in the page. */
export function ConnectForm({ pending, errorId, onConnect }: ConnectFormProps) {
  const [token, setToken] = useState('');

  function submit(event: Event) {
    event.preventDefault();
    onConnect(token.trim());
    setToken('');
  }

  return (
    <form class="connect-form" onSubmit={submit} aria-busy={pending}>
      <label for="token-input">Access token</label>
      <p id="token-help" class="help">
        A Marketing API user or system-user token with the <code>ads_read</code> permission. Adlens
        checks it with Meta, then keeps it encrypted in this browser.
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
          {pending ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
