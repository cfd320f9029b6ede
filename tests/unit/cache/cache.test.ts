import { beforeEach, describe, expect, it } from 'vitest';
import { getAccount, listAccounts } from '@/lib/cache/accounts';
import { readConnection, saveConnection } from '@/lib/cache/connection';
import { cacheDb } from '@/lib/cache/db';
import { wipeCache } from '@/lib/cache/wipe';
import type { AccountRecord } from '@/lib/schema/account';

const record = (n: number): AccountRecord => ({
  accountId: `act_${n}`,
  name: `Account ${n}`,
  currency: 'EUR',
  timezoneName: 'Europe/Paris',
  timezoneOffsetHoursUtc: 1,
  status: 1,
  businessId: null,
  businessName: null,
});

beforeEach(wipeCache);

describe('cache', () => {
  it('stores a connection with its accounts and reads them back', async () => {
    await saveConnection({ id: '42', name: 'Ada' }, [record(2), record(1)], 1000);
    await expect(readConnection()).resolves.toEqual({
      userId: '42',
      userName: 'Ada',
      connectedAt: 1000,
    });
    expect((await listAccounts()).map((account) => account.accountId)).toEqual(['act_1', 'act_2']);
    await expect(getAccount('act_2')).resolves.toEqual(record(2));
    await expect(getAccount('act_3')).resolves.toBeUndefined();
  });

  it('replaces the previous connection entirely', async () => {
    await saveConnection({ id: '1', name: 'Old' }, [record(1), record(2)]);
    await saveConnection({ id: '2', name: 'New' }, [record(3)]);
    expect((await listAccounts()).map((account) => account.accountId)).toEqual(['act_3']);
    expect((await readConnection())?.userName).toBe('New');
  });

  it('treats records that fail validation as absent', async () => {
    await saveConnection({ id: '1', name: 'Ada' }, [record(1)]);
    await cacheDb().accounts.put({ ...record(2), currency: 'euros' });
    await cacheDb().meta.put({ key: 'connection', value: { userId: 1 } });
    expect((await listAccounts()).map((account) => account.accountId)).toEqual(['act_1']);
    await expect(getAccount('act_2')).resolves.toBeUndefined();
    await expect(readConnection()).resolves.toBeUndefined();
  });

  it('wipes every table', async () => {
    await saveConnection({ id: '1', name: 'Ada' }, [record(1)]);
    await wipeCache();
    await expect(listAccounts()).resolves.toEqual([]);
    await expect(readConnection()).resolves.toBeUndefined();
  });
});
