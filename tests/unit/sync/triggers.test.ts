import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialSyncState, readSyncState } from '@/lib/cache/sync-state';
import { wipeCache } from '@/lib/cache/wipe';
import { createGraphClient } from '@/lib/graph/client';
import { DEFAULT_SYNC_SETTINGS } from '@/lib/schema/sync';
import { accountsToResume, enabledAccounts, SyncScheduler } from '@/lib/sync/scheduler';
import {
  dueOnConnect,
  failureBackoffMs,
  FAILURE_BACKOFF_MS,
  MAX_FAILURE_BACKOFF_MS,
  refreshFromPage,
} from '@/lib/sync/triggers';
import { DEFAULT_START_MS, type FaultStep, type SimulatedMeta } from '../../sim';
import { fakeTiming, simFetch } from '@/tests/support/graph-stand-in';
import { connectCache, createSimulatedMeta, simAccount } from './sim-graph';

// Whole syncs in fake-indexeddb on a 2-core machine others share.
vi.setConfig({ testTimeout: 60_000 });

/**
 * Sync storms: Ads Manager asks for an account's data on every date change, selection and
 * navigation. A sync that failed must not be started again by each of those asks.
 */
let meta: SimulatedMeta;
let eur: `act_${string}`;
let digits: string;
const MINUTE = 60_000;

beforeAll(() => {
  meta = createSimulatedMeta();
  digits = simAccount(meta, 'EUR').accountId;
  eur = `act_${digits}`;
});

beforeEach(async () => {
  meta.clock.set(DEFAULT_START_MS);
  meta.control.faults.clear();
  meta.control.requests.clear();
  await wipeCache();
  await connectCache(meta);
});

function scheduler() {
  const token = meta.control.demoToken;
  return new SyncScheduler({
    withToken: (use) => use(token),
    currentToken: () => Promise.resolve(token),
    createGraph: (accessToken, onCall) =>
      createGraphClient({
        accessToken,
        fetch: simFetch(meta),
        timing: fakeTiming(meta.clock.now()).timing,
        onCall,
      }),
    readSettings: () => Promise.resolve(DEFAULT_SYNC_SETTINGS),
    now: () => meta.clock.now(),
    wakeAt: () => Promise.resolve(),
    runner: { pageSize: 500 },
  });
}

/** Syncs run so far: their insights calls, at the one simulator time each run happens at. */
const syncsStarted = () =>
  new Set(
    meta.control.requests.entries
      .filter((entry) => entry.path.endsWith('/insights'))
      .map((entry) => entry.time),
  ).size;

/** The page asks for the account every `everyMs` for `forMs`, as Ads Manager's events would. */
async function pageAsks(queue: SyncScheduler, everyMs: number, forMs: number): Promise<void> {
  for (let elapsed = 0; elapsed < forMs; elapsed += everyMs) {
    refreshFromPage(queue, await readSyncState(eur), DEFAULT_SYNC_SETTINGS, meta.clock.now());
    await queue.idle();
    meta.clock.advance(everyMs);
  }
}

const FAILURES: readonly [string, FaultStep][] = [
  [
    'permission',
    {
      status: 403,
      error: { message: '(#200) Permissions error', type: 'OAuthException', code: 200 },
    },
  ],
  ['unavailable', 'service_unavailable'],
  [
    'error',
    {
      status: 400,
      error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 },
    },
  ],
];

