import type { QueryClient } from '@tanstack/query-core';
import { useEffect, useState } from 'preact/hooks';
import { AccountListTools, useAccountListState } from '@/components/AccountListTools';
import { AccountStatus } from '@/components/AccountStatus';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { useSyncView } from '@/lib/query/sync';
import { useQuery } from '@/lib/query/use-query';
import type { AccountId } from '@/lib/schema/account';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '@/lib/schema/privacy';
import { ENTITY_LEVELS, type EntityLevel } from '@/lib/schema/insights';
import { METRIC_GROUP_NAMES, type MetricGroup, type SyncSettings } from '@/lib/schema/sync';
import { readSyncSettings, updateSyncSettings } from '@/lib/settings/client';
import { ACCOUNT_LIST_TOOLS_FROM } from '@/lib/util/account-list';
import { t, type MessageKey } from '@/lib/util/i18n';

const LEVEL_LABELS: Readonly<Record<EntityLevel, MessageKey>> = {
  campaign: 'levelCampaign',
  adset: 'levelAdset',
  ad: 'levelAd',
};

const METRIC_GROUP_LABELS: Readonly<Record<MetricGroup, { label: MessageKey; cost: MessageKey }>> =
  {
    reach: { label: 'metricGroupReach', cost: 'metricGroupReachCost' },
    clicks: { label: 'metricGroupClicks', cost: 'metricGroupClicksCost' },
    conversions: { label: 'metricGroupConversions', cost: 'metricGroupConversionsCost' },
  };

/** A whole number of days in the allowed range, or null. */
function retentionDays(text: string): number | null {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const days = Number(text.trim());
  return days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS ? days : null;
}

/**
 * Data minimization and storage limitation: which accounts and levels are synced, which metrics
 * are read, and how long daily insights are kept. Unticking deletes the data at once (the
 * background watches these settings); the rest applies at the next sync.
 */
