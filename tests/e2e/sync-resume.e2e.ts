import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '@/lib/util/dates';
import type { RunningSimulator } from '../sim/start';
import { waitForNewWorker, workerStartTime, type AdlensBrowser } from '../support/e2e/browser';
import { launchAdlens, type RunningAdlens } from '../support/e2e/fixture';
import { OptionsPage } from '../support/e2e/pages';
import { cachedTotals, stopWorker, storedSyncState, SyncSection } from '../support/e2e/sync';
import { worldTotals } from '../support/world-totals';

/**
 * The service worker stopped, as Chromium stops an idle one, at several points of the large
 * account's first sync: while it reads the objects (before any checkpoint), in the middle of an
 * insights unit, and right after a unit's checkpoint. Each time the next event (the options page
 * asking for the sync state) starts a new worker, which carries on. The end result has exactly
 * the rows and sums of a clean sync: no duplicate, no gap.
 */
let adlens: RunningAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;
let options: OptionsPage;
let accountId: string;
let digits: string;

beforeAll(async () => {
  adlens = await launchAdlens({
    configure: (simulator) => {
      simulator.control.settings.reportRuns.pollsToComplete = 1;
    },
  });
  ({ sim, chromium } = adlens);
  options = await OptionsPage.open(chromium.browser);
  digits = sim.largeAccount.accountId;
  accountId = `act_${digits}`;
});

afterAll(() => adlens?.close());

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 120_000,
) {
  const deadline = Date.now() + timeoutMs;
  // A worker being stopped or started cannot answer; that is a "not yet".
  const holds = () => Promise.resolve(condition()).catch(() => false);
  while (!(await holds())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; the sync is at ${await whereTheSyncIs()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** For a failure message: the run's units, its problem, and the last calls Meta saw. */
async function whereTheSyncIs(): Promise<string> {
  const state = await storedSyncState(options.page, accountId).catch(() => undefined);
  const units = state?.run?.units;
  return JSON.stringify({
    units: units?.length,
    done: units?.filter((unit) => unit.done).length,
    lastSyncAt: state?.lastSyncAt,
    lastError: state?.lastError,
    calls: sim.control.requests.entries.slice(-3).map((entry) => `${entry.method} ${entry.path}`),
  });
}

/** Meta's calls about the large account (connecting syncs the smaller ones before it). */
const requestCount = () =>
  sim.control.requests.entries.filter((entry) => entry.path.includes(`/act_${digits}`)).length;
const unitsDone = async () =>
  (await storedSyncState(options.page, accountId))?.run?.units.filter((unit) => unit.done).length ??
  0;

/** Start times of each stopped worker and of the one that replaced it, in order. */
const workerStarts: number[] = [];

/** Stops the worker, then wakes a new one the way a user would: the options page asks for state. */
async function stopAndWake(): Promise<void> {
  const stopped = await workerStartTime(chromium.browser);
  await stopWorker(chromium.browser);
  await options.page.reload({ waitUntil: 'domcontentloaded' });
  // Until the reloaded page is fully an extension page, it may not open IndexedDB.
  await until(async () => (await storedSyncState(options.page, accountId), true), 'the page');
  workerStarts.push(stopped, await waitForNewWorker(chromium.browser, stopped));
}

it('resumes exactly after the worker is stopped three times mid-sync', async () => {
  // Connecting starts the first sync of every account, the large one among them.
  sim.control.requests.clear();
  await options.connectWithToken(sim.control.demoToken);
  await options.waitForStatus('Connected as Demo Media Buyer');

  // 1. While the objects are read: nothing is checkpointed yet.
  await until(() => requestCount() >= 2, 'the objects batch');
  expect((await storedSyncState(options.page, accountId))?.run ?? null).toBeNull();
  await stopAndWake();

  // 2. In the middle of an insights unit, after one unit is done.
  await until(async () => (await unitsDone()) >= 1, 'a first unit');
  const seen = requestCount();
  // The next unit's report was asked for (its results are read by report id, not by account).
  await until(() => requestCount() > seen, 'the next unit');
  const doneBefore = await unitsDone();
  await stopAndWake();
  // Nothing checkpointed is lost (the unit may have ended before the stop took effect).
  expect(await unitsDone()).toBeGreaterThanOrEqual(doneBefore);

  // 3. Right after a unit's checkpoint.
  await until(async () => (await unitsDone()) > doneBefore, 'another unit', 180_000);
  await stopAndWake();

  await until(
    async () => (await storedSyncState(options.page, accountId))?.lastSyncAt != null,
    'the end of the sync',
    240_000,
  );
  await new SyncSection(options.page).waitFor(accountId, 'synced');

  const today = sim.world.today(digits);
  const since = addDays(today, -89);
  let rows = 0;
  for (const level of ['campaign', 'adset', 'ad'] as const) {
    const expected = worldTotals(sim.world, digits, level, since, today);
    expect(await cachedTotals(options.page, accountId, level, since, today), level).toEqual(
      expected,
    );
    rows += expected.rows;
  }
  const state = await storedSyncState(options.page, accountId);
  expect(state?.rows).toBe(rows);
  // Three stops, each followed by a new instance: the first worker and three later ones.
  expect(workerStarts).toHaveLength(6);
  expect([...workerStarts].sort((a, b) => a - b)).toEqual(workerStarts);
  expect(new Set(workerStarts).size).toBe(4);
  expect(state?.partial).toBe(false);
  expect(state?.lastError).toBeNull();
}, 420_000);
