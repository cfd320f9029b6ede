import type { QueryClient } from '@tanstack/query-core';
import { useState } from 'preact/hooks';
import { ConfirmAction } from '@/components/ConfirmAction';
import { send } from '@/lib/messaging/client';
import { AppError } from '@/lib/schema/errors';
import { t } from '@/lib/util/i18n';

/**
 * Delete everything: revoke at Meta if chosen, then the token, the cache, saved snapshots,
 * settings and session values. The page then starts over as on a fresh install.
 */
export function DeleteSection({ queryClient }: { readonly queryClient: QueryClient }) {
  const [revoke, setRevoke] = useState(true);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function deleteEverything() {
    setBusy(true);
    setError(null);
    void send('privacy.deleteEverything', { revoke })
      .then(({ revocation }) => {
        queryClient.clear();
        setNotice(t(revocation === 'unconfirmed' ? 'deletedUnconfirmed' : 'deleted'));
      })
      .catch((reason: unknown) =>
        setError(reason instanceof AppError ? reason.message : t('actionFailed')),
      )
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
              onChange={(event) => setRevoke(event.currentTarget.checked)}
            />
            {t('deleteRevoke')}
          </label>
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
