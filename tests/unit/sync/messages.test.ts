import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlers } from '@/entrypoints/background/handlers';
import { saveToken } from '@/lib/auth/vault';
import { readSyncState, writeSyncState } from '@/lib/cache/sync-state';
import { wipeCache } from '@/lib/cache/wipe';
import { graphErrorToAppError } from '@/lib/graph/errors';
import { createMessageRouter } from '@/lib/messaging/server';
import { SyncStatusResponseSchema } from '@/lib/schema/sync';
import { SeriesGetResponseSchema } from '@/lib/schema/series';
import { syncScheduler } from '@/lib/sync/service';
import { addDays } from '@/lib/util/dates';
import { DEFAULT_START_MS, type SimulatedMeta } from '../../sim';
import { connectCache, createSimulatedMeta, simAccount, worldTotals } from './sim-graph';
import { simFetch } from '@/tests/support/graph-stand-in';
import { adsManager, extensionPage as optionsPage, identity } from '@/tests/unit/messaging/senders';

// Whole syncs in fake-indexeddb on a 2-core machine others share, as in the other sync tests.
vi.setConfig({ testTimeout: 60_000 });

/** sync.now, sync.status and series.get through the router, against the simulator. */
const route = createMessageRouter(handlers, { identity, describeError: graphErrorToAppError });

let meta: SimulatedMeta;
let digits: string;
let accountId: `act_${string}`;

beforeAll(() => {
  meta = createSimulatedMeta();
  digits = simAccount(meta, 'EUR').accountId;
  accountId = `act_${digits}`;
});

beforeEach(async () => {
  fakeBrowser.reset();
  meta.clock.set(DEFAULT_START_MS);
  await wipeCache();
  await connectCache(meta);
  await saveToken(meta.control.demoToken);
  vi.stubGlobal('fetch', simFetch(meta));
});

afterEach(() => vi.unstubAllGlobals());

async function call(command: string, payload: unknown, sender: object = optionsPage) {
  return route({ command, payload }, sender);
}

async function syncEur() {
  expect(await call('sync.now', { accountId })).toEqual({
    ok: true,
    data: { accepted: [accountId] },
  });
  await syncScheduler().idle();
}

describe('sync messages', () => {
  it('sync.now syncs the account; sync.status shows it to pages, and to Ads Manager only the account named', async () => {
    await syncEur();
    expect(await call('sync.status', {}, adsManager)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    const named = await call('sync.status', { accountId }, adsManager);
    expect(
      SyncStatusResponseSchema.parse((named as { data: unknown }).data).accounts.map(
        (account) => account.accountId,
      ),
    ).toEqual([accountId]);
    for (const [sender, payload] of [
      [optionsPage, {}],
      [adsManager, { accountId }],
    ] as const) {
      const reply = await call('sync.status', payload, sender);
      expect(reply.ok).toBe(true);
      const status = SyncStatusResponseSchema.parse((reply as { data: unknown }).data);
      const eur = status.accounts.find((account) => account.accountId === accountId);
      expect(eur).toMatchObject({ state: 'synced', problem: null, partial: false, progress: null });
      expect(eur?.rows).toBeGreaterThan(0);
      expect(eur?.lastSyncAt).not.toBeNull();
      expect(JSON.stringify(status)).not.toContain(meta.control.demoToken);
    }
  });

  it('sync.now is for extension pages only', async () => {
    expect(await call('sync.now', {}, adsManager)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it('series.get returns the biggest spenders’ daily series, equal to the world', async () => {
    await syncEur();
    const today = meta.world.today(digits);
    const since = addDays(today, -6);
    // Ads Manager names the rows it shows; the biggest spenders are for extension pages.
    expect(
      await call('series.get', { accountId, level: 'campaign', since, until: today }, adsManager),
    ).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const reply = await call(
      'series.get',
      { accountId, level: 'campaign', since, until: today },
      optionsPage,
    );
    const data = SeriesGetResponseSchema.parse((reply as { data: unknown }).data);
    expect(data).toMatchObject({ currency: 'EUR', coverage: { since, until: today }, today });
    const spend = data.series.reduce(
      (sum, series) => sum + series.metrics.spend.reduce((a, b) => a + b, 0),
      0,
    );
    expect(spend).toBe(worldTotals(meta, digits, 'campaign', since, today).spend);
    const totals = data.series.map((series) => series.metrics.spend.reduce((a, b) => a + b, 0));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));

    const one = data.series[0]!;
    const picked = await call(
      'series.get',
      { accountId, level: 'campaign', entityIds: [one.entityId], since, until: today },
      adsManager,
    );
    expect((picked as { data: { series: unknown[] } }).data.series).toEqual([one]);
  });

  it('series.get is bounded', async () => {
    for (const payload of [
      { accountId, level: 'ad', since: '2025-01-01', until: '2026-11-20' },
      { accountId, level: 'ad', since: '2026-11-20', until: '2026-11-01' },
      { accountId, level: 'ad', since: '2026-11-01', until: '2026-11-20', entityIds: [] },
      { accountId, level: 'account', since: '2026-11-01', until: '2026-11-20' },
    ]) {
      expect(await call('series.get', payload, adsManager), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
  });

  it('series.get from Ads Manager refreshes a stale account in the background', async () => {
    await syncEur();
    const state = await readSyncState(accountId);
    await writeSyncState({ ...state, lastSyncAt: Date.now() - 3 * 3_600_000 });
    const today = meta.world.today(digits);
    const ad = meta.world.entities(digits, 'ad')[0]!.id;
    await call(
      'series.get',
      { accountId, level: 'ad', entityIds: [ad], since: today, until: today },
      adsManager,
    );
    expect(syncScheduler().isSyncing(accountId)).toBe(true);
    await syncScheduler().idle();
    expect((await readSyncState(accountId)).lastSyncAt).toBeGreaterThan(Date.now() - 60_000);
  });
});
