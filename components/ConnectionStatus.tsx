import type { AuthStatus } from '@/lib/schema/messages';

function accountCountText(count: number): string {
  return count === 1 ? '1 ad account' : `${count} ad accounts`;
}

function reconnectText(status: AuthStatus): string | undefined {
  switch (status.connection?.health) {
    case 'expired':
      return 'Connection expired — reconnect';
    case 'token-missing':
      return 'Signed out when the browser closed — reconnect';
    default:
      return undefined;
  }
}

/** One line saying whether Adlens is connected, and as whom; `undefined` while it is being checked. */
export function ConnectionStatus({ status }: { readonly status: AuthStatus | undefined }) {
  if (status === undefined) {
    return (
      <p class="status" data-testid="connection-status" role="status">
        Checking the connection…
      </p>
    );
  }
  const reconnect = reconnectText(status);
  return (
    <p class="status" data-testid="connection-status" role="status">
      {reconnect !== undefined && status.userName !== null ? (
        <>
          <strong class="warning">{reconnect}</strong>
          <span class="muted"> · {status.userName}</span>
        </>
      ) : status.connected ? (
        <>
          Connected as <strong>{status.userName}</strong>
          <span class="muted"> · {accountCountText(status.accountCount)}</span>
        </>
      ) : (
        'Not connected'
      )}
    </p>
  );
}
