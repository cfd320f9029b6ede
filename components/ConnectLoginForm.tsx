import { useState } from 'preact/hooks';
import type { LoginSettings } from '@/lib/schema/connection';

interface ConnectLoginFormProps {
  /** The last app id and scope choice, to start from. */
  readonly settings: LoginSettings;
  readonly pending: boolean;
  readonly disabled: boolean;
  /** The redirect URI to register in the Meta app. */
  readonly redirectUri: string;
  readonly onLogin: (settings: { appId: string; businessManagement: boolean }) => void;
}

const APP_ID = /^\d{1,20}$/;

/**
 * Facebook Login with the person's own Meta app: its id is public (it is in every login URL), and
 * Adlens never asks for the app secret.
 */
export function ConnectLoginForm({
  settings,
  pending,
  disabled,
  redirectUri,
  onLogin,
}: ConnectLoginFormProps) {
  const [appId, setAppId] = useState(settings.appId ?? '');
  const [businessManagement, setBusinessManagement] = useState(settings.businessManagement);
  const valid = APP_ID.test(appId.trim());

  function submit(event: Event) {
    event.preventDefault();
    if (valid) onLogin({ appId: appId.trim(), businessManagement });
  }

  return (
    <form class="connect-form" onSubmit={submit} aria-busy={pending}>
      <h3>Log in with Facebook</h3>
      <label for="app-id-input">Meta app ID</label>
      <p id="app-id-help" class="help">
        The ID of your Meta app (Facebook Login, type Business), with{' '}
        <code data-testid="redirect-uri">{redirectUri}</code> under “Valid OAuth Redirect URIs”.
        Adlens asks for <code>ads_read</code> to read your ad accounts and reports.
      </p>
      <div class="field-row">
        <input
          id="app-id-input"
          data-testid="app-id-input"
          inputMode="numeric"
          autoComplete="off"
          spellcheck={false}
          value={appId}
          onInput={(event) => setAppId(event.currentTarget.value)}
          aria-describedby="app-id-help"
          disabled={pending || disabled}
        />
        <button type="submit" data-testid="login-button" disabled={pending || disabled || !valid}>
          {pending ? 'Waiting for Facebook…' : 'Log in with Facebook'}
        </button>
      </div>
      <label class="check">
        <input
          type="checkbox"
          data-testid="business-management-checkbox"
          checked={businessManagement}
          onChange={(event) => setBusinessManagement(event.currentTarget.checked)}
          disabled={pending || disabled}
        />
        <span>
          Also ask for <code>business_management</code>, needed when your ad accounts belong to a
          Business Manager
        </span>
      </label>
    </form>
  );
}
