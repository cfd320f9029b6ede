import { afterEach, describe, expect, it } from 'vitest';
import { putEntities } from '@/lib/cache/entities';
import { wipeCache } from '@/lib/cache/wipe';
import { budgetHistoryOf, readAccountInput } from '@/lib/sync/engine-input';
import type { AccountRecord } from '@/lib/schema/account';
import { entityRecord } from '../fixtures/entity';

const account: AccountRecord = {
  accountId: 'act_7',
  name: 'Shop',
  currency: 'USD',
  timezoneName: 'America/Los_Angeles',
  timezoneOffsetHoursUtc: -8,
  status: 1,
  businessId: null,
  businessName: null,
};

const created = Date.UTC(2025, 0, 10, 18);
const campaign = entityRecord({
  accountId: 'act_7',
  level: 'campaign',
  entityId: '11',
  dailyBudgetMinor: 10_000,
  createdTime: created,
  updatedTime: created,
});

afterEach(() => wipeCache());

describe('budget history for the engine', () => {
  it('hands the engine the budget edits sync recorded, in the account’s days', async () => {
    await putEntities([campaign], created);
    // Raised on the evening of March 20 in Los Angeles (early March 21 in UTC).
    const raised = Date.UTC(2025, 2, 21, 3);
    await putEntities([{ ...campaign, dailyBudgetMinor: 25_000, updatedTime: raised }], raised);
    const input = await readAccountInput(account, '2025-03-30');
    const node = input.entities.find((entity) => entity.id === '11');
    expect(node?.dailyBudgetMinor).toBe(25_000);
    expect(node?.budgetHistory).toEqual([
      { from: '2025-01-10', dailyBudgetMinor: 10_000 },
      { from: '2025-03-20', dailyBudgetMinor: 25_000 },
    ]);
  });

  it('gives no history for an entity whose budget was never seen to change', async () => {
    await putEntities([campaign], created);
    await putEntities([{ ...campaign, name: 'Renamed', updatedTime: created + 1 }], created + 1);
    const input = await readAccountInput(account, '2025-03-30');
    expect(input.entities.find((entity) => entity.id === '11')?.budgetHistory).toBeUndefined();
  });

  it('keeps the last edit of a day, and a budget switched from daily to lifetime', () => {
    const day = (d: number, hour: number) => Date.UTC(2025, 2, d, hour);
    const change = (
      field: 'dailyBudgetMinor' | 'lifetimeBudgetMinor',
      before: number | null,
      after: number | null,
      time: number,
    ) => ({
      accountId: 'act_7' as const,
      level: 'campaign' as const,
      entityId: '11',
      field,
      before,
      after,
      time,
    });
    const history = budgetHistoryOf(
      { ...campaign, dailyBudgetMinor: null, lifetimeBudgetMinor: 900_000 },
      [
        change('dailyBudgetMinor', 10_000, 40_000, day(5, 18)),
        change('dailyBudgetMinor', 40_000, 20_000, day(5, 20)),
        change('dailyBudgetMinor', 20_000, null, day(12, 18)),
        change('lifetimeBudgetMinor', null, 900_000, day(12, 18)),
      ],
      'UTC',
    );
    expect(history).toEqual([
      { from: '2025-01-10', dailyBudgetMinor: 10_000 },
      { from: '2025-03-05', dailyBudgetMinor: 20_000 },
      { from: '2025-03-12', lifetimeBudgetMinor: 900_000 },
    ]);
  });
});
