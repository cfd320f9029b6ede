import { SyncAccounts } from '@/components/SyncAccounts';
import type { QueryClient } from '@tanstack/query-core';
import { useEffect, useState } from 'preact/hooks';
import { SyncScheduleField } from '@/components/SyncScheduleField';
import { queryKeys } from '@/lib/query/keys';
import { useSyncView } from '@/lib/query/sync';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from '@/lib/schema/sync';
import { readSyncSettings, updateSyncSettings } from '@/lib/settings/client';
import { t } from '@/lib/util/i18n';

/**
 * The options page's Sync section: the schedule, each account's sync state and findings (the
 * accounts with problems first, and a search once there are many), and Sync now.
 */
export function SyncSection({ queryClient }: { readonly queryClient: QueryClient }) {
  const view = useSyncView(queryClient);
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
  return (
    <section class="card" aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('syncHeading')}</h2>
      <p class="help">
        {t('syncHelp', settings?.backfillDays ?? DEFAULT_SYNC_SETTINGS.backfillDays)}
      </p>
      <SyncAccounts view={view} idPrefix="sync" t={t}>
        {settings && (
          <SyncScheduleField
            intervalMinutes={settings.intervalMinutes}
            onChange={changeInterval}
            t={t}
          />
        )}
      </SyncAccounts>
    </section>
  );
}
