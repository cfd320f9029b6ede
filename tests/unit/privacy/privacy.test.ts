import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cacheDb } from '@/lib/cache/db';
import { readSeries, SeriesSlice, writeSeriesSlice } from '@/lib/cache/series';
import { initialSyncState, readSyncState, writeSyncState } from '@/lib/cache/sync-state';
import { wipeCache } from '@/lib/cache/wipe';
import { entityRecord } from '../fixtures/entity';
import {
  clearAccountData,
  clearLevelData,
  countAccountRecords,
  countInsightRows,
} from '@/lib/privacy/account-data';
import { applyDataPolicy } from '@/lib/privacy/data-policy';
import { csvCell } from '@/lib/privacy/export';
import { pruneInsights } from '@/lib/privacy/retention';
import { INSIGHT_METRICS } from '@/lib/schema/insights';
import {
  DEFAULT_SYNC_SETTINGS,
  METRIC_GROUPS,
  METRIC_GROUP_NAMES,
  SyncSettingsSchema,
} from '@/lib/schema/sync';
import { validateSetting } from '@/lib/settings/read';
import { moveLegacySettings } from '@/lib/settings/legacy';
import { clearOwnedSettings } from '@/lib/settings/owned';
import { readLoginSettings } from '@/lib/settings/facebook-login';
import { readSyncSettings } from '@/lib/settings/sync';
import { epochDayOf } from '@/lib/util/dates';

beforeEach(async () => {
  fakeBrowser.reset();
  await clearOwnedSettings();
  await wipeCache();
});

const TODAY = '2026-11-20';
const NOW = Date.parse(`${TODAY}T12:00:00Z`);
const ACCOUNTS = ['act_1', 'act_2'] as const;

/** 100 days up to TODAY of one campaign and one ad in each account, synced and checkpointed. */
async function seed(): Promise<void> {
  const last = epochDayOf(TODAY);
  const first = last - 99;
  for (const accountId of ACCOUNTS) {
    await cacheDb().accounts.put({
      accountId,
      name: accountId,
      currency: 'EUR',
      timezoneName: 'UTC',
      timezoneOffsetHoursUtc: 0,
      status: 1,
      businessId: null,
      businessName: null,
    });
    for (const level of ['campaign', 'ad'] as const) {
      const slice = new SeriesSlice(first, last);
      for (let day = first; day <= last; day++) {
        slice.set(
          level === 'ad' ? '21' : '11',
          day,
          INSIGHT_METRICS.map(() => 1),
        );
      }
      await writeSeriesSlice(accountId, level, slice);
    }
    await cacheDb().entities.bulkPut(
      (['campaign', 'ad'] as const).map((level) =>
        entityRecord({ accountId, level, entityId: level === 'ad' ? '21' : '11', name: 'x' }),
      ),
    );
    const range = { since: '2026-08-13', until: TODAY };
    await writeSyncState({
      ...initialSyncState(accountId),
      coverage: { campaign: range, adset: null, ad: range },
      rows: 200,
      lastSyncAt: NOW,
    });
  }
}

describe('clearing cached data', () => {
  it('deletes everything about one account and nothing about another', async () => {
    await seed();
    await clearAccountData(['act_1']);
    const cleared = await countAccountRecords('act_1');
    expect(Object.values(cleared).every((count) => count === 0)).toBe(true);
    expect(cleared.series).toBe(0);
    expect(await countInsightRows('act_1')).toBe(0);
    expect(await countInsightRows('act_2')).toBe(200);
    // The account itself stays listed: it is the connection's, and syncs again on request.
    expect(await cacheDb().accounts.count()).toBe(2);
  });

  it('deletes a level and forgets its coverage, so turning it on again reads its history', async () => {
    await seed();
    const db = cacheDb();
    const finding = (level: string, entityId: string) =>
      ({ accountId: 'act_1', level, entityId, findingId: `${level}-${entityId}` }) as never;
    const change = (level: string, entityId: string) =>
      ({
        accountId: 'act_1',
        level,
        entityId,
        field: 'name',
        before: 'Old',
        after: 'New',
        time: 1,
      }) as never;
    const explanation = (findingId: string) =>
      ({ accountId: 'act_1', key: findingId, findingId, fetchedAt: NOW }) as never;
    await db.findings.bulkAdd([finding('ad', '9'), finding('campaign', '1')]);
    await db.explanations.bulkAdd([explanation('ad-9'), explanation('campaign-1')]);
    await db.changes.bulkAdd([change('ad', '9'), change('campaign', '1')]);
    await clearLevelData('act_1', ['ad']);
    // Its findings, their explanations (breakdowns read on Explain) and change history (old names
    // and budgets) go with it; other levels' stay.
    expect((await db.findings.toArray()).map((each) => each.level)).toEqual(['campaign']);
    expect((await db.explanations.toArray()).map((each) => each.findingId)).toEqual(['campaign-1']);
    expect((await db.changes.toArray()).map((each) => each.level)).toEqual(['campaign']);
    const state = await readSyncState('act_1');
    expect(state.coverage.ad).toBeNull();
    expect(state.coverage.campaign).not.toBeNull();
    expect(state.rows).toBe(100);
    expect(
      await cacheDb().entities.where('[accountId+level]').equals(['act_1', 'ad']).count(),
    ).toBe(0);
    expect(await countInsightRows('act_2')).toBe(200);
  });
});

