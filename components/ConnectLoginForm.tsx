import { useState } from 'preact/hooks';
import type { Translate } from '@/components/translate';
import type { LoginSettings } from '@/lib/schema/connection';
import { slot, withElements } from './with-elements';

interface ConnectLoginFormProps {
  /** The last app id and scope choice, to start from. */
  readonly settings: LoginSettings;
  readonly pending: boolean;
  readonly disabled: boolean;
  /** The redirect URI to register in the Meta app. */
  readonly redirectUri: string;
  readonly onLogin: (settings: { appId: string; businessManagement: boolean }) => void;
  readonly t: Translate;
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
  t,
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
      <h3>{t('loginWithFacebook')}</h3>
      <label for="app-id-input">{t('appIdLabel')}</label>
      <p id="app-id-help" class="help">
        {withElements(
          t('appIdHelp', slot(0), slot(1)),
          <code data-testid="redirect-uri">{redirectUri}</code>,
          <code>ads_read</code>,
        )}
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
          {pending ? t('waitingForFacebook') : t('loginWithFacebook')}
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
          {withElements(t('businessManagement', slot(0)), <code>business_management</code>)}
        </span>
      </label>
    </form>
  );
}
