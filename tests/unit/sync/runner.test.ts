import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheDb } from '@/lib/cache/db';
import { listEntities } from '@/lib/cache/entities';
import { readSyncState } from '@/lib/cache/sync-state';
import { wipeCache } from '@/lib/cache/wipe';
import { applyDataPolicy } from '@/lib/privacy/data-policy';
import { DEFAULT_SYNC_SETTINGS } from '@/lib/schema/sync';
import { syncAccount, type SyncDeps } from '@/lib/sync/runner';
import { addDays } from '@/lib/util/dates';
import { DEFAULT_START_MS, type SimulatedMeta } from '../../sim';
import {
  cacheTotals,
  connectCache,
  createSimulatedMeta,
  simAccount,
  simSyncDeps,
  worldTotals,
} from './sim-graph';

// Whole syncs in fake-indexeddb, anomaly detection included, on a 2-core machine others share.
vi.setConfig({ testTimeout: 60_000 });

/**
 * The sync engine against the simulator in-process, on fake time: the EUR account (14 campaigns,
 * 42 ad sets, 150 ads), small pages and small units so every path has several of each.
 */
let meta: SimulatedMeta;
let digits: string;
let accountId: `act_${string}`;
const LEVELS = ['campaign', 'adset', 'ad'] as const;

beforeAll(() => {
  meta = createSimulatedMeta();
  digits = simAccount(meta, 'EUR').accountId;
  accountId = `act_${digits}`;
});

beforeEach(async () => {
  meta.clock.set(DEFAULT_START_MS);
  meta.control.faults.clear();
  meta.control.usage.reset();
  meta.control.requests.clear();
  await wipeCache();
  await connectCache(meta);
});

const deps = (overrides: Partial<SyncDeps> = {}) => simSyncDeps(meta, overrides);

const today = () => meta.world.today(digits);

async function expectCacheEqualsWorld(since: string) {
  for (const level of LEVELS) {
    const expected = worldTotals(meta, digits, level, since, today());
    expect(await cacheTotals(digits, level, since, today()), level).toEqual(expected);
  }
}

function insightRanges(): string[] {
  return meta.control.requests.entries
    .filter((entry) => entry.path.endsWith('/insights') && entry.query.time_range)
    .map((entry) => {
      const range = JSON.parse(entry.query.time_range!) as { since: string; until: string };
      return `${entry.query.level} ${range.since}..${range.until}`;
    });
}

describe('first sync', () => {
  it('backfills 90 days of every level: rows and sums equal the world, objects included', async () => {
    const { state } = await syncAccount(deps(), accountId);
    expect(state.lastError).toBeNull();
    expect(state.partial).toBe(false);
    expect(state.run).toBeNull();
    const since = addDays(today(), -89);
    await expectCacheEqualsWorld(since);
    expect(state.coverage.ad).toEqual({ since, until: today() });

    const expectedRows = LEVELS.reduce(
      (sum, level) => sum + worldTotals(meta, digits, level, since, today()).rows,
      0,
    );
    expect(state.rows).toBe(expectedRows);
    expect(state.lastRun).toMatchObject({ kind: 'full', rowsWritten: expectedRows });

    for (const level of LEVELS) {
      const cached = await listEntities(accountId, level);
      expect(cached).toHaveLength(meta.world.entities(digits, level).length);
    }
    const deleted = meta.world
      .entities(digits, 'ad')
      .find((ad) => ad.effectiveStatus === 'DELETED');
    const ads = await listEntities(accountId, 'ad');
    expect(ads.find((ad) => ad.entityId === deleted?.id)?.effectiveStatus).toBe('DELETED');
    const withBudget = (await listEntities(accountId, 'adset')).find(
      (adset) => adset.dailyBudgetMinor !== null,
    );
    expect(withBudget?.dailyBudgetMinor).toBe(
      meta.world.entity(withBudget!.entityId)?.dailyBudgetMinor,
    );

    await expect(cacheDb().apiCalls.count()).resolves.toBe(state.lastRun!.requests);
  });

  it('reads big units through async report runs with the same result', async () => {
    await syncAccount(
      deps({ unitPolicy: { maxRowsPerUnit: 2000, maxDaysPerUnit: 90, asyncFromRows: 1 } }),
      accountId,
    );
    expect(meta.control.requests.entries.some((entry) => entry.method === 'POST')).toBe(true);
    await expectCacheEqualsWorld(addDays(today(), -89));
  });
});

