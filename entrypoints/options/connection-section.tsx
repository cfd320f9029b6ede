import type { QueryClient } from '@tanstack/query-core';
import { useState } from 'preact/hooks';
import { AccountTable } from '@/components/AccountTable';
import { ConnectForm } from '@/components/ConnectForm';
import { ConnectionStatus } from '@/components/ConnectionStatus';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { useQuery } from '@/lib/query/use-query';
import { AccessTokenSchema } from '@/lib/schema/auth';
import { AppError } from '@/lib/schema/errors';

type Busy = 'connecting' | 'disconnecting' | null;

const ERROR_ID = 'connection-error';

function describeError(error: unknown): string {
  return error instanceof AppError ? error.message : 'Something went wrong. Try again.';
}

function tokenProblem(token: string): string | undefined {
  if (token === '') return 'Paste an access token first.';
  if (!AccessTokenSchema.safeParse(token).success) {
    return 'That does not look like an access token: it is one line of letters and digits.';
  }
  return undefined;
}

/** The options page's Connection section: who is connected, connect, disconnect. */
export function ConnectionSection({ queryClient }: { readonly queryClient: QueryClient }) {
  const status = useQuery(queryClient, {
    queryKey: queryKeys.authStatus(),
    queryFn: () => send('auth.status', {}),
  });
  const connected = status.data?.connected === true;
  const accounts = useQuery(queryClient, {
    queryKey: queryKeys.accounts(),
    queryFn: async () => (await send('accounts.list', {})).accounts,
    enabled: connected,
  });
  const [busy, setBusy] = useState<Busy>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function perform(kind: Exclude<Busy, null>, action: () => Promise<void>) {
    setBusy(kind);
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError(describeError(error));
    } finally {
      setBusy(null);
    }
  }

  function connect(token: string) {
    const problem = tokenProblem(token);
    if (problem) {
      setActionError(problem);
      return;
    }
    void perform('connecting', async () => {
      const result = await send('auth.connectWithToken', { token });
      queryClient.setQueryData(queryKeys.accounts(), result.accounts);
      await queryClient.invalidateQueries({ queryKey: queryKeys.authStatus() });
    });
  }

  function disconnect() {
    void perform('disconnecting', async () => {
      await send('auth.disconnect', {});
      queryClient.removeQueries({ queryKey: queryKeys.accounts() });
      await queryClient.invalidateQueries({ queryKey: queryKeys.authStatus() });
    });
  }

  const queryError = status.error ?? (connected ? accounts.error : null);
  const error = actionError ?? (queryError ? describeError(queryError) : null);

  return (
    <section class="card" aria-labelledby="connection-heading">
      <h2 id="connection-heading">Connection</h2>
      <ConnectionStatus status={status.data} />
      {error && (
        <p id={ERROR_ID} class="error" role="alert" data-testid="connection-error">
          {error}
        </p>
      )}
      {connected && (
        <>
          {accounts.data ? (
            <AccountTable accounts={accounts.data} />
          ) : (
            <p class="muted">Loading ad accounts…</p>
          )}
          <div class="actions">
            <button
              type="button"
              class="secondary"
              data-testid="disconnect-button"
              onClick={disconnect}
              disabled={busy !== null}
            >
              {busy === 'disconnecting' ? 'Disconnecting…' : 'Disconnect'}
            </button>
            <p class="help">
              Deletes the token and all cached data from this browser, and asks Meta to revoke
              Adlens&apos;s access.
            </p>
          </div>
        </>
      )}
      {!connected && !status.isPending && (
        <ConnectForm
          pending={busy === 'connecting'}
          errorId={error ? ERROR_ID : undefined}
          onConnect={connect}
        />
      )}
    </section>
  );
}
