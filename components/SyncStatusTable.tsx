import type { AccountId, AccountSummary } from '@/lib/schema/account';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { relative } from './ConnectionDetails';

/**
 * Each ad account's sync: its state in words (syncing with progress, synced with when and how many
 * rows, or the problem and what to do), the next run, and a Sync now button. Names from Meta are
 * rendered as text.
 */
export interface SyncStatusTableProps {
  readonly accounts: readonly AccountSummary[];
  readonly status: readonly AccountSyncSummary[];
  readonly now: number;
  readonly onSyncNow: (accountId?: AccountId) => void;
}

const TIME = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });
const COUNT = new Intl.NumberFormat('en-US');

function problemText(summary: AccountSyncSummary): string {
  const problem = summary.problem!;
  switch (problem.kind) {
    case 'reconnect':
      return 'Reconnect needed: Meta no longer accepts the token.';
    case 'permission':
      return `Missing permission. ${problem.message}`;
    case 'rate-limited':
      return problem.until === null
        ? 'Rate limited by Meta.'
        : `Rate limited until ${TIME.format(problem.until)}.`;
    case 'unavailable':
      return 'Meta unavailable; Adlens will try again.';
    case 'error':
      return `Sync failed. ${problem.message}`;
  }
}

export function syncStateText(summary: AccountSyncSummary, now: number): string {
  const rows = `${COUNT.format(summary.rows)} rows`;
  const partial = summary.partial ? ' Data is partial.' : '';
  switch (summary.state) {
    case 'never':
      return 'Not synced yet.';
    case 'syncing':
      return summary.progress
        ? `Syncing… step ${summary.progress.done} of ${summary.progress.total}.`
        : 'Syncing…';
    case 'synced':
      return `Synced ${relative(summary.lastSyncAt ?? now, now)} · ${rows}.`;
    case 'problem':
      return `${problemText(summary)}${partial}`;
  }
}

export function SyncStatusTable({ accounts, status, now, onSyncNow }: SyncStatusTableProps) {
  const names = new Map(accounts.map((account) => [account.accountId, account.name]));
  return (
    <>
      <table class="accounts sync">
        <caption>Sync</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">State</th>
            <th scope="col">Next run</th>
            <th scope="col" aria-label="Action" />
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
                {syncStateText(summary, now)}
              </td>
              <td>{summary.nextRunAt === null ? 'Off' : TIME.format(summary.nextRunAt)}</td>
              <td>
                <button
                  type="button"
                  data-testid="sync-now"
                  disabled={summary.state === 'syncing'}
                  onClick={() => onSyncNow(summary.accountId)}
                >
                  Sync now
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="sync-all" onClick={() => onSyncNow()}>
        Sync all accounts now
      </button>
    </>
  );
}