describe('retention', () => {
  it('keeps the last N days of each account, today included, and trims coverage and counts', async () => {
    await seed();
    expect(await pruneInsights(7, NOW)).toBe(2 * 2 * 93);
    const [series] = await readSeries('act_1', 'ad', epochDayOf(TODAY) - 99, epochDayOf(TODAY));
    const kept = Array.from(series!.rows);
    expect(kept.slice(-7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(kept.slice(0, -7).every((row) => row === 0)).toBe(true);
    const state = await readSyncState('act_1');
    expect(state.coverage.campaign).toEqual({ since: '2026-11-14', until: TODAY });
    expect(state.rows).toBe(14);
    expect(await countInsightRows('act_1')).toBe(14);
    // Chunks left without a row are deleted, not kept empty.
    expect(await cacheDb().series.count()).toBe(2 * 2 * 1);
  });

  it('counts the days by Meta’s clock, as the sync did, when this computer’s clock runs ahead', async () => {
    await seed();
    const aheadMs = 3 * 86_400_000;
    for (const accountId of ACCOUNTS) {
      const state = await readSyncState(accountId);
      await writeSyncState({ ...state, metaClockOffsetMs: -aheadMs });
    }
    expect(await pruneInsights(7, NOW + aheadMs)).toBe(2 * 2 * 93);
    expect((await readSyncState('act_1')).coverage.campaign).toEqual({
      since: '2026-11-14',
      until: TODAY,
    });
  });

  it('a corrupt setting deletes nothing; a valid one removes what is no longer wanted', async () => {
    await seed();
    await applyDataPolicy({ levels: 'all', backfillDays: 1 }, NOW);
    expect(await countInsightRows('act_1')).toBe(200);
    await applyDataPolicy(
      {
        ...DEFAULT_SYNC_SETTINGS,
        levels: ['campaign'],
        disabledAccounts: ['act_2'],
        backfillDays: 30,
      },
      NOW,
    );
    expect(await countInsightRows('act_1')).toBe(30);
    expect(await countInsightRows('act_2')).toBe(0);
  });
});

describe('metrics no longer read', () => {
  it('lose their stored values at once, in every account and level; the others stay', async () => {
    await seed();
    await applyDataPolicy({ ...DEFAULT_SYNC_SETTINGS, metricGroups: ['reach', 'clicks'] }, NOW);
    const kept = epochDayOf(TODAY) - DEFAULT_SYNC_SETTINGS.backfillDays + 1;
    for (const accountId of ACCOUNTS) {
      for (const level of ['campaign', 'ad'] as const) {
        const [series] = await readSeries(accountId, level, kept, epochDayOf(TODAY));
        const column = (metric: (typeof INSIGHT_METRICS)[number]) => [
          ...series!.values[INSIGHT_METRICS.indexOf(metric)]!,
        ];
        for (const metric of METRIC_GROUPS.conversions) {
          expect(
            column(metric).every((value) => value === 0),
            metric,
          ).toBe(true);
        }
        for (const metric of ['spend', 'impressions', 'reach', 'clicks'] as const) {
          expect(
            column(metric).every((value) => value === 1),
            metric,
          ).toBe(true);
        }
        expect(series!.rows.every((row) => row === 1)).toBe(true);
      }
    }
  });
});

describe('export and settings', () => {
  it('settings stored before the metric choice migrate keeping every choice, reading every metric', async () => {
    const version1 = {
      intervalMinutes: 180,
      backfillDays: 30,
      lookbackDays: 7,
      levels: ['campaign'],
      disabledAccounts: ['act_2'],
    };
    await fakeBrowser.storage.local.set({ syncSettings: version1, syncSettings$: { v: 1 } });
    await moveLegacySettings();
    expect(await readSyncSettings()).toEqual({
      ...version1,
      metricGroups: METRIC_GROUP_NAMES,
    });
    // Moved out of storage.local, where content scripts can write.
    await expect(fakeBrowser.storage.local.get(null)).resolves.toEqual({});
  });

  it('settings written to storage.local after the move are never read', async () => {
    await fakeBrowser.storage.local.set({
      syncSettings: { ...DEFAULT_SYNC_SETTINGS, levels: ['campaign'], disabledAccounts: ['act_2'] },
      facebookLogin: { appId: '666', businessManagement: true },
      forgetTokenOnBrowserClose: false,
    });
    expect(await readSyncSettings()).toEqual(DEFAULT_SYNC_SETTINGS);
    expect(await readLoginSettings()).toEqual({ appId: null, businessManagement: false });
  });

  it('CSV cells cannot run as spreadsheet formulas or split a row', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('Spring, sale')).toBe('"Spring, sale"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('a stored setting that does not validate reads as the default and is flagged', () => {
    expect(validateSetting({ levels: 3 }, SyncSettingsSchema, DEFAULT_SYNC_SETTINGS)).toEqual({
      value: DEFAULT_SYNC_SETTINGS,
      corrupt: true,
    });
    const valid = { ...DEFAULT_SYNC_SETTINGS, backfillDays: 30 };
    expect(validateSetting(valid, SyncSettingsSchema, DEFAULT_SYNC_SETTINGS)).toEqual({
      value: valid,
      corrupt: false,
    });
  });
});
