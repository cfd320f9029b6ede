import type { AccountId } from '@/lib/schema/account';
import type { TableLevel } from '@/lib/schema/row-findings';

/** Every query key, in one place, so invalidation and reads can never drift apart. */
export const queryKeys = {
  authStatus: () => ['auth', 'status'] as const,
  accounts: () => ['accounts'] as const,
  account: (accountId: AccountId) => ['accounts', accountId] as const,
  /** Everything known about an account's findings: invalidate this when a sync finishes. */
  findings: (accountId: AccountId) => ['findings', accountId] as const,
  /** The badges of one table level's rows, filled in as rows come into view. */
  rowFindings: (accountId: AccountId, level: TableLevel) =>
    ['findings', accountId, 'rows', level] as const,
  /** Which entity a visible row name belongs to, for pages without row ids. */
  rowNames: (accountId: AccountId, level: TableLevel) =>
    ['entities', accountId, 'row-names', level] as const,
  /** The badges' sparklines: one metric of one table level's rows over one window of days. */
  rowSparklines: (scope: {
    accountId: AccountId;
    level: TableLevel;
    metric: string;
    since: string;
    until: string;
  }) =>
    [
      'insights',
      scope.accountId,
      'sparklines',
      scope.level,
      scope.metric,
      scope.since,
      scope.until,
    ] as const,
  /** The campaigns the options page offers to snapshot, with the latest synced day. */
  snapshotSubjects: (accountId: AccountId) => ['snapshots', accountId, 'subjects'] as const,
  /** The insight panel's data for one subject and range (plus the sync it reflects). */
  insight: (subject: {
    accountId: AccountId;
    level: string;
    entityId: string | null;
    since: string;
    until: string;
  }) =>
    [
      'insight',
      subject.accountId,
      subject.level,
      subject.entityId,
      subject.since,
      subject.until,
    ] as const,
  /** Every account's sync state; polled while a sync runs. */
  syncStatus: () => ['sync', 'status'] as const,
  /** What the cache holds per account; changes with every sync, clear and deletion. */
  storedData: () => ['privacy', 'stored'] as const,
  apiLog: () => ['privacy', 'api-log'] as const,
  /** Every account's findings by severity (the popup). */
  findingCounts: () => ['findings', 'counts'] as const,
};
