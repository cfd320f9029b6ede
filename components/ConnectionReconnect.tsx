import type { Translate } from '@/components/translate';
import type { ConnectionInfo } from '@/lib/schema/connection';

interface ConnectionReconnectProps {
  readonly info: ConnectionInfo;
  /** Set when Facebook Login can reconnect in one click; a pasted token needs a new paste. */
  readonly onReconnect: (() => void) | undefined;
  readonly pending: boolean;
  readonly t: Translate;
}

function explanation(info: ConnectionInfo, t: Translate): string {
  switch (info.health) {
    case 'reauth-needed':
      return t('reconnectReauth');
    case 'token-missing':
      return t('reconnectForgotten');
    default:
      return t('reconnectExpired');
  }
}

/** The interactive fallback when a connection cannot go on by itself; never a window unasked. */
export function ConnectionReconnect({ info, onReconnect, pending, t }: ConnectionReconnectProps) {
  return (
    <div class="reconnect" role="alert" data-testid="reconnect-prompt">
      <p>{explanation(info, t)}</p>
      {info.problem !== null && info.health === 'expired' && (
        <p class="muted" data-testid="reconnect-reason">
          {t('metaSaid', info.problem)}
        </p>
      )}
      {onReconnect ? (
        <button
          type="button"
          data-testid="reconnect-button"
          onClick={onReconnect}
          disabled={pending}
        >
          {pending ? t('waitingForFacebook') : t('reconnectWithFacebook')}
        </button>
      ) : (
        <p>{t('pasteNewToken')}</p>
      )}
    </div>
  );
}
