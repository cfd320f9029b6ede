// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountListTools, useAccountListState } from '@/components/AccountListTools';
import { AccountStatus, accountStatusText } from '@/components/AccountStatus';
import { SyncStatusTable } from '@/components/SyncStatusTable';
import type { FindingCounts } from '@/lib/schema/findings-counts';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { arrangeAccounts, type ListedAccount } from '@/lib/util/account-list';
import { translate } from '@/tests/unit/components/catalogue';
import { byTestId, container, mount, unmount } from '@/tests/support/dom';

afterEach(unmount);

const NOW = Date.parse('2026-11-20T15:00:00Z');
const synced: AccountSyncSummary = {
  accountId: 'act_1',
  state: 'synced',
  lastSyncAt: NOW - 2 * 3_600_000,
  nextRunAt: null,
  rows: 100,
  progress: null,
  problem: null,
  partial: false,
};
const counts = (accountId: string, critical: number, warning = 0, info = 0): FindingCounts => ({
  accountId,
  critical,
  warning,
  info,
});

/** A list as the options page wires it: the tools over the accounts they filter and order. */
function AccountList({ accounts }: { readonly accounts: readonly ListedAccount[] }) {
  const list = useAccountListState();
  const shown = arrangeAccounts(accounts, list.query, list.order);
  return (
    <>
      <AccountListTools
        state={list}
        idPrefix="test"
        shown={shown.length}
        total={accounts.length}
        t={translate}
      />
      <ul>
        {shown.map((account) => (
          <li key={account.accountId} data-testid="listed">
            {account.name}
          </li>
        ))}
      </ul>
    </>
  );
}

const listed = () =>
  [...container.querySelectorAll('[data-testid="listed"]')].map((li) => li.textContent);

describe('AccountListTools', () => {
  const accounts: ListedAccount[] = [
    { accountId: 'act_1', name: 'Acme Shoes' },
    { accountId: 'act_2', name: 'Beta Bikes', findings: counts('act_2', 0, 3) },
    { accountId: 'act_3', name: 'Acme Hats', findings: counts('act_3', 1) },
  ];

  it('labels its search box and order, and lists the accounts with problems first', async () => {
    await mount(<AccountList accounts={accounts} />);
    const search = byTestId('account-search') as HTMLInputElement;
    const order = byTestId('account-order') as HTMLSelectElement;
    expect(container.querySelector(`label[for="${search.id}"]`)?.textContent).toBe(
      'Find an account (name or ID)',
    );
    expect(container.querySelector(`label[for="${order.id}"]`)?.textContent).toBe('Order');
    expect(order.value).toBe('problems');
    expect(listed()).toEqual(['Acme Hats', 'Beta Bikes', 'Acme Shoes']);
    expect(byTestId('account-count')?.getAttribute('role')).toBe('status');
    expect(byTestId('account-count')?.textContent).toBe('Showing 3 of 3 accounts.');
  });

  it('narrows the list as the user types, says how many are shown, and orders by name', async () => {
    await mount(<AccountList accounts={accounts} />);
    const search = byTestId('account-search') as HTMLInputElement;
    await act(() => {
      search.value = 'acme';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(listed()).toEqual(['Acme Hats', 'Acme Shoes']);
    expect(byTestId('account-count')?.textContent).toBe('Showing 2 of 3 accounts.');

    const order = byTestId('account-order') as HTMLSelectElement;
    await act(() => {
      search.value = '';
      search.dispatchEvent(new Event('input', { bubbles: true }));
      order.value = 'name';
      order.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(listed()).toEqual(['Acme Hats', 'Acme Shoes', 'Beta Bikes']);

    await act(() => {
      search.value = 'zebra';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(listed()).toEqual([]);
    expect(byTestId('account-count')?.textContent).toBe('No account matches “zebra”.');
  });
});

describe('AccountStatus', () => {
  it('says when the account last synced, or that it is syncing, failed or never synced', () => {
    expect(accountStatusText(synced, undefined, NOW, translate)).toBe('synced 2 hours ago');
    expect(accountStatusText({ ...synced, state: 'syncing' }, undefined, NOW, translate)).toBe(
      'syncing…',
    );
    const failed: AccountSyncSummary = {
      ...synced,
      state: 'problem',
      problem: { kind: 'error', message: 'Bad answer', until: null },
    };
    expect(accountStatusText(failed, undefined, NOW, translate)).toBe('sync failed');
    expect(accountStatusText(undefined, undefined, NOW, translate)).toBe('never synced');
  });

  it('adds the findings once they are known', async () => {
    await mount(
      <AccountStatus
        id="status-1"
        summary={synced}
        findings={counts('act_1', 1, 2, 3)}
        now={NOW}
        t={translate}
      />,
    );
    const status = byTestId('account-status')!;
    expect(status.id).toBe('status-1');
    expect(status.textContent).toBe('synced 2 hours ago · findings: 6 (1 critical)');
  });
});

describe('SyncStatusTable with findings', () => {
  it('shows each account’s findings in a column, in the order given', async () => {
    const status = [synced, { ...synced, accountId: 'act_2' }];
    await mount(
      <SyncStatusTable
        t={translate}
        accounts={[]}
        status={[status[1]!, status[0]!]}
        findings={new Map([['act_2', counts('act_2', 2, 1)]])}
        now={NOW}
        onSyncNow={() => {}}
      />,
    );
    expect(container.querySelector('thead')?.textContent).toContain('Findings');
    const rows = [...container.querySelectorAll<HTMLElement>('[data-testid="sync-row"]')];
    expect(rows.map((row) => row.dataset.accountId)).toEqual(['act_2', 'act_1']);
    const cells = [...container.querySelectorAll('[data-testid="finding-count"]')];
    expect(cells.map((cell) => cell.textContent)).toEqual(['findings: 3 (2 critical)', '']);
  });
});
