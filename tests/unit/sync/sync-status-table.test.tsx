// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncScheduleField } from '@/components/SyncScheduleField';
import { SyncStatusTable } from '@/components/SyncStatusTable';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { translate } from '@/tests/unit/components/catalogue';
import { container, mount, unmount } from '@/tests/support/dom';

afterEach(unmount);

const NOW = Date.parse('2026-11-20T15:00:00Z');
const base: AccountSyncSummary = {
  accountId: 'act_1',
  state: 'synced',
  lastSyncAt: NOW - 5 * 60_000,
  nextRunAt: NOW + 55 * 60_000,
  rows: 305_300,
  progress: null,
  problem: null,
  partial: false,
};

function cell(accountId: string) {
  return container.querySelector<HTMLElement>(
    `[data-account-id="${accountId}"] [data-testid="sync-state"]`,
  )!;
}

describe('SyncStatusTable', () => {
  it('says, per account, what the sync did or what stopped it', async () => {
    const status: AccountSyncSummary[] = [
      base,
      { ...base, accountId: 'act_2', state: 'syncing', progress: { done: 3, total: 8, days: 90 } },
      { ...base, accountId: 'act_3', state: 'never', lastSyncAt: null, rows: 0 },
      {
        ...base,
        accountId: 'act_4',
        state: 'problem',
        partial: true,
        problem: { kind: 'rate-limited', message: 'Wait', until: NOW + 15 * 60_000 },
      },
      {
        ...base,
        accountId: 'act_5',
        state: 'problem',
        problem: { kind: 'reconnect', message: 'Expired', until: null },
      },
    ];
    const accounts = [
      { accountId: 'act_1', name: '<b>Shop</b>', currency: 'EUR', timezoneName: 'Europe/Berlin' },
    ];
    await mount(
      <SyncStatusTable
        t={translate}
        accounts={accounts}
        status={status}
        now={NOW}
        onSyncNow={() => {}}
      />,
    );
    expect(cell('act_1').textContent).toBe('Synced 5 minutes ago · 305,300 rows.');
    expect(cell('act_2').textContent).toBe('Reading 90 days… 37 %');
    expect(cell('act_3').textContent).toBe('Not synced yet.');
    expect(cell('act_4').textContent).toMatch(
      /^Rate limited until \d{1,2}:\d\d( [AP]M)?\. Data is partial\.$/,
    );
    expect(cell('act_4').dataset.problem).toBe('rate-limited');
    expect(cell('act_5').textContent).toContain('Reconnect needed');
    // Names from Meta are text.
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('<b>Shop</b>');
  });

  it('Sync now asks for its account, or for all; a running sync cannot be started twice', async () => {
    const onSyncNow = vi.fn();
    const status = [base, { ...base, accountId: 'act_2', state: 'syncing' as const }];
    await mount(
      <SyncStatusTable
        t={translate}
        accounts={[]}
        status={status}
        now={NOW}
        onSyncNow={onSyncNow}
      />,
    );
    const buttons = container.querySelectorAll<HTMLButtonElement>('[data-testid="sync-now"]');
    expect(buttons[1]?.disabled).toBe(true);
    await act(() => buttons[0]?.click());
    await act(() =>
      container.querySelector<HTMLButtonElement>('[data-testid="sync-all"]')?.click(),
    );
    expect(onSyncNow.mock.calls).toEqual([['act_1'], []]);
  });
});

describe('SyncScheduleField', () => {
  it('offers the intervals, off included, and reports the choice', async () => {
    const onChange = vi.fn();
    await mount(<SyncScheduleField t={translate} intervalMinutes={60} onChange={onChange} />);
    const select = container.querySelector<HTMLSelectElement>('[data-testid="sync-interval"]')!;
    expect(select.value).toBe('60');
    expect([...select.options].map((option) => option.textContent)).toContain(
      'Off (Sync now only)',
    );
    select.value = '0';
    await act(() => {
      select.dispatchEvent(new Event('change'));
    });
    expect(onChange).toHaveBeenCalledWith(0);
  });
});
