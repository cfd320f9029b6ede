import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import insightGet from '@/entrypoints/background/handlers/insight-get';
import { cacheDb } from '@/lib/cache/db';
import { clearOwnedSettings } from '@/lib/settings/owned';
import { SeriesSlice, writeSeriesSlice } from '@/lib/cache/series';
import { initialSyncState, writeSyncState } from '@/lib/cache/sync-state';
import { wipeCache } from '@/lib/cache/wipe';
import { InsightGetRequestSchema, InsightGetResponseSchema } from '@/lib/schema/insight';
import { INSIGHT_METRICS } from '@/lib/schema/insights';
import { updateSyncSettings } from '@/lib/settings/sync';
import { PAGE_SYNC_INTERVAL_MS } from '@/lib/sync/triggers';
import { epochDayOf } from '@/lib/util/dates';
import { accountRecord } from '../fixtures/account';

/** The handler against a real (fake-indexeddb) cache; the token and the scheduler are stand-ins. */
const scheduler = vi.hoisted(() => ({
  request: vi.fn((ids: string[]) => ids),
  isSyncing: vi.fn(() => false),
}));
vi.mock('@/lib/auth/require-token', () => ({ requireToken: () => Promise.resolve('token') }));
vi.mock('@/lib/sync/service', () => ({
  syncScheduler: () => scheduler,
  refreshIfStale: () => Promise.resolve(),
}));

const ACCOUNT = 'act_1';
const fromPage = { senderClass: 'content-script' } as const;

function values(spend: number, impressions: number, purchases: number): number[] {
  return INSIGHT_METRICS.map((metric) =>
    metric === 'spend'
      ? spend
      : metric === 'impressions'
        ? impressions
        : metric === 'purchases'
          ? purchases
          : 0,
  );
}

/** Two campaigns over 2026-11-01..14, every day: 12.34 and 0.01 of spend. */
async function seed(lastSyncAt: number) {
  await cacheDb().accounts.put(accountRecord({ accountId: ACCOUNT }));
  const first = epochDayOf('2026-11-01');
  const slice = new SeriesSlice(first, first + 13);
  for (let day = first; day <= first + 13; day++) {
    slice.set('11', day, values(1234, 1000, 1));
    slice.set('12', day, values(1, 10, 0));
  }
  await writeSeriesSlice(ACCOUNT, 'campaign', slice);
  await writeSyncState({
    ...initialSyncState(ACCOUNT),
    coverage: {
      campaign: { since: '2026-11-01', until: '2026-11-14' },
      adset: null,
      ad: null,
    },
    lastSyncAt,
  });
}

const request = (extra: object = {}) =>
  InsightGetRequestSchema.parse({
    accountId: ACCOUNT,
    level: 'account',
    entityId: null,
    since: '2026-11-08',
    until: '2026-11-14',
    ...extra,
  });

beforeEach(() => {
  scheduler.request.mockClear();
});

afterEach(async () => {
  await clearOwnedSettings();
  await wipeCache();
});

describe('insight.get', () => {
  it('sums the account’s campaigns exactly, against the previous period of the same length', async () => {
    await seed(Date.now());
    const answer = InsightGetResponseSchema.parse(await insightGet(request(), fromPage));
    const spend = answer.kpis.find((kpi) => kpi.metric === 'spend');
    expect(spend).toEqual({ metric: 'spend', current: 7 * 1235, previous: 7 * 1235 });
    expect(answer.previous).toEqual({ since: '2026-11-01', until: '2026-11-07' });
    expect(answer.covered).toEqual({ current: true, previous: true });
    expect(answer.kpis.find((kpi) => kpi.metric === 'cpa')?.current).toBe(1235);
    expect(answer.subject).toEqual({ level: 'account', entityId: null, name: 'Shop' });
    expect(answer.trends.map((trend) => trend.days.length)).toEqual([7, 7, 7, 7]);
  });

  it('gives no KPIs for a period the cache has not synced, rather than zeros', async () => {
    await seed(Date.now());
    const answer = await insightGet(
      request({ since: '2026-11-12', until: '2026-11-15' }),
      fromPage,
    );
    expect(answer.covered).toEqual({ current: false, previous: true });
    expect(answer.kpis.find((kpi) => kpi.metric === 'spend')?.current).toBeNull();
  });

  it('shows the KPIs of metrics no longer read as unknown, not as zeros', async () => {
    await seed(Date.now());
    await updateSyncSettings({ metricGroups: ['reach', 'clicks'] });
    const answer = await insightGet(request(), fromPage);
    fakeBrowser.reset();
    const current = (metric: string) => answer.kpis.find((kpi) => kpi.metric === metric)?.current;
    for (const metric of ['conversions', 'cpa', 'conversion_value', 'roas']) {
      expect(current(metric), metric).toBeNull();
    }
    expect(current('spend')).toBe(7 * 1235);
    expect(answer.trends.map((trend) => trend.metric)).toEqual(['spend', 'cpm', 'ctr']);
  });

  it('answers for one campaign only', async () => {
    await seed(Date.now());
    const answer = await insightGet(request({ level: 'campaign', entityId: '12' }), fromPage);
    expect(answer.kpis.find((kpi) => kpi.metric === 'spend')?.current).toBe(7);
  });

  it('lets the page start a sync of this account only, and not again within minutes', async () => {
    await seed(Date.now() - PAGE_SYNC_INTERVAL_MS - 1000);
    const started = await insightGet(request({ refresh: true }), fromPage);
    expect(started.freshness.refreshStarted).toBe(true);
    // The account open in Ads Manager goes ahead of any other waiting.
    expect(scheduler.request).toHaveBeenCalledExactlyOnceWith([ACCOUNT], { first: true });

    await wipeCache();
    await seed(Date.now() - 60_000);
    const refused = await insightGet(request({ refresh: true }), fromPage);
    expect(refused.freshness.refreshStarted).toBe(false);
    expect(scheduler.request).toHaveBeenCalledOnce();
  });

  it('refuses an account that is not connected', async () => {
    await expect(insightGet(request(), fromPage)).rejects.toThrow(/not connected/);
  });
});
