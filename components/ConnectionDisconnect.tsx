import { useState } from 'preact/hooks';
import type { Translate } from '@/components/translate';
import type { TokenSource } from '@/lib/schema/connection';

interface ConnectionDisconnectProps {
  /** Where the token came from decides whether revoking is the default. */
  readonly source: TokenSource | undefined;
  readonly pending: boolean;
  readonly disabled: boolean;
  readonly onDisconnect: (revoke: boolean) => void;
  readonly t: Translate;
}

/**
 * Disconnect, with revoking at Meta as a visible choice: `DELETE /me/permissions` de-authorizes
 * the app that issued the token. That is Adlens's own app after Facebook Login, but for a pasted
 * token it is whatever app made it (the Graph API Explorer, a business's integration), and revoking
 * would cut that app off too, so it is off by default there.
 */
export function ConnectionDisconnect({
  source,
  pending,
  disabled,
  onDisconnect,
  t,
}: ConnectionDisconnectProps) {
  const [revoke, setRevoke] = useState(source === 'login');

  return (
    <div class="actions">
      <label class="check">
        <input
          type="checkbox"
          data-testid="revoke-checkbox"
          checked={revoke}
          disabled={pending || disabled}
          onChange={(event) => setRevoke(event.currentTarget.checked)}
          aria-describedby="revoke-help"
        />
        {t('revokeLabel')}
      </label>
      <p id="revoke-help" class="help">
        {source === 'login' ? t('revokeHelpLogin') : t('revokeHelpPasted')}
      </p>
      <button
        type="button"
        class="secondary"
        data-testid="disconnect-button"
        onClick={() => onDisconnect(revoke)}
        disabled={pending || disabled}
      >
        {pending ? t('disconnecting') : t('disconnect')}
      </button>
      <p class="help">{t('disconnectHelp')}</p>
    </div>
  );
}
