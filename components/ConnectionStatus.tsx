import type { Translate } from '@/components/translate';
import type { AuthStatus } from '@/lib/schema/messages';

function accountCountText(count: number, t: Translate): string {
  return t('adAccountCount', count);
}

function reconnectText(status: AuthStatus, t: Translate): string | undefined {
  switch (status.connection?.health) {
    case 'expired':
      return t('connectionExpired');
    case 'token-missing':
      return t('connectionSignedOut');
    default:
      return undefined;
  }
}

/** One line saying whether Adlens is connected, and as whom; `undefined` while it is being checked. */
export function ConnectionStatus({
  status,
  t,
}: {
  readonly status: AuthStatus | undefined;
  readonly t: Translate;
}) {
  if (status === undefined) {
    return (
      <p class="status" data-testid="connection-status" role="status">
        {t('connectionChecking')}
      </p>
    );
  }
  const reconnect = reconnectText(status, t);
  return (
    <p class="status" data-testid="connection-status" role="status">
      {reconnect !== undefined && status.userName !== null ? (
        <>
          <strong class="warning">{reconnect}</strong>
          <span class="muted"> · {status.userName}</span>
        </>
      ) : status.connected ? (
        <>
          {t('connectedAs')} <strong>{status.userName}</strong>
          <span class="muted"> · {accountCountText(status.accountCount, t)}</span>
        </>
      ) : (
        t('notConnected')
      )}
    </p>
  );
}