export function FetchSection({ queryClient }: { readonly queryClient: QueryClient }) {
  const [settings, setSettings] = useState<SyncSettings | null>(null);
  const [daysText, setDaysText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const accounts = useQuery(queryClient, {
    queryKey: queryKeys.accounts(),
    queryFn: async () => (await send('accounts.list', {})).accounts,
  });
  const view = useSyncView(queryClient);
  const list = useAccountListState();
  useEffect(() => {
    void readSyncSettings().then((read) => {
      setSettings(read);
      setDaysText(String(read.backfillDays));
    });
  }, []);

  function save(change: Partial<SyncSettings>, message: string) {
    // The last change's notice goes: the same words again must mean this change was saved.
    setError(null);
    setNotice(null);
    void updateSyncSettings(change)
      .then((next) => {
        setSettings(next);
        setNotice(message);
        return queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus() });
      })
      .catch(() => setError(t('settingsNotSaved')));
  }

  function toggleAccount(accountId: AccountId, synced: boolean) {
    if (!settings) return;
    const others = settings.disabledAccounts.filter((id) => id !== accountId);
    save(
      { disabledAccounts: synced ? others : [...others, accountId] },
      t(synced ? 'accountOnSaved' : 'accountOffSaved'),
    );
  }

  function toggleLevel(level: EntityLevel, synced: boolean) {
    if (!settings) return;
    const levels = ENTITY_LEVELS.filter((each) =>
      each === level ? synced : settings.levels.includes(each),
    );
    save({ levels }, t(synced ? 'levelOnSaved' : 'levelOffSaved'));
  }

  function toggleMetricGroup(group: MetricGroup, fetched: boolean) {
    if (!settings) return;
    const metricGroups = METRIC_GROUP_NAMES.filter((each) =>
      each === group ? fetched : settings.metricGroups.includes(each),
    );
    save({ metricGroups }, t(fetched ? 'metricOnSaved' : 'metricOffSaved'));
  }

  function saveRetention(event: Event) {
    event.preventDefault();
    const days = retentionDays(daysText);
    if (days === null) {
      setNotice(null);
      setError(t('retentionInvalid', MIN_RETENTION_DAYS, MAX_RETENTION_DAYS));
      return;
    }
    save({ backfillDays: days }, t('retentionSaved', days));
  }

  if (!settings) return null;
  const allAccounts = accounts.data ?? [];
  const shownAccounts = view.arrange(allAccounts, (account) => account.accountId, list);
  const now = Date.now();
  return (
    <section class="card" aria-labelledby="fetch-heading" data-testid="fetch-section">
      <h2 id="fetch-heading">{t('fetchHeading')}</h2>
      <p class="help">{t('fetchHelp')}</p>
      {error && (
        <p id="fetch-error" class="error" role="alert" data-testid="fetch-error">
          {error}
        </p>
      )}
      {notice && (
        <p class="notice" role="status" data-testid="fetch-notice">
          {notice}
        </p>
      )}
      {allAccounts.length > 0 && (
        <fieldset data-testid="sync-accounts">
          <legend>{t('accountsToSync')}</legend>
          {allAccounts.length >= ACCOUNT_LIST_TOOLS_FROM && (
            <AccountListTools
              state={list}
              idPrefix="fetch"
              shown={shownAccounts.length}
              total={allAccounts.length}
              t={t}
            />
          )}
          {shownAccounts.map((account) => (
            <div class="check-row" key={account.accountId} data-account-id={account.accountId}>
              <label class="check">
                <input
                  type="checkbox"
                  data-testid="sync-account"
                  data-account-id={account.accountId}
                  checked={!settings.disabledAccounts.includes(account.accountId)}
                  aria-describedby={`fetch-status-${account.accountId}`}
                  onChange={(event) =>
                    toggleAccount(account.accountId, event.currentTarget.checked)
                  }
                />
                {account.name} <code>{account.accountId}</code>
              </label>{' '}
              <AccountStatus
                id={`fetch-status-${account.accountId}`}
                summary={view.statusOf.get(account.accountId)}
                findings={view.findingsOf.get(account.accountId)}
                now={now}
                t={t}
              />
            </div>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>{t('levelsToSync')}</legend>
        {ENTITY_LEVELS.map((level) => {
          const checked = settings.levels.includes(level);
          return (
            <label class="check" key={level}>
              <input
                type="checkbox"
                data-testid={`sync-level-${level}`}
                checked={checked}
                // At least one level: with none, there would be nothing to sync.
                disabled={checked && settings.levels.length === 1}
                onChange={(event) => toggleLevel(level, event.currentTarget.checked)}
              />
              {t(LEVEL_LABELS[level])}
            </label>
          );
        })}
      </fieldset>
      <fieldset aria-describedby="metrics-help">
        <legend>{t('metricsHeading')}</legend>
        <p id="metrics-help" class="help">
          {t('metricsHelp')}
        </p>
        {METRIC_GROUP_NAMES.map((group) => (
          <label class="check" key={group}>
            <input
              type="checkbox"
              data-testid={`sync-metrics-${group}`}
              checked={settings.metricGroups.includes(group)}
              aria-describedby={`metrics-cost-${group}`}
              onChange={(event) => toggleMetricGroup(group, event.currentTarget.checked)}
            />
            {t(METRIC_GROUP_LABELS[group].label)}{' '}
            <span id={`metrics-cost-${group}`} class="help">
              {t(METRIC_GROUP_LABELS[group].cost)}
            </span>
          </label>
        ))}
      </fieldset>
      <p class="help" data-testid="breakdowns">
        {t('breakdownsHelp')}
      </p>
      <form class="field" noValidate onSubmit={saveRetention}>
        <label for="retention-days">{t('retentionLabel')}</label>{' '}
        <input
          id="retention-days"
          type="number"
          inputMode="numeric"
          min={MIN_RETENTION_DAYS}
          max={MAX_RETENTION_DAYS}
          step={1}
          data-testid="retention-days"
          value={daysText}
          aria-describedby={error ? 'retention-help fetch-error' : 'retention-help'}
          onInput={(event) => setDaysText(event.currentTarget.value)}
        />{' '}
        <button type="submit" data-testid="retention-save">
          {t('retentionSave')}
        </button>
        <p id="retention-help" class="help">
          {t('retentionHelp', MIN_RETENTION_DAYS, MAX_RETENTION_DAYS)}{' '}
          <a href="/snapshot-viewer.html" target="_blank">
            {t('snapshotRetentionLink')}
          </a>
        </p>
      </form>
    </section>
  );
}