describe('the metrics chosen', () => {
  it('are the only ones asked for and stored: no conversions means no conversion field', async () => {
    const settings = { ...DEFAULT_SYNC_SETTINGS, metricGroups: ['reach' as const] };
    const { state } = await syncAccount(deps({ settings }), accountId);
    expect(state.lastError).toBeNull();
    const fields = meta.control.requests.entries
      .filter((entry) => entry.path.endsWith('/insights') && entry.query.fields)
      .map((entry) => entry.query.fields!.split(','));
    expect(fields.length).toBeGreaterThan(0);
    for (const asked of fields) {
      expect(asked).toEqual(expect.arrayContaining(['spend', 'impressions', 'reach', 'frequency']));
      for (const notChosen of ['clicks', 'inline_link_clicks', 'actions', 'purchase_roas']) {
        expect(asked).not.toContain(notChosen);
      }
    }
    const since = addDays(today(), -89);
    const world = worldTotals(meta, digits, 'campaign', since, today());
    expect(world.purchases).toBeGreaterThan(0);
    expect(await cacheTotals(digits, 'campaign', since, today())).toEqual({
      ...world,
      purchases: 0,
      purchaseValue: 0,
    });
  });
});

describe('the levels chosen', () => {
  it('a level turned off is neither read from Meta nor stored, objects included', async () => {
    const settings = { ...DEFAULT_SYNC_SETTINGS, levels: ['campaign' as const, 'adset' as const] };
    const { state } = await syncAccount(deps({ settings }), accountId);
    expect(state.lastError).toBeNull();
    const paths = meta.control.requests.entries.map((entry) => entry.path);
    expect(paths.some((path) => path.endsWith(`/${accountId}/adsets`))).toBe(true);
    expect(paths.some((path) => path.endsWith(`/${accountId}/ads`))).toBe(false);
    expect(
      meta.control.requests.entries.filter((entry) => entry.query.level === 'ad'),
    ).toHaveLength(0);
    expect(await listEntities(accountId, 'adset')).not.toHaveLength(0);
    expect(await listEntities(accountId, 'ad')).toHaveLength(0);
  });
});

describe('a metric group turned back on', () => {
  it('is read again for every day kept, not only the lookback', async () => {
    const reachOnly = { ...DEFAULT_SYNC_SETTINGS, metricGroups: ['reach' as const] };
    await syncAccount(deps({ settings: reachOnly }), accountId);
    const { state } = await syncAccount(deps(), accountId);
    expect(state.lastRun).toMatchObject({ kind: 'full' });
    expect(state.metricGroups).toEqual(DEFAULT_SYNC_SETTINGS.metricGroups);
    await expectCacheEqualsWorld(addDays(today(), -89));
  });

  it('after the data policy cleared it, even when no sync ran in between', async () => {
    await syncAccount(deps(), accountId);
    const now = meta.clock.now();
    await applyDataPolicy({ ...DEFAULT_SYNC_SETTINGS, metricGroups: ['reach', 'clicks'] }, now);
    expect((await readSyncState(accountId)).metricGroups).toEqual(['reach', 'clicks']);
    await applyDataPolicy(DEFAULT_SYNC_SETTINGS, now);
    const { state } = await syncAccount(deps(), accountId);
    expect(state.lastRun).toMatchObject({ kind: 'full' });
    await expectCacheEqualsWorld(addDays(today(), -89));
  });
});

describe('later syncs', () => {
  it('read only the lookback and what is new, and end equal to the world', async () => {
    await syncAccount(deps(), accountId);
    const firstDay = addDays(today(), -89);
    meta.clock.advance(27 * 3_600_000);
    meta.control.requests.clear();
    const { state } = await syncAccount(deps(), accountId);
    expect(state.lastRun?.kind).toBe('incremental');
    const ranges = insightRanges();
    expect(ranges.every((range) => range.split(' ')[1]! >= addDays(today(), -27))).toBe(true);
    expect(ranges.some((range) => range.endsWith(`..${today()}`))).toBe(true);
    // A day after the last read of the objects, they are all read again.
    const campaigns = meta.control.requests.entries.find((entry) =>
      entry.path.endsWith('/campaigns'),
    );
    expect(campaigns?.query.filtering).not.toContain('updated_time');
    // The cache is the last 90 days, as retention keeps them: the day that left the window is gone.
    const window = addDays(today(), -89);
    expect(window > firstDay).toBe(true);
    await expectCacheEqualsWorld(window);
    for (const level of LEVELS) {
      expect(state.coverage[level], level).toEqual({ since: window, until: today() });
      expect((await cacheTotals(digits, level, firstDay, addDays(window, -1))).rows, level).toBe(0);
    }
  });

  it('replace restated conversions and today’s growing numbers', async () => {
    await syncAccount(deps(), accountId);
    const yesterday = addDays(today(), -1);
    const before = await cacheTotals(digits, 'ad', yesterday, today());
    meta.clock.advance(5 * 3_600_000);
    meta.control.requests.clear();
    const restated = worldTotals(meta, digits, 'ad', yesterday, today());
    expect(restated.purchases).toBeGreaterThan(before.purchases);
    expect(restated.spend).toBeGreaterThan(before.spend);
    await syncAccount(deps(), accountId);
    expect(await cacheTotals(digits, 'ad', yesterday, today())).toEqual(restated);
    // Within a day, only the objects updated since the last read (an hour of margin) are read.
    const campaigns = meta.control.requests.entries.find((entry) =>
      entry.path.endsWith('/campaigns'),
    );
    expect(campaigns?.query.filtering).toContain(
      '"campaign.updated_time","operator":"GREATER_THAN"',
    );
  });
});

