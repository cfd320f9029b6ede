import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncState } from '@/lib/cache/sync-state';
import { ENTITY_LEVELS } from '@/lib/schema/insights';
import { addDays } from '@/lib/util/dates';
import type { RunningSimulator } from '../sim/start';
import { EXTENSION_ORIGIN, type AdlensBrowser } from '../support/e2e/browser';
import { startConnectedAdlens, type ConnectedAdlens } from '../support/e2e/fixture';
import type { OptionsPage } from '../support/e2e/pages';
import { cachedTotals, stopWorker, storedSyncState } from '../support/e2e/sync';
import { worldTotals } from '../support/world-totals';

/**
 * A small agency (5 ad accounts of 50 to 1,000 ads, one reached through a partner business) synced
 * with Sync all:
 * the accounts sync side by side, the service worker is stopped while several are mid-run, a new
 * worker starts and carries every one of them on, and each account ends with every row of its
 * 90 days exactly once.
 */
let adlens: ConnectedAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;
let options: OptionsPage;

beforeAll(async () => {
  adlens = await startConnectedAdlens({
    simulator: { agency: { accounts: 5, partnerAccounts: 1, largestAds: 1000 } },
    configure: (simulator) => {
      simulator.control.settings.reportRuns.pollsToComplete = 1;
      // Answers take a while, as Meta's do, so the worker is stopped with syncs under way.
      simulator.control.settings.insightsAnswerMs = 150;
    },
  });
  ({ sim, chromium, options } = adlens);
});

afterAll(() => adlens?.close());

const accountIds = () => sim.world.accounts.map(({ accountId }) => `act_${accountId}`);

async function states(): Promise<(SyncState | undefined)[]> {
  return Promise.all(accountIds().map((accountId) => storedSyncState(options.page, accountId)));
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  // A worker being stopped or started cannot answer; that is a "not yet".
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) {
      const where = (await states().catch(() => [])).map((state) => ({
        accountId: state?.accountId,
        done: state?.run?.units.filter((unit) => unit.done).length,
        units: state?.run?.units.length,
        lastSyncAt: state?.lastSyncAt,
        lastError: state?.lastError?.kind,
      }));
      throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(where)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The DevTools ids of the extension's running service workers. */
async function workerTargets(browser: Browser): Promise<string[]> {
  const session = await browser.target().createCDPSession();
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    return targetInfos
      .filter((info) => info.type === 'service_worker' && info.url.startsWith(EXTENSION_ORIGIN))
      .map((info) => info.targetId);
  } finally {
    await session.detach();
  }
}

it('syncs five accounts side by side, survives a stopped worker, and stores every row once', async () => {
  await options.page.locator('[data-testid="sync-all"]:not([disabled])').click();

  // Side by side: several accounts have a run under way at the same moment.
  await until(
    async () => (await states()).filter((state) => state?.run != null).length >= 2,
    'two accounts syncing at once',
  );
  const before = await workerTargets(chromium.browser);
  expect(before).toHaveLength(1);
  await stopWorker(chromium.browser);
  await options.page.reload({ waitUntil: 'domcontentloaded' });

  // The options page asks for the sync state: a new worker starts and carries on.
  await until(async () => {
    const now = await workerTargets(chromium.browser);
    return now.length === 1 && now[0] !== before[0];
  }, 'a new service worker');
  await until(
    async () => (await states()).every((state) => state?.lastSyncAt != null && state.run === null),
    'every account synced',
    420_000,
  );

  for (const { accountId: digits } of sim.world.accounts) {
    const accountId = `act_${digits}`;
    const today = sim.world.today(digits);
    const since = addDays(today, -89);
    let rows = 0;
    for (const level of ENTITY_LEVELS) {
      const expected = worldTotals(sim.world, digits, level, since, today);
      expect(
        await cachedTotals(options.page, accountId, level, since, today),
        `${accountId} ${level}`,
      ).toEqual(expected);
      rows += expected.rows;
    }
    const state = await storedSyncState(options.page, accountId);
    expect(state?.rows, accountId).toBe(rows);
    expect(state?.lastError, accountId).toBeNull();
    expect(state?.partial, accountId).toBe(false);
  }
}, 720_000);
