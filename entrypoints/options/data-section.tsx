import type { QueryClient } from '@tanstack/query-core';
import { useState } from 'preact/hooks';
import { AccountListTools, useAccountListState } from '@/components/AccountListTools';
import { AccountStatus } from '@/components/AccountStatus';
import { ConfirmAction } from '@/components/ConfirmAction';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { useSyncView } from '@/lib/query/sync';
import { useQuery } from '@/lib/query/use-query';
import type { AccountId } from '@/lib/schema/account';
import type { StoredAccount } from '@/lib/schema/privacy';
import { ACCOUNT_LIST_TOOLS_FROM } from '@/lib/util/account-list';
import { downloadFile } from '@/lib/util/download';
import { t } from '@/lib/util/i18n';
import { numberFormat } from '@/lib/util/intl';
import { documentLocale } from '@/components/extension-page';
import { errorText } from '@/components/error-text';

function megabytes(bytes: number): string {
  return numberFormat(documentLocale(), { maximumFractionDigits: 1 }).format(bytes / 1_000_000);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * "Your data in this browser": what is cached per account with its status (the accounts with
 * problems first, and a search once there are many), clearing one account or all (after an
 * in-page confirmation that says what will go), and exporting it all as JSON or an account's
 * daily insights as CSV.
 */
export function DataSection({ queryClient }: { readonly queryClient: QueryClient }) {
  const stored = useQuery(queryClient, {
    queryKey: queryKeys.storedData(),
    queryFn: () => send('privacy.storedData', {}),
  });
  const accounts = useQuery(queryClient, {
    queryKey: queryKeys.accounts(),
    queryFn: async () => (await send('accounts.list', {})).accounts,
  });
  const view = useSyncView(queryClient);
  const list = useAccountListState();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function refreshStored() {
    await queryClient.invalidateQueries({ queryKey: queryKeys.storedData() });
    await queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus() });
  }

  // The notice comes with the refreshed table: "Cleared" beside the old row counts misleads.
  async function perform(action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const done = await action();
      await refreshStored();
      setNotice(done);
    } catch (reason) {
      setError(errorText(t, reason, t('actionFailed')));
      await refreshStored();
    } finally {
      setBusy(false);
    }
  }

  function clear(accountId?: AccountId) {
    void perform(async () => {
      const { cleared } = await send('privacy.clearCache', accountId ? { accountId } : {});
      return t('cacheCleared', cleared.length);
    });
  }

  function exportJson() {
    void perform(async () => {
      const { json } = await send('privacy.export', {});
      downloadFile(`adlens-export-${today()}.json`, json, 'application/json');
      return t('exportDone');
    });
  }

  function exportCsv(accountId: AccountId) {
    void perform(async () => {
      const { csv } = await send('privacy.exportCsv', { accountId });
      downloadFile(`adlens-insights-${accountId}-${today()}.csv`, csv, 'text/csv');
      return t('exportDone');
    });
  }

  const data = stored.data;
  const names = new Map((accounts.data ?? []).map((account) => [account.accountId, account.name]));
  const totalRows = (data?.accounts ?? []).reduce((sum, account) => sum + account.insightRows, 0);
  const totalRecords = (data?.accounts ?? []).reduce((sum, account) => sum + account.records, 0);
  const describe = (account: StoredAccount) =>
    t('accountStored', account.insightRows, account.records);
  const storedAccounts = data?.accounts ?? [];
  const shown = view.arrange(storedAccounts, (account) => account.accountId, list);
  const now = Date.now();

  return (
    <section class="card" aria-labelledby="data-heading" data-testid="data-section">
      <h2 id="data-heading">{t('dataHeading')}</h2>
      <p class="help">{t('dataHelp')}</p>
      {data && (
        <p data-testid="stored-total">
          {data.bytesUsed === null
            ? t('storedTotal', totalRows, totalRecords)
            : t('storedTotalBytes', totalRows, totalRecords, megabytes(data.bytesUsed))}
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-testid="data-error">
          {error}
        </p>
      )}
      {notice && (
        <p class="notice" role="status" data-testid="data-notice">
          {notice}
        </p>
      )}
      {storedAccounts.length >= ACCOUNT_LIST_TOOLS_FROM && (
        <AccountListTools
          state={list}
          idPrefix="data"
          shown={shown.length}
          total={storedAccounts.length}
          t={t}
        />
      )}
      {storedAccounts.length > 0 && (
        <table class="accounts">
          <caption>{t('storedPerAccount')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('columnAccount')}</th>
              <th scope="col">{t('columnStored')}</th>
              <th scope="col">{t('columnActions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((account) => (
              <tr
                key={account.accountId}
                data-testid="stored-row"
                data-account-id={account.accountId}
              >
                <th scope="row">{names.get(account.accountId) ?? account.accountId}</th>
                <td>
                  <span data-testid="stored-rows" data-rows={account.insightRows}>
                    {describe(account)}
                  </span>
                  <br />
                  <AccountStatus
                    summary={view.statusOf.get(account.accountId)}
                    findings={view.findingsOf.get(account.accountId)}
                    now={now}
                    t={t}
                  />
                </td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="secondary"
                    data-testid="export-csv"
                    disabled={busy || account.insightRows === 0}
                    onClick={() => exportCsv(account.accountId)}
                  >
                    {t('exportCsv')}
                  </button>{' '}
                  <ConfirmAction
                    label={t('clearAccount', names.get(account.accountId) ?? account.accountId)}
                    confirmLabel={t('clearConfirm')}
                    cancelLabel={t('cancel')}
                    pending={busy}
                    disabled={account.records === 0}
                    testId="clear-account"
                    onConfirm={() => clear(account.accountId)}
                  >
                    <p>{t('clearAccountWill', describe(account))}</p>
                  </ConfirmAction>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="actions">
        <button type="button" data-testid="export-json" disabled={busy} onClick={exportJson}>
          {t('exportJson')}
        </button>{' '}
        {data && (
          <ConfirmAction
            label={t('clearAll')}
            confirmLabel={t('clearConfirm')}
            cancelLabel={t('cancel')}
            pending={busy}
            disabled={totalRecords === 0}
            testId="clear-all"
            onConfirm={() => clear()}
          >
            <p>
              {data.bytesUsed === null
                ? t('clearAllWill', totalRows, totalRecords)
                : t('clearAllWillBytes', totalRows, totalRecords, megabytes(data.bytesUsed))}
            </p>
          </ConfirmAction>
        )}
      </div>
      <p class="help">{t('exportHelp')}</p>
    </section>
  );
}
