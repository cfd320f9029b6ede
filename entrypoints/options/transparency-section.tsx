import type { QueryClient } from '@tanstack/query-core';
import { useState } from 'preact/hooks';
import { ApiCallLog } from '@/components/ApiCallLog';
import { ConfirmAction } from '@/components/ConfirmAction';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { useQuery } from '@/lib/query/use-query';
import { t } from '@/lib/util/i18n';

/**
 * What leaves the browser, in plain words, and the local log of every Graph call Adlens made
 * (method, path, result, time; never a query string, so never the token), which can be cleared.
 */
export function TransparencySection({ queryClient }: { readonly queryClient: QueryClient }) {
  const log = useQuery(queryClient, {
    queryKey: queryKeys.apiLog(),
    queryFn: () => send('privacy.apiLog', {}),
  });
  const [busy, setBusy] = useState(false);

  function clearLog() {
    setBusy(true);
    void send('privacy.clearApiLog', {})
      .finally(() => setBusy(false))
      .then(() => queryClient.invalidateQueries({ queryKey: queryKeys.apiLog() }));
  }

  const total = log.data?.total ?? 0;
  return (
    <section class="card" aria-labelledby="transparency-heading" data-testid="transparency-section">
      <h2 id="transparency-heading">{t('transparencyHeading')}</h2>
      <p data-testid="leaves-browser">{t('leavesBrowser')}</p>
      <p class="help">{t('notLeavingBrowser')}</p>
      <h3>{t('apiLogHeading')}</h3>
      <p class="help" data-testid="api-log-total">
        {t('apiLogTotal', total)}
      </p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          data-testid="api-log-refresh"
          onClick={() => void log.refetch()}
        >
          {t('refresh')}
        </button>{' '}
        <ConfirmAction
          label={t('apiLogClear')}
          confirmLabel={t('clearConfirm')}
          cancelLabel={t('cancel')}
          pending={busy}
          disabled={total === 0}
          testId="api-log-clear"
          onConfirm={clearLog}
        >
          <p>{t('apiLogClearWill', total)}</p>
        </ConfirmAction>
      </div>
      {log.data && log.data.calls.length > 0 && (
        <ApiCallLog
          calls={log.data.calls}
          caption={t('apiLogCaption', log.data.calls.length, total)}
          headings={{
            time: t('columnTime'),
            call: t('columnCall'),
            result: t('columnResult'),
          }}
        />
      )}
    </section>
  );
}
