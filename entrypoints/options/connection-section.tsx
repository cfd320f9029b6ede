import { browser } from '#imports';
import type { QueryClient } from '@tanstack/query-core';
import { useEffect, useState } from 'preact/hooks';
import { AccountTable } from '@/components/AccountTable';
import { ConnectForm } from '@/components/ConnectForm';
import { ConnectLoginForm } from '@/components/ConnectLoginForm';
import { ConnectionDetails } from '@/components/ConnectionDetails';
import { ConnectionDisconnect } from '@/components/ConnectionDisconnect';
import { ConnectionReconnect } from '@/components/ConnectionReconnect';
import { ConnectionStatus } from '@/components/ConnectionStatus';
import { ConnectionTokenStorage } from '@/components/ConnectionTokenStorage';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { useQuery } from '@/lib/query/use-query';
import { AccessTokenSchema } from '@/lib/schema/auth';
import type { AuthStatus, Revocation } from '@/lib/schema/messages';
import { t, type MessageKey } from '@/lib/util/i18n';
import { errorText } from '@/components/error-text';

type Busy = 'connecting' | 'logging-in' | 'disconnecting' | 'saving' | null;

const ERROR_ID = 'connection-error';

const DISCONNECTED: Readonly<Record<Revocation, MessageKey>> = {
  confirmed: 'disconnectedConfirmed',
  unconfirmed: 'disconnectedUnconfirmed',
  'not-requested': 'disconnectedNotRequested',
};

/** A background error's sentence, by its code, in the reader's language. */
function describeError(error: unknown): string {
  return errorText(t, error, t('somethingWentWrong'));
}

function tokenProblem(token: string): string | undefined {
  if (token === '') return t('tokenEmpty');
  if (!AccessTokenSchema.safeParse(token).success) {
    return t('tokenMalformed');
  }
  return undefined;
}

/** The cached accounts can be read while the token exists, even one Meta has rejected. */
function canReadAccounts(status: AuthStatus | undefined): boolean {
  if (!status) return false;
  return status.connected || status.connection?.health === 'expired';
}

function needsReconnect(status: AuthStatus | undefined): boolean {
  const health = status?.connection?.health;
  return health !== undefined && health !== 'active';
}

/** The options page's Connection section: who is connected and how, connect, disconnect. */
export function ConnectionSection({ queryClient }: { readonly queryClient: QueryClient }) {
  const status = useQuery(queryClient, {
    queryKey: queryKeys.authStatus(),
    queryFn: () => send('auth.status', {}),
  });
  const accounts = useQuery(queryClient, {
    queryKey: queryKeys.accounts(),
    queryFn: async () => (await send('accounts.list', {})).accounts,
    enabled: canReadAccounts(status.data),
  });
  // Asks Meta once per visit whether the token still works; the status then shows the outcome.
  useEffect(() => {
    void send('auth.verify', {})
      .catch(() => undefined)
      .then(() => queryClient.invalidateQueries({ queryKey: queryKeys.authStatus() }));
  }, [queryClient]);
  const [busy, setBusy] = useState<Busy>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function perform(kind: Exclude<Busy, null>, action: () => Promise<void>) {
    setBusy(kind);
    setActionError(null);
    setNotice(null);
    try {
      await action();
    } catch (error) {
      setActionError(describeError(error));
    } finally {
      setBusy(null);
      await queryClient.invalidateQueries({ queryKey: queryKeys.authStatus() });
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
    });
  }

  function login(settings: { appId: string; businessManagement: boolean }) {
    void perform('logging-in', async () => {
      const result = await send('auth.login', settings);
      queryClient.setQueryData(queryKeys.accounts(), result.accounts);
    });
  }

  function disconnect(revoke: boolean) {
    void perform('disconnecting', async () => {
      const { revocation } = await send('auth.disconnect', { revoke });
      queryClient.removeQueries({ queryKey: queryKeys.accounts() });
      setNotice(t(DISCONNECTED[revocation]));
    });
  }

  function rememberToken(passphrase: string) {
    void perform('saving', async () => {
      await send('auth.setForgetTokenOnClose', { forget: false, passphrase });
    });
  }

  function forgetOnClose() {
    void perform('saving', async () => {
      await send('auth.setForgetTokenOnClose', { forget: true });
    });
  }

  function unlock(passphrase: string) {
    void perform('saving', async () => {
      await send('auth.unlock', { passphrase });
      setNotice(t('tokenUnlocked'));
    });
  }

  const data = status.data;
  const info = data?.connection ?? null;
  const queryError = status.error ?? (canReadAccounts(data) ? accounts.error : null);
  const error = actionError ?? (queryError ? describeError(queryError) : null);
  const loginAppId = data?.login.appId ?? null;
  const reconnectWithLogin =
    info?.source === 'login' && loginAppId !== null && data
      ? () => login({ appId: loginAppId, businessManagement: data.login.businessManagement })
      : undefined;

  return (
    <section class="card" aria-labelledby="connection-heading">
      <h2 id="connection-heading">{t('connectionHeading')}</h2>
      <ConnectionStatus status={data} t={t} />
      {error && (
        <p id={ERROR_ID} class="error" role="alert" data-testid="connection-error">
          {error}
        </p>
      )}
      {notice && (
        <p class="notice" role="status" data-testid="connection-notice">
          {notice}
        </p>
      )}
      {info && needsReconnect(data) && !data?.locked && (
        <ConnectionReconnect
          info={info}
          onReconnect={reconnectWithLogin}
          pending={busy === 'logging-in'}
          t={t}
        />
      )}
      {info && <ConnectionDetails info={info} now={Date.now()} t={t} />}
      {canReadAccounts(data) &&
        (accounts.data ? (
          <AccountTable accounts={accounts.data} t={t} />
        ) : (
          <p class="muted">{t('loadingAdAccounts')}</p>
        ))}
      {data && (!data.connected || needsReconnect(data)) && (
        <>
          <ConnectLoginForm
            settings={data.login}
            pending={busy === 'logging-in'}
            disabled={busy !== null && busy !== 'logging-in'}
            redirectUri={browser.identity.getRedirectURL()}
            onLogin={login}
            t={t}
          />
          <h3>{t('orPasteToken')}</h3>
          <ConnectForm
            pending={busy === 'connecting'}
            errorId={error ? ERROR_ID : undefined}
            onConnect={connect}
            t={t}
          />
        </>
      )}
      {data && data.userName !== null && (
        <ConnectionDisconnect
          key={info?.source}
          source={info?.source}
          pending={busy === 'disconnecting'}
          disabled={busy !== null && busy !== 'disconnecting'}
          onDisconnect={disconnect}
          t={t}
        />
      )}
      {data && (
        <ConnectionTokenStorage
          forgetOnClose={data.forgetTokenOnClose}
          locked={data.locked}
          connected={data.connected}
          pending={busy === 'saving'}
          onRemember={rememberToken}
          onForget={forgetOnClose}
          onUnlock={unlock}
          t={t}
        />
      )}
    </section>
  );
}
