import type { ComponentChildren } from 'preact';
import { AccountListTools, useAccountListState } from '@/components/AccountListTools';
import { errorText } from '@/components/error-text';
import { SyncStatusTable } from '@/components/SyncStatusTable';
import type { Translate } from '@/components/translate';
import type { AccountId, AccountSummary } from '@/lib/schema/account';
import type { FindingCounts } from '@/lib/schema/findings-counts';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { ACCOUNT_LIST_TOOLS_FROM, type AccountOrder } from '@/lib/util/account-list';

/** What the list needs of the sync view (lib/query/sync's `SyncView` has it). */
export interface SyncAccountsView {
  readonly accounts: readonly AccountSummary[];
  readonly status: readonly AccountSyncSummary[];
  readonly findingsOf: ReadonlyMap<AccountId, FindingCounts>;
  readonly error: unknown;
  arrange<Item>(
    items: readonly Item[],
    accountIdOf: (item: Item) => AccountId,
    list: { readonly query: string; readonly order: AccountOrder },
  ): Item[];
  syncNow(accountId?: AccountId): void;
}

export interface SyncAccountsProps {
  readonly view: SyncAccountsView;
  /** Makes the search's ids unique on the page. */
  readonly idPrefix: string;
  readonly t: Translate;
  /** Shown between Sync now's error and the list (the options page's schedule). */
  readonly children?: ComponentChildren;
}

/**
 * Every account's sync and findings, with Sync now, as the popup and the options page show it:
 * why Sync now failed, a search and an order once the accounts are many, then the table.
 */
export function SyncAccounts({ view, idPrefix, t, children }: SyncAccountsProps) {
  const list = useAccountListState();
  const shown = view.arrange(view.status, (summary) => summary.accountId, list);
  return (
    <>
      {view.error !== null && (
        <p class="error" role="alert" data-testid="sync-error">
          {errorText(t, view.error, t('panelSyncFailed'))}
        </p>
      )}
      {children}
      {view.status.length >= ACCOUNT_LIST_TOOLS_FROM && (
        <AccountListTools
          state={list}
          idPrefix={idPrefix}
          shown={shown.length}
          total={view.status.length}
          t={t}
        />
      )}
      {view.status.length > 0 && (
        <SyncStatusTable
          accounts={view.accounts}
          status={shown}
          findings={view.findingsOf}
          now={Date.now()}
          onSyncNow={(accountId) => view.syncNow(accountId)}
          t={t}
        />
      )}
    </>
  );
}
