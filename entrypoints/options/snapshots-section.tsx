import { browser } from '#imports';
import type { QueryClient } from '@tanstack/query-core';
import { useEffect, useState } from 'preact/hooks';
import { AccountListTools, useAccountListState } from '@/components/AccountListTools';
import { accountStatusText } from '@/components/AccountStatus';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import { useSyncView } from '@/lib/query/sync';
import { useQuery } from '@/lib/query/use-query';
import type { AccountId, AccountSummary } from '@/lib/schema/account';
import { ACCOUNT_LIST_TOOLS_FROM } from '@/lib/util/account-list';
import { addDays } from '@/lib/util/dates';
import { t } from '@/lib/util/i18n';
import { handoffFragment } from '@/lib/snapshots/transport/handoff';
import { SNAPSHOT_RETENTION_DAYS } from '@/lib/snapshots/store';
import { errorText } from '@/components/error-text';
import { slot, withElements } from '@/components/with-elements';

const VIEWER_PATH = '/snapshot-viewer.html';
/** Four weeks, so every weekday counts the same in the KPIs and in the previous period. */
const DEFAULT_DAYS = 28;

/**
 * Where snapshots are made and opened: "Create snapshot" builds one from the synced data and opens
 * it in the viewer, which previews the redacted copy before anything is shared. Its accounts are
 * offered with their status, the ones with problems first, and searched once there are many.
 */
export function SnapshotsSection({ queryClient }: { readonly queryClient: QueryClient }) {
  // Shared with the Connection section, which refreshes it on connect and disconnect.
  const accounts = useQuery(queryClient, {
    queryKey: queryKeys.accounts(),
    queryFn: async () => (await send('accounts.list', {})).accounts,
    retry: false,
  });
  return (
    <section class="card" aria-labelledby="snapshots-heading">
      <h2 id="snapshots-heading">{t('snapshotsHeading')}</h2>
      <p>
        {withElements(
          t('snapshotsIntro', slot(0), SNAPSHOT_RETENTION_DAYS),
          <code>.adlens.json</code>,
        )}
      </p>
      {accounts.data && accounts.data.length > 0 ? (
        <CreateSnapshotForm queryClient={queryClient} accounts={accounts.data} />
      ) : (
        <p class="help">{t('snapshotsNeedAccount')}</p>
      )}
      <p>
        {withElements(
          t('snapshotViewerLink', slot(0)),
          <a href={VIEWER_PATH} target="_blank" data-testid="open-snapshot-viewer">
            {t('openSnapshotViewer')}
          </a>,
        )}
      </p>
    </section>
  );
}

interface CreateSnapshotFormProps {
  readonly queryClient: QueryClient;
  readonly accounts: readonly AccountSummary[];
}

function CreateSnapshotForm({ queryClient, accounts }: CreateSnapshotFormProps) {
  const [accountId, setAccountId] = useState<AccountId>(accounts[0]?.accountId ?? '');
  const [campaignId, setCampaignId] = useState('');
  const [range, setRange] = useState<{ since: string; until: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const subjects = useQuery(queryClient, {
    queryKey: queryKeys.snapshotSubjects(accountId),
    queryFn: () => send('snapshots.subjects', { accountId }),
    retry: false,
  });
  const latestDay = subjects.data?.latestDay ?? null;
  const view = useSyncView(queryClient);
  const list = useAccountListState();
  const matching = (query: string) =>
    view.arrange(accounts, (account) => account.accountId, { query, order: list.order });
  const matches = matching(list.query);
  // The chosen account stays listed while the search leaves it out, so the choice never changes unseen.
  const listed = matches.some((account) => account.accountId === accountId)
    ? matches
    : [...accounts.filter((account) => account.accountId === accountId), ...matches];
  const search = {
    ...list,
    setQuery(query: string) {
      list.setQuery(query);
      // Typing a name picks the first account that matches, as a combo box would.
      const found = matching(query);
      if (found.length > 0 && !found.some((account) => account.accountId === accountId)) {
        setAccountId(found[0]!.accountId);
        setCampaignId('');
      }
    },
  };
  const now = Date.now();

  useEffect(() => {
    // Today is never final, so the default period ends the day before the latest synced day.
    const until = latestDay === null ? null : addDays(latestDay, -1);
    setRange(until === null ? null : { since: addDays(until, 1 - DEFAULT_DAYS), until });
  }, [accountId, latestDay]);

  async function create() {
    if (!range) return;
    setBusy(true);
    setError(null);
    try {
      const { handoffId } = await send('snapshots.prepare', {
        accountId,
        subject: campaignId ? { level: 'campaign', entityId: campaignId } : null,
        ...range,
      });
      await browser.tabs.create({
        url: `${browser.runtime.getURL(VIEWER_PATH)}${handoffFragment(handoffId)}`,
      });
    } catch (failure) {
      setError(errorText(t, failure, t('snapshotCreateFailed')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="snapshot-create"
      aria-label={t('snapshotCreate')}
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      {error && (
        <p class="error" role="alert" data-testid="snapshot-create-error">
          {error}
        </p>
      )}
      {accounts.length >= ACCOUNT_LIST_TOOLS_FROM && (
        <AccountListTools
          state={search}
          idPrefix="snapshot"
          shown={matches.length}
          total={accounts.length}
          t={t}
        />
      )}
      <label class="field">
        {t('snapshotAccount')}{' '}
        <select
          data-testid="snapshot-account"
          value={accountId}
          onChange={(event) => {
            setAccountId(event.currentTarget.value);
            setCampaignId('');
          }}
        >
          {listed.map((account) => (
            <option key={account.accountId} value={account.accountId}>
              {t(
                'snapshotAccountOption',
                account.name,
                accountStatusText(
                  view.statusOf.get(account.accountId),
                  view.findingsOf.get(account.accountId),
                  now,
                  t,
                ),
              )}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        {t('snapshotSubject')}{' '}
        <select
          data-testid="snapshot-subject"
          value={campaignId}
          onChange={(event) => setCampaignId(event.currentTarget.value)}
        >
          <option value="">{t('snapshotWholeAccount')}</option>
          {subjects.data?.campaigns.map((campaign) => (
            <option key={campaign.entityId} value={campaign.entityId}>
              {campaign.name}
            </option>
          ))}
        </select>
      </label>
      {range ? (
        <div class="field-row">
          <label class="field">
            {t('snapshotFrom')}{' '}
            <input
              type="date"
              required
              data-testid="snapshot-since"
              value={range.since}
              max={range.until}
              onChange={(event) => setRange({ ...range, since: event.currentTarget.value })}
            />
          </label>
          <label class="field">
            {t('snapshotTo')}{' '}
            <input
              type="date"
              required
              data-testid="snapshot-until"
              value={range.until}
              min={range.since}
              max={latestDay ?? undefined}
              onChange={(event) => setRange({ ...range, until: event.currentTarget.value })}
            />
          </label>
        </div>
      ) : (
        <p class="help">{t('snapshotNeedsSync')}</p>
      )}
      <p class="help">{t('snapshotCreateHelp')}</p>
      <button type="submit" data-testid="snapshot-create" disabled={busy || !range}>
        {t('snapshotCreate')}
      </button>
    </form>
  );
}
