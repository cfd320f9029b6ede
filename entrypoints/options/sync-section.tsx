import type { QueryClient } from '@tanstack/query-core';
import { useEffect, useState } from 'preact/hooks';
import { AccountListTools, useAccountListState } from '@/components/AccountListTools';
import { SyncScheduleField } from '@/components/SyncScheduleField';
import { SyncStatusTable } from '@/components/SyncStatusTable';
import { queryKeys } from '@/lib/query/keys';
import { useSyncView } from '@/lib/query/sync';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '@/lib/schema/sync';
import { readSyncSettings, updateSyncSettings } from '@/lib/settings/client';
import { ACCOUNT_LIST_TOOLS_FROM } from '@/lib/util/account-list';
import { t } from '@/lib/util/i18n';
import { errorText } from '@/components/error-text';

/**
 * The options page's Sync section: the schedule, each account's sync state and findings (the
 * accounts with problems first, and a search once there are many), and Sync now.
 */
export function SyncSection({ queryClient }: { readonly queryClient: QueryClient }) {
  const view = useSyncView(queryClient);
  const list = useAccountListState();
  const [settings, setSettings] = useState<SyncSettings | null>(null);
  useEffect(() => {
    void readSyncSettings().then(setSettings);
  }, []);

  function changeInterval(intervalMinutes: SyncSettings['intervalMinutes']) {
    // The background watches this setting and moves its alarm.
    void updateSyncSettings({ intervalMinutes }).then((next) => {
      setSettings(next);
      return queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus() });
    });
  }

  if (view.status.length === 0) return null;
  const shown = view.arrange(view.status, (summary) => summary.accountId, list);
  return (
    <section class="card" aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('syncHeading')}</h2>
      <p class="help">
        {t('syncHelp', settings?.backfillDays ?? DEFAULT_SYNC_SETTINGS.backfillDays)}
      </p>
      {view.error !== null && (
        <p class="error" role="alert" data-testid="sync-error">
          {errorText(t, view.error, t('panelSyncFailed'))}
        </p>
      )}
      {settings && (
        <SyncScheduleField
          intervalMinutes={settings.intervalMinutes}
          onChange={changeInterval}
          t={t}
        />
      )}
      {view.status.length >= ACCOUNT_LIST_TOOLS_FROM && (
        <AccountListTools
          state={list}
          idPrefix="sync"
          shown={shown.length}
          total={view.status.length}
          t={t}
        />
      )}
      <SyncStatusTable
        accounts={view.accounts}
        status={shown}
        findings={view.findingsOf}
        now={Date.now()}
        onSyncNow={(accountId) => view.syncNow(accountId)}
        t={t}
      />
    </section>
  );
}
