import { Dexie } from 'dexie';
import { expect, it } from 'vitest';
import { getAccount } from '@/lib/cache/accounts';
import { CACHE_DATABASE, cacheDb } from '@/lib/cache/db';
import { CHUNK_DAYS, METRIC_COUNT, readSeries } from '@/lib/cache/series';

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
  expect(db.verno).toBe(5);
  expect(db.tables.map((table) => table.name).sort()).toEqual([
    'accounts',
    'apiCalls',
    'changes',
    'entities',
    'explanations',
    'findings',
    'meta',
    'series',
    'syncState',
  ]);
  await expect(db.findings.count()).resolves.toBe(0);
});

it('upgrades a version 3 cache by packing its series chunks, keeping every value', async () => {
  await cacheDb().delete();
  const old = new Dexie(CACHE_DATABASE);
  old.version(3).stores({
    accounts: 'accountId',
    meta: 'key',
    entities: '[accountId+level+entityId], [accountId+level]',
    series: '[accountId+level+entityId+chunk], [accountId+level+chunk]',
    syncState: 'accountId',
    apiCalls: '++id, time',
    findings: '++id, accountId, [accountId+level+entityId]',
    changes: '++id, [accountId+entityId], [accountId+time]',
  });
  const rows = new Uint8Array(CHUNK_DAYS);
  const values = new Float64Array(METRIC_COUNT * CHUNK_DAYS);
  for (const offset of [0, 9, 31]) {
    rows[offset] = 1;
    values[offset] = 1_000 + offset;
    values[CHUNK_DAYS + offset] = 70_000;
  }
  const chunk = CHUNK_DAYS * 640;
  await old
    .table('series')
    .put({ accountId: 'act_1', level: 'ad', entityId: '11', chunk, rows, values });
  old.close();
  // The cache deleted above was closed with its database; opening it again runs the upgrade.
  await cacheDb().open();

  const [series] = await readSeries('act_1', 'ad', chunk, chunk + CHUNK_DAYS - 1, ['11']);
  expect(cacheDb().verno).toBe(5);
  expect(Array.from(series!.rows)).toEqual(Array.from(rows));
  expect(Array.from(series!.values[0]!)).toEqual(Array.from(values.subarray(0, CHUNK_DAYS)));
  expect(Array.from(series!.values[1]!)).toEqual(
    Array.from(values.subarray(CHUNK_DAYS, 2 * CHUNK_DAYS)),
  );
  const stored = (await cacheDb().series.toArray())[0]!;
  expect(Object.keys(stored).sort()).toEqual(['accountId', 'chunk', 'entityId', 'level', 'packed']);
});
