import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAccount } from '@/lib/cache/accounts';
import { initialSyncState, readSyncState, writeSyncState } from '@/lib/cache/sync-state';
import { wipeCache } from '@/lib/cache/wipe';
import { createGraphClient } from '@/lib/graph/client';
import { DEFAULT_SYNC_SETTINGS } from '@/lib/schema/sync';
import {
  accountsToResume,
  enabledAccounts,
  largestFirst,
  summarize,
  SyncScheduler,
} from '@/lib/sync/scheduler';
import { detectAccount } from '@/lib/sync/refresh-findings';
import { isStale } from '@/lib/sync/triggers';
import { DEFAULT_START_MS, type SimulatedMeta } from '../../sim';
import { fakeTiming, simFetch } from '@/tests/support/graph-stand-in';
import { connectCache, createSimulatedMeta, simAccount } from './sim-graph';

// Whole syncs in fake-indexeddb, anomaly detection included, on a 2-core machine others share.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

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

function scheduler(token = meta.control.demoToken, poolSize?: number) {
  const wakes: number[] = [];
  /** The most accounts holding the token at once (reading, or waiting to detect). */
  let active = 0;
  let mostActive = 0;
  const instance = new SyncScheduler({
    withToken: async (use) => {
      active++;
      mostActive = Math.max(mostActive, active);
      try {
        return await use(token);
      } finally {
        active--;
      }
    },
    ...(poolSize === undefined ? {} : { poolSize }),
    currentToken: () => Promise.resolve(token),
    createGraph: (accessToken, onCall, signal) =>
      createGraphClient({
        accessToken,
        fetch: simFetch(meta),
        timing: fakeTiming(meta.clock.now()).timing,
        onCall,
        signal,
      }),
    readSettings: () => Promise.resolve(DEFAULT_SYNC_SETTINGS),
    now: () => meta.clock.now(),
    wakeAt: (at) => {
      wakes.push(at);
      return Promise.resolve();
    },
    runner: { pageSize: 500 },
  });
  return { instance, wakes, mostActive: () => mostActive };
}

/**
 * The most accounts reading from Meta at once: each account reads from its first request to its
 * last, in the order Meta received them.
 */
function mostAccountsReading(): number {
  const spans = new Map<string, { first: number; last: number }>();
  meta.control.requests.entries.forEach((entry, index) => {
    const account = /\/(act_\d+)/.exec(entry.path)?.[1];
    if (!account) return;
    const span = spans.get(account) ?? { first: index, last: index };
    spans.set(account, { first: span.first, last: index });
  });
  const all = [...spans.values()];
  return Math.max(
    0,
    ...all.map(
      ({ first }) => all.filter((span) => span.first <= first && first <= span.last).length,
    ),
  );
}

