import { Dexie } from 'dexie';
import { expect, it } from 'vitest';
import { getAccount } from '@/lib/cache/accounts';
import { CACHE_DATABASE, cacheDb } from '@/lib/cache/db';

it('upgrades a version 1 cache to the current version, keeping its accounts', async () => {
  const old = new Dexie(CACHE_DATABASE);
  old.version(1).stores({ accounts: 'accountId', meta: 'key' });
  await old.table('accounts').put({
    accountId: 'act_1',
    name: 'Kept',
    currency: 'JPY',
    timezoneName: 'Asia/Tokyo',
    timezoneOffsetHoursUtc: 9,
    status: 1,
    businessId: null,
    businessName: null,
  });
  old.close();

  expect((await getAccount('act_1'))?.name).toBe('Kept');
  const db = cacheDb();
  expect(db.verno).toBe(3);
  expect(db.tables.map((table) => table.name).sort()).toEqual([
    'accounts',
    'apiCalls',
    'changes',
    'entities',
    'findings',
    'meta',
    'series',
    'syncState',
  ]);
  await expect(db.findings.count()).resolves.toBe(0);
});
