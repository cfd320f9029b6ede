import type { QueryClient } from '@tanstack/query-core';
import { useState } from 'preact/hooks';
import { ConfirmAction } from '@/components/ConfirmAction';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { useQuery } from '@/lib/query/use-query';
import { t } from '@/lib/util/i18n';
import { errorText } from '@/components/error-text';

/**
 * Delete everything: revoke at Meta if chosen, then the token, the cache, saved snapshots,
 * settings and session values. The page then starts over as on a fresh install.
 */
export function DeleteSection({ queryClient }: { readonly queryClient: QueryClient }) {
  const status = useQuery(queryClient, {
    queryKey: queryKeys.authStatus(),
    queryFn: () => send('auth.status', {}),
  });
  // Like Disconnect: revoke by default only a token from Adlens's own login. A pasted token may
  // belong to another app (the Graph API Explorer, a business integration) that revoking cuts off.
  const source = status.data?.connection?.source;
  const [chosen, setChosen] = useState<boolean | null>(null);
  const revoke = chosen ?? source === 'login';
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function deleteEverything() {
    setBusy(true);
    setError(null);
    void send('privacy.deleteEverything', chosen === null ? {} : { revoke: chosen })
      .then(({ revocation }) => {
        queryClient.clear();
        setNotice(t(revocation === 'unconfirmed' ? 'deletedUnconfirmed' : 'deleted'));
      })
      .catch((reason: unknown) => setError(errorText(t, reason, t('actionFailed'))))
      .finally(() => setBusy(false));
  }

  return (
    <section class="card" aria-labelledby="delete-heading" data-testid="delete-section">
      <h2 id="delete-heading">{t('deleteHeading')}</h2>
      <p class="help">{t('deleteHelp')}</p>
      {error && (
        <p class="error" role="alert" data-testid="delete-error">
          {error}
        </p>
      )}
      {notice ? (
        <p class="notice" role="status" data-testid="delete-notice">
          {notice} <a href="/options.html">{t('startOver')}</a>
        </p>
      ) : (
        <>
          <label class="check">
            <input
              type="checkbox"
              data-testid="delete-revoke"
              checked={revoke}
              disabled={busy}
              onChange={(event) => setChosen(event.currentTarget.checked)}
              aria-describedby="delete-revoke-help"
            />
            {t('deleteRevoke')}
          </label>
          <p id="delete-revoke-help" class="help">
            {source === 'login' ? t('revokeHelpLogin') : t('revokeHelpPasted')}
          </p>
          <ConfirmAction
            label={t('deleteEverything')}
            confirmLabel={t('deleteConfirm')}
            cancelLabel={t('cancel')}
            pending={busy}
            testId="delete-everything"
            onConfirm={deleteEverything}
          >
            <p>{t('deleteWill')}</p>
          </ConfirmAction>
        </>
      )}
    </section>
  );
}