describe('checkpoints', () => {
  const permission = {
    status: 400,
    error: { message: '(#200) Permissions error', type: 'OAuthException', code: 200 },
  } as const;

  it.each([
    [5, 0],
    [14, 1],
    [30, 2],
  ])(
    'a run stopped after %i insights calls (%i units done) resumes there: no duplicate, no gap',
    async (calls, unitsDone) => {
      meta.control.faults.script({ path: `/act_${digits}/insights` }, [
        ...new Array<'pass'>(calls).fill('pass'),
        permission,
      ]);
      const stopped = await syncAccount(deps(), accountId);
      expect(stopped.state.lastError?.kind).toBe('permission');
      expect(stopped.state.partial).toBe(true);
      const done = stopped.state.run!.units.filter((unit) => unit.done);
      expect(done.length).toBeGreaterThanOrEqual(unitsDone);

      meta.control.requests.clear();
      const resumed = await syncAccount(deps(), accountId);
      expect(resumed.state.lastError).toBeNull();
      expect(resumed.state.partial).toBe(false);
      // Units already written are not read again.
      const reread = insightRanges();
      for (const unit of done)
        expect(reread).not.toContain(`${unit.level} ${unit.since}..${unit.until}`);
      await expectCacheEqualsWorld(addDays(today(), -89));
      const since = addDays(today(), -89);
      const rows = LEVELS.reduce(
        (sum, level) => sum + worldTotals(meta, digits, level, since, today()).rows,
        0,
      );
      expect(resumed.state.rows).toBe(rows);
    },
  );
});

describe('a disconnect during a run', () => {
  it('stops the run before its next write, and writes nothing after', async () => {
    let connected = true;
    const base = deps();
    const { state, error } = await syncAccount(
      {
        ...base,
        onProgress: () => {
          // The person disconnects right after the objects are stored.
          connected = false;
        },
        stillConnected: () => Promise.resolve(connected),
      },
      accountId,
    );
    expect(error).toBeInstanceOf(Error);
    expect(state.run?.units.some((unit) => unit.done)).toBe(false);
    await expect(cacheDb().series.count()).resolves.toBe(0);
    expect((await readSyncState(accountId)).lastError).toBeNull();
  });
});

describe('failures end in a state the user sees, keeping what was synced', () => {
  it.each([
    [
      'reconnect',
      {
        status: 400,
        error: {
          message: 'Error validating access token: Session has expired',
          type: 'OAuthException',
          code: 190,
          error_subcode: 463,
        },
      },
    ],
    [
      'permission',
      {
        status: 403,
        error: { message: '(#200) Permissions error', type: 'OAuthException', code: 200 },
      },
    ],
    ['rate-limited', 'throttle'],
    ['unavailable', 'transient'],
    [
      'error',
      {
        status: 400,
        error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 },
      },
    ],
  ] as const)('%s', async (kind, fault) => {
    await syncAccount(deps(), accountId);
    const synced = await readSyncState(accountId);
    meta.clock.advance(3_600_000);
    meta.control.faults.failNext({ path: `/act_${digits}/insights` }, 20, fault);
    const { state } = await syncAccount(deps(), accountId);
    expect(state.lastError?.kind).toBe(kind);
    expect(state.partial).toBe(true);
    expect(state.lastSyncAt).toBe(synced.lastSyncAt);
    if (kind === 'rate-limited') expect(state.lastError?.until).toBeGreaterThan(meta.clock.now());
    // Nothing lost: the first sync's rows are all still there.
    expect(state.rows).toBe(synced.rows);
  });
});
