import type { ConnectionInfo } from '@/lib/schema/connection';

interface ConnectionReconnectProps {
  readonly info: ConnectionInfo;
  /** Set when Facebook Login can reconnect in one click; a pasted token needs a new paste. */
  readonly onReconnect: (() => void) | undefined;
  readonly pending: boolean;
}

function explanation(info: ConnectionInfo): string {
  switch (info.health) {
    case 'reauth-needed':
      return 'Adlens could not renew its Facebook login by itself. Reconnect to keep it working.';
    case 'token-missing':
      return 'The token was forgotten when the browser closed, as you asked. Reconnect to continue.';
    default:
      return 'Meta no longer accepts the token. Your cached data is kept; reconnect to continue.';
  }
}

/** The interactive fallback when a connection cannot go on by itself; never a window unasked. */
export function ConnectionReconnect({ info, onReconnect, pending }: ConnectionReconnectProps) {
  return (
    <div class="reconnect" role="alert" data-testid="reconnect-prompt">
      <p>{explanation(info)}</p>
      {info.problem !== null && info.health === 'expired' && (
        <p class="muted" data-testid="reconnect-reason">
          Meta said: {info.problem}
        </p>
      )}
      {onReconnect ? (
        <button
          type="button"
          data-testid="reconnect-button"
          onClick={onReconnect}
          disabled={pending}
        >
          {pending ? 'Waiting for Facebook…' : 'Reconnect with Facebook'}
        </button>
      ) : (
        <p>Paste a new access token below.</p>
      )}
    </div>
  );
}