describe('a page asking again and again', () => {
  it.each(FAILURES)(
    'after a failed sync (%s) starts one sync per back-off, which doubles',
    async (kind, fault) => {
      meta.control.faults.failNext({ path: `/act_${digits}/insights` }, 1000, fault);
      const queue = scheduler();
      // A date= change every 20 seconds for 4 minutes: the first ask syncs, and fails.
      await pageAsks(queue, 20_000, 4 * MINUTE);
      expect((await readSyncState(eur)).lastError).toMatchObject({ kind, failures: 1 });
      expect(syncsStarted()).toBe(1);
      // Past the first back-off one more try, then it waits twice as long.
      await pageAsks(queue, 20_000, FAILURE_BACKOFF_MS);
      expect(syncsStarted()).toBe(2);
      expect((await readSyncState(eur)).lastError?.failures).toBe(2);
      // The second failure was at 5 minutes: nothing until 15.
      await pageAsks(queue, 20_000, 5 * MINUTE);
      expect(syncsStarted()).toBe(2);
      await pageAsks(queue, 20_000, 3 * MINUTE);
      expect(syncsStarted()).toBe(3);
    },
  );

  it('does not queue the account again while it syncs, nor within minutes of a sync it started', async () => {
    const queue = scheduler();
    const state = initialSyncState(eur);
    expect(refreshFromPage(queue, state, DEFAULT_SYNC_SETTINGS, meta.clock.now())).toBe(true);
    expect(refreshFromPage(queue, state, DEFAULT_SYNC_SETTINGS, meta.clock.now())).toBe(false);
    await queue.idle();
    // Synced: fresh for the schedule's hour, whatever the page asks.
    await pageAsks(queue, 10_000, 50 * MINUTE);
    expect(syncsStarted()).toBe(1);
  });

  it('leaves an account the user turned off alone', () => {
    const settings = { ...DEFAULT_SYNC_SETTINGS, disabledAccounts: [eur] };
    const queue = scheduler();
    expect(refreshFromPage(queue, initialSyncState(eur), settings, meta.clock.now())).toBe(false);
    expect(queue.isSyncing(eur)).toBe(false);
  });
});

describe('a restarted worker', () => {
  it('retries Meta unavailable only once the back-off is over, and wakes itself for it', async () => {
    meta.control.faults.failNext({ path: `/act_${digits}/insights` }, 1000, 'service_unavailable');
    const queue = scheduler();
    queue.request([eur]);
    await queue.idle();
    const problem = (await readSyncState(eur)).lastError!;
    expect(problem.kind).toBe('unavailable');
    const wakes: number[] = [];
    const deps = {
      now: () => meta.clock.now(),
      wakeAt: (at: number) => {
        wakes.push(at);
        return Promise.resolve();
      },
    };
    const enabled = await enabledAccounts(DEFAULT_SYNC_SETTINGS);
    expect(await accountsToResume(deps, enabled)).toEqual([]);
    expect(wakes).toEqual([problem.at + FAILURE_BACKOFF_MS]);
    meta.clock.set(problem.at + FAILURE_BACKOFF_MS);
    expect(await accountsToResume(deps, enabled)).toEqual([eur]);
  });
});

describe('the rules', () => {
  const now = DEFAULT_START_MS;

  it('back off 5 minutes after a failure, doubling up to 6 hours', () => {
    expect([1, 2, 3, 4].map(failureBackoffMs)).toEqual([5, 10, 20, 40].map((m) => m * MINUTE));
    expect(failureBackoffMs(50)).toBe(MAX_FAILURE_BACKOFF_MS);
  });

  it('connecting syncs what was never synced, is old, or stopped on a problem; not what is fresh', () => {
    const fresh = { ...initialSyncState(eur), lastSyncAt: now - MINUTE };
    expect(dueOnConnect(initialSyncState(eur), DEFAULT_SYNC_SETTINGS, now)).toBe(true);
    expect(dueOnConnect(fresh, DEFAULT_SYNC_SETTINGS, now)).toBe(false);
    expect(
      dueOnConnect({ ...fresh, lastSyncAt: now - 2 * 3_600_000 }, DEFAULT_SYNC_SETTINGS, now),
    ).toBe(true);
    const reconnect = { kind: 'reconnect' as const, message: 'x', until: null, at: now };
    expect(dueOnConnect({ ...fresh, lastError: reconnect }, DEFAULT_SYNC_SETTINGS, now)).toBe(true);
  });
});
