import type { AuthStatus } from '@/lib/schema/messages';

function accountCountText(count: number): string {
  return count === 1 ? '1 ad account' : `${count} ad accounts`;
}

/** One line saying whether Adlens is connected, and as whom; `undefined` while it is being checked. */
export function ConnectionStatus({ status }: { readonly status: AuthStatus | undefined }) {
  return (
    <p class="status" data-testid="connection-status" role="status">
      {status === undefined ? (
        'Checking the connection…'
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