/** Accounts in the order Meta first heard of them: the order their syncs began. */
function startOrder(): string[] {
  const order: string[] = [];
  for (const entry of meta.control.requests.entries) {
    const account = /\/(act_\d+)/.exec(entry.path)?.[1];
    if (account && !order.includes(account)) order.push(account);
  }
  return order;
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

  it('stop (the token is gone) cuts the running sync short and drops the queue', async () => {
    let stopped: Promise<void> | undefined;
    let sentBeforeStop = 0;
    const instance: SyncScheduler = new SyncScheduler({
      withToken: (use) => use(meta.control.demoToken),
      currentToken: () => Promise.resolve(meta.control.demoToken),
      poolSize: 1,
      createGraph: (accessToken, onCall, signal) =>
        createGraphClient({
          accessToken,
          fetch: simFetch(meta),
          timing: fakeTiming(meta.clock.now()).timing,
          // The user disconnects as Meta answers the sync's first call.
          onCall: (call) => {
            onCall(call);
            sentBeforeStop ||= meta.control.requests.entries.length;
            stopped ??= instance.stop();
          },
          signal,
        }),
      readSettings: () => Promise.resolve(DEFAULT_SYNC_SETTINGS),
      now: () => meta.clock.now(),
      wakeAt: () => Promise.resolve(),
      runner: { pageSize: 500 },
    });
    instance.request([eur, jpy]);
    await instance.idle();
    await stopped;
    // Calls already on their way are answered; none is sent after the stop.
    expect(meta.control.requests.entries).toHaveLength(sentBeforeStop);
    expect(startOrder()).toEqual([eur]);
    expect(instance.isSyncing(eur) || instance.isSyncing(jpy)).toBe(false);
    expect((await readSyncState(eur)).lastSyncAt).toBeNull();
    expect((await readSyncState(jpy)).lastSyncAt).toBeNull();
  });

  it('stops the queue when Meta rejects the token: every account needs the reconnect', async () => {
    const { instance, mostActive } = scheduler('EAAGnotAValidTokenAtAll123');
    instance.request([eur, jpy]);
    await instance.idle();
    // Until Meta accepts the token, one account tries it, not a poolful.
    expect(mostActive()).toBe(1);
    expect((await readSyncState(eur)).lastError?.kind).toBe('reconnect');
    expect((await readSyncState(jpy)).lastError).toBeNull();
  });

  it('syncs accounts side by side, never more reading than the pool holds, each once', async () => {
    const legacy =
      `act_${meta.world.accounts.find((a) => a.accountStatus !== 1)!.accountId}` as const;
    const { instance } = scheduler(meta.control.demoToken, 2);
    instance.request([eur, jpy, legacy]);
    await instance.idle();
    expect(mostAccountsReading()).toBe(2);
    for (const accountId of [eur, jpy, legacy]) {
      expect((await readSyncState(accountId)).lastSyncAt, accountId).not.toBeNull();
      const runs = meta.control.requests.entries.filter(
        (entry) => entry.method === 'GET' && entry.path.endsWith(`/${accountId}`),
      );
      expect(runs, accountId).toHaveLength(1);
    }
  });

  it('lets the next account read while one waits its turn to detect', async () => {
    // Another account's detection holds the worker's one detection place until released.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const other = (await getAccount(`act_${simAccount(meta, 'USD').accountId}`))!;
    const holding = detectAccount(other, meta.world.today(other.accountId.slice(4)), {
      now: () => meta.clock.now(),
      beforeWrite: () => held,
    });
    const { instance } = scheduler(meta.control.demoToken, 1);
    instance.request([eur, jpy]);
    const insightsRead = (accountId: string) =>
      meta.control.requests.entries.some((entry) => entry.path.endsWith(`${accountId}/insights`));
    try {
      // A pool of one: jpy reads only because eur, its reads done, gave its place up.
      await vi.waitFor(() => expect(insightsRead(jpy)).toBe(true), { timeout: 20_000 });
      expect(insightsRead(eur)).toBe(true);
      expect(instance.isSyncing(eur) && instance.isSyncing(jpy)).toBe(true);
      expect((await readSyncState(eur)).lastSyncAt).toBeNull();
    } finally {
      release();
      await holding;
      await instance.idle();
    }
    for (const accountId of [eur, jpy]) {
      const state = await readSyncState(accountId);
      expect(state.lastSyncAt, accountId).not.toBeNull();
      expect(state.lastRun?.detection, accountId).toBeDefined();
    }
  });

  it('puts the account asked for first (open in Ads Manager) ahead of those waiting', async () => {
    const legacy =
      `act_${meta.world.accounts.find((a) => a.accountStatus !== 1)!.accountId}` as const;
    const { instance } = scheduler(meta.control.demoToken, 1);
    instance.request([eur, jpy, legacy]);
    expect(instance.request([legacy], { first: true })).toEqual([legacy]);
    await instance.idle();
    expect(startOrder()).toEqual([eur, legacy, jpy]);
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

describe('Sync all', () => {
  it('starts the accounts with the most stored rows first, unsynced ones in their order', async () => {
    const legacy =
      `act_${meta.world.accounts.find((a) => a.accountStatus !== 1)!.accountId}` as const;
    await writeSyncState({ ...initialSyncState(jpy), rows: 50 });
    await writeSyncState({ ...initialSyncState(legacy), rows: 900 });
    expect(await largestFirst([eur, jpy, legacy])).toEqual([legacy, jpy, eur]);
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
