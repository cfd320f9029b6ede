import type { Translate } from '@/components/translate';
import type { AccountId, AccountSummary } from '@/lib/schema/account';
import type { FindingCounts } from '@/lib/schema/findings-counts';
import { syncPercent, type AccountSyncSummary } from '@/lib/schema/sync';
import { findingsText } from './AccountStatus';
import { relative } from './ConnectionDetails';
import { documentLocale } from './extension-page';
import { dateTimeFormat } from '@/lib/util/intl';

/**
 * Each ad account's sync: its state in words (syncing with progress, synced with when and how many
 * rows, or the problem and what to do), its findings when known, the next run, and a Sync now
 * button, in the order given. Names from Meta are rendered as text.
 */
export interface SyncStatusTableProps {
  readonly accounts: readonly AccountSummary[];
  readonly status: readonly AccountSyncSummary[];
  /** Each account's stored findings by severity; without it, no Findings column. */
  readonly findings?: ReadonlyMap<AccountId, FindingCounts>;
  readonly now: number;
  readonly onSyncNow: (accountId?: AccountId) => void;
  readonly t: Translate;
}

const time = (ms: number) => dateTimeFormat(documentLocale(), { timeStyle: 'short' }).format(ms);

function problemText(summary: AccountSyncSummary, t: Translate): string {
  const problem = summary.problem!;
  switch (problem.kind) {
    case 'reconnect':
      return t('syncProblemReconnect');
    case 'permission':
      return t('syncProblemPermission', problem.message);
    case 'rate-limited':
      return problem.until === null
        ? t('syncProblemRateLimited')
        : t('syncProblemRateLimitedUntil', time(problem.until));
    case 'unavailable':
      return t('syncProblemUnavailable');
    case 'error':
      return t('syncProblemError', problem.message);
  }
}

function syncStateText(summary: AccountSyncSummary, now: number, t: Translate): string {
  const partial = summary.partial ? ` ${t('syncDataPartial')}` : '';
  switch (summary.state) {
    case 'never':
      return t('syncStateNever');
    case 'syncing':
      return summary.progress
        ? t('syncStateSyncingStep', summary.progress.days, syncPercent(summary.progress))
        : t('syncStateSyncing');
    case 'synced':
      return t('syncStateSynced', relative(summary.lastSyncAt ?? now, now), summary.rows);
    case 'problem':
      return `${problemText(summary, t)}${partial}`;
  }
}

export function SyncStatusTable({
  accounts,
  status,
  findings,
  now,
  onSyncNow,
  t,
}: SyncStatusTableProps) {
  const names = new Map(accounts.map((account) => [account.accountId, account.name]));
  return (
    <>
      <table class="accounts sync">
        <caption>{t('syncHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columnAccount')}</th>
            <th scope="col">{t('columnState')}</th>
            {findings && <th scope="col">{t('columnFindings')}</th>}
            <th scope="col">{t('columnNextRun')}</th>
            <th scope="col" aria-label={t('columnAction')} />
          </tr>
        </thead>
        <tbody>
          {status.map((summary) => (
            <tr key={summary.accountId} data-testid="sync-row" data-account-id={summary.accountId}>
              <th scope="row">{names.get(summary.accountId) ?? summary.accountId}</th>
              <td
                class="sync-state"
                data-testid="sync-state"
                data-state={summary.state}
                data-problem={summary.problem?.kind ?? ''}
                data-partial={String(summary.partial)}
                data-rows={summary.rows}
              >
                {syncStateText(summary, now, t)}
              </td>
              {findings && (
                <td data-testid="finding-count" data-account-id={summary.accountId}>
                  {findings.has(summary.accountId)
                    ? findingsText(findings.get(summary.accountId)!, t)
                    : ''}
                </td>
              )}
              <td>{summary.nextRunAt === null ? t('nextRunOff') : time(summary.nextRunAt)}</td>
              <td>
                <button
                  type="button"
                  data-testid="sync-now"
                  disabled={summary.state === 'syncing'}
                  onClick={() => onSyncNow(summary.accountId)}
                >
                  {t('syncNow')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="sync-all" onClick={() => onSyncNow()}>
        {t('syncAllNow')}
      </button>
    </>
  );
}
