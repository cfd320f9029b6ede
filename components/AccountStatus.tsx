import type { Translate } from '@/components/translate';
import type { FindingCounts } from '@/lib/schema/findings-counts';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { relative } from './ConnectionDetails';

/**
 * An account's status in a few words, for lists that are about something else (what to fetch,
 * what is stored, what to snapshot): when it last synced, or that it is syncing, failed or never
 * synced, and its findings. The Sync section says the rest (progress, why it failed, what to do).
 */
export function accountStatusText(
  summary: AccountSyncSummary | undefined,
  findings: FindingCounts | undefined,
  now: number,
  t: Translate,
): string {
  const sync = syncWords(summary, now, t);
  return findings ? `${sync} · ${findingsText(findings, t)}` : sync;
}

/** "findings: 3 (1 critical)". */
export function findingsText(findings: FindingCounts, t: Translate): string {
  const total = findings.critical + findings.warning + findings.info;
  return t('findingsCount', total, findings.critical);
}

function syncWords(summary: AccountSyncSummary | undefined, now: number, t: Translate): string {
  switch (summary?.state) {
    case undefined:
    case 'never':
      return t('accountStatusNever');
    case 'syncing':
      return t('accountStatusSyncing');
    case 'synced':
      return t('accountStatusSynced', relative(summary.lastSyncAt ?? now, now));
    case 'problem':
      return t('accountStatusFailed');
  }
}

export interface AccountStatusProps {
  /** For a control that it describes (aria-describedby). */
  readonly id?: string;
  readonly summary: AccountSyncSummary | undefined;
  readonly findings: FindingCounts | undefined;
  readonly now: number;
  readonly t: Translate;
}

export function AccountStatus({ id, summary, findings, now, t }: AccountStatusProps) {
  return (
    <span
      id={id}
      class="account-status"
      data-testid="account-status"
      data-state={summary?.state ?? 'never'}
      data-critical={findings?.critical ?? 0}
    >
      {accountStatusText(summary, findings, now, t)}
    </span>
  );
}
