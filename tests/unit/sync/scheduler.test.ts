import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialSyncState, readSyncState } from '@/lib/cache/sync-state';
import { wipeCache } from '@/lib/cache/wipe';
import { createGraphClient } from '@/lib/graph/client';
import { DEFAULT_SYNC_SETTINGS } from '@/lib/schema/sync';
import {
  accountsToResume,
  enabledAccounts,
  isStale,
  summarize,
  SyncScheduler,
} from '@/lib/sync/scheduler';
import { DEFAULT_START_MS, type SimulatedMeta } from '../../sim';
import { fakeTiming } from '../graph/fake-graph';
import { connectCache, createSimulatedMeta, simAccount, simFetch } from './sim-graph';

// Whole syncs in fake-indexeddb, anomaly detection included, on a 2-core machine others share.
vi.setConfig({ testTimeout: 60_000 });

let meta: SimulatedMeta;
let eur: `act_${string}`;
let jpy: `act_${string}`;

beforeAll(() => {
  meta = createSimulatedMeta();
  eur = `act_${simAccount(meta, 'EUR').accountId}`;
  jpy = `act_${simAccount(meta, 'JPY').accountId}`;
});

beforeEach(async () => {
  meta.clock.set(DEFAULT_START_MS);
  meta.control.faults.clear();
  meta.control.requests.clear();
  await wipeCache();
  await connectCache(meta);
});

function scheduler(token = meta.control.demoToken) {
  const wakes: number[] = [];
  const instance = new SyncScheduler({
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
    wakeAt: (at) => {
      wakes.push(at);
      return Promise.resolve();
    },
    runner: { pageSize: 500 },
  });
  return { instance, wakes };
}

describe('SyncScheduler', () => {
  it('syncs queued accounts one after another, each once', async () => {
    const { instance } = scheduler();
    expect(instance.request([eur, jpy, eur])).toEqual([eur, jpy, eur]);
    expect(instance.isSyncing(jpy)).toBe(true);
    await instance.idle();
    expect(instance.isSyncing(eur)).toBe(false);
    for (const accountId of [eur, jpy]) {
      const state = await readSyncState(accountId);
      expect(state.lastSyncAt, accountId).not.toBeNull();
      expect(state.rows).toBeGreaterThan(0);
    }
  });

  it('stops the queue when Meta rejects the token: every account needs the reconnect', async () => {
    const { instance } = scheduler('EAAGnotAValidTokenAtAll123');
    instance.request([eur, jpy]);
    await instance.idle();
    expect((await readSyncState(eur)).lastError?.kind).toBe('reconnect');
    expect((await readSyncState(jpy)).lastError).toBeNull();
  });

  it('wakes the worker when a rate limit ends, and resumes the account then', async () => {
    meta.control.faults.failNext({ path: '**/insights' }, 1, 'throttle');
    const { instance, wakes } = scheduler();
    instance.request([eur]);
    await instance.idle();
    const problem = (await readSyncState(eur)).lastError;
    expect(problem?.kind).toBe('rate-limited');
    expect(wakes).toContain(problem?.until);

    const enabled = await enabledAccounts(DEFAULT_SYNC_SETTINGS);
    const resumeDeps = { now: () => meta.clock.now(), wakeAt: () => Promise.resolve() };
    expect(await accountsToResume(resumeDeps, enabled)).toEqual([]);
    meta.clock.set(problem!.until! + 1);
    expect(await accountsToResume(resumeDeps, enabled)).toEqual([eur]);
  });
});

describe('what the user sees', () => {
  const now = DEFAULT_START_MS;

  it('a never synced account is stale; a fresh one, a reconnect or a running rate limit are not', () => {
    const fresh = initialSyncState(eur);
    expect(isStale(fresh, DEFAULT_SYNC_SETTINGS, now)).toBe(true);
    expect(isStale({ ...fresh, lastSyncAt: now - 60_000 }, DEFAULT_SYNC_SETTINGS, now)).toBe(false);
    expect(isStale({ ...fresh, lastSyncAt: now - 2 * 3_600_000 }, DEFAULT_SYNC_SETTINGS, now)).toBe(
      true,
    );
    const problem = { kind: 'rate-limited' as const, message: 'x', until: now + 60_000, at: now };
    expect(isStale({ ...fresh, lastError: problem }, DEFAULT_SYNC_SETTINGS, now)).toBe(false);
    const reconnect = { ...problem, kind: 'reconnect' as const, until: null };
    expect(isStale({ ...fresh, lastError: reconnect }, DEFAULT_SYNC_SETTINGS, now)).toBe(false);
  });

  it('summarises state, progress, next run and problem', () => {
    const state = initialSyncState(eur);
    expect(summarize(state, false, 5)).toMatchObject({
      state: 'never',
      nextRunAt: 5,
      progress: null,
    });
    const limited = {
      ...state,
      partial: true,
      lastError: { kind: 'rate-limited' as const, message: 'Wait', until: now + 9, at: now },
    };
    expect(summarize(limited, false, 5)).toMatchObject({
      state: 'problem',
      nextRunAt: now + 9,
      partial: true,
      problem: { kind: 'rate-limited', until: now + 9 },
    });
    expect(summarize(limited, true, 5).state).toBe('syncing');
  });
});
