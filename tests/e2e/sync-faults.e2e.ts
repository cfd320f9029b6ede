import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '@/lib/util/dates';
import type { RunningSimulator } from '../sim/start';
import type { FaultStep } from '../sim';
import { startConnectedAdlens, type ConnectedAdlens } from '../support/e2e/fixture';
import { cachedTotals, storedSyncState, SyncSection } from '../support/e2e/sync';
import { worldTotals, type Totals } from '../support/world-totals';

/**
 * Each error class of the Client checklist, injected through the simulator's fault scripts into a
 * sync of the EUR account: the sync ends in the state the user should see, keeps everything it had
 * synced, and once the fault is gone a sync ends equal to the world again.
 */
let adlens: ConnectedAdlens | undefined;
let sim: RunningSimulator;
let sync: SyncSection;
let digits: string;
let accountId: string;
let firstDay: string;
const LEVELS = ['campaign', 'adset', 'ad'] as const;

const today = () => sim.world.today(digits);

async function cacheTotals(): Promise<Totals[]> {
  return Promise.all(
    LEVELS.map((level) => cachedTotals(sync.page, accountId, level, firstDay, today())),
  );
}

/** The cache keeps the last 90 days: a day that left the window as the clock moved went with a sync. */
function keptSince(): string {
  const window = addDays(today(), -89);
  return window > firstDay ? window : firstDay;
}

async function expectCacheEqualsWorld() {
  expect(await cacheTotals()).toEqual(
    LEVELS.map((level) => worldTotals(sim.world, digits, level, keptSince(), today())),
  );
}

/** Clears the pause the client keeps per account, as the passing of time would. */
async function forgetRateLimit() {
  await sync.page.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { session: { remove(key: string): Promise<void> } } };
      }
    ).chrome.storage.session.remove('graphThrottle'),
  );
}

beforeAll(async () => {
  adlens = await startConnectedAdlens({
    simulator: { withoutLargeAccount: true },
    configure: (simulator) => {
      simulator.control.settings.reportRuns.pollsToComplete = 1;
    },
  });
  sim = adlens.sim;
  sync = new SyncSection(adlens.options.page);
  const eur = sim.world.accounts.find((account) => account.currency === 'EUR')!;
  digits = eur.accountId;
  accountId = `act_${digits}`;
  firstDay = addDays(today(), -89);
  // Connecting synced every account first; sync() waits for those syncs to end.
  await sync.sync(accountId);
  await expectCacheEqualsWorld();
}, 300_000);

afterAll(() => adlens?.close());

beforeEach(async () => {
  sim.control.faults.clear();
  sim.control.usage.reset();
  sim.control.settings.tooMuchData = { maxCells: undefined, variant: 'plain' };
  // Each case starts a simulated hour later: today grows and conversions get restated.
  sim.clock.advance(3_600_000);
  await forgetRateLimit();
});

const insights = () => ({ path: `/act_${digits}/insights` });

const failing: [string, string, FaultStep, number][] = [
  [
    'an expired token (190/463) asks to reconnect',
    'reconnect',
    {
      status: 400,
      error: {
        message: 'Error validating access token: Session has expired on Friday, 20-Nov-26.',
        type: 'OAuthException',
        code: 190,
        error_subcode: 463,
      },
    },
    1,
  ],
  [
    'a missing permission (#200) names it',
    'permission',
    {
      status: 403,
      error: { message: '(#200) Permissions error', type: 'OAuthException', code: 200 },
    },
    1,
  ],
  ['a throttle (#80000) is rate limited until a time', 'rate-limited', 'throttle', 1],
  ['Meta down past five retries (503) is unavailable', 'unavailable', 'service_unavailable', 6],
  [
    'a refused request (#100) is an error',
    'error',
    {
      status: 400,
      error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 },
    },
    1,
  ],
];

describe('a sync that fails keeps what it had and says why', () => {
  it.each(failing.filter(([, kind]) => kind !== 'reconnect'))(
    '%s',
    async (_name, kind, step, count) => {
      const kept = await cacheTotals();
      // Meta's wait counts from the failure, which comes after this; the test's clock when it
      // reads the state is later still, by as long as a loaded machine takes to get there.
      const beforeFailure = Date.now();
      sim.control.faults.failNext(insights(), count, step);
      const text = await sync.sync(accountId, 'problem', { problem: kind });
      expect(text).toContain('Data is partial.');
      expect(await cacheTotals()).toEqual(kept);
      if (kind === 'rate-limited') {
        expect(text).toMatch(/Rate limited until \d{1,2}:\d\d/);
        const state = await storedSyncState(sync.page, accountId);
        expect(state?.lastError?.until).toBeGreaterThan(beforeFailure + 60_000);
        await forgetRateLimit();
      }
      sim.control.faults.clear();
      await sync.sync(accountId);
      await expectCacheEqualsWorld();
    },
    120_000,
  );

  it('usage at 96 % pauses the account until Meta’s window resets, before any error', async () => {
    sim.control.usage.setPercent(digits, 96);
    const text = await sync.sync(accountId, 'problem', { problem: 'rate-limited' });
    expect(text).toMatch(/Rate limited until/);
    const resume = await sync.page.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> } };
        }
      ).chrome.alarms.get('adlens-sync-resume'),
    );
    const state = await storedSyncState(sync.page, accountId);
    expect(resume?.scheduledTime).toBeLessThanOrEqual(state!.lastError!.until!);
    sim.control.usage.reset();
    await forgetRateLimit();
    await sync.sync(accountId);
    await expectCacheEqualsWorld();
  }, 120_000);
});

describe('faults the client works through end synced, equal to the world', () => {
  it('transient errors and reset connections are retried', async () => {
    sim.control.faults.script(insights(), ['transient', 'reset', 'pass', 'unknown_error']);
    await sync.sync(accountId);
    await expectCacheEqualsWorld();
  }, 120_000);

  it('batch items that come back null or aborted (960) are sent again', async () => {
    sim.control.batch.injectNext({ nullAt: [1], abortAt: [2, 3] });
    sim.control.requests.clear();
    await sync.sync(accountId);
    const batches = sim.control.requests.entries.filter(
      (entry) => entry.method === 'POST' && entry.path === '/v26.0/',
    );
    expect(batches).toHaveLength(2);
    await expectCacheEqualsWorld();
  }, 120_000);

  it('"reduce the amount of data" (HTTP 500, code 1) halves the page size until pages fit', async () => {
    // 11 fields a row: pages of 250 rows fit, pages of 500 do not.
    sim.control.settings.tooMuchData.maxCells = 250 * 11;
    sim.control.requests.clear();
    await sync.sync(accountId);
    const limits = sim.control.requests.entries.map((entry) => entry.query.limit);
    expect(limits).toEqual(expect.arrayContaining(['1000', '500', '250']));
    expect(limits).not.toContain('125');
    await expectCacheEqualsWorld();
  }, 120_000);

  it('when pages cannot shrink enough: half ranges, then async reports that fail, restart and split', async () => {
    // The timeout flavour (400, 100/1504018): Chromium slows repeated 5xx answers to extensions.
    sim.control.settings.tooMuchData = { maxCells: 1, variant: 'timeout' };
    sim.control.reportRuns.queueOutcomes('fail', 'skip');
    sim.control.requests.clear();
    await sync.sync(accountId);
    const entries = sim.control.requests.entries;
    const limits = new Set(entries.map((entry) => entry.query.limit).filter(Boolean));
    expect([...limits]).toEqual(expect.arrayContaining(['1000', '500', '250', '125', '62', '31']));
    const jobs = entries.filter(
      (entry) => entry.method === 'POST' && entry.path.endsWith('/insights'),
    );
    const ranges = jobs.map((entry) => entry.query.time_range);
    // The first job failed, its restart was skipped, and its range was split in two.
    expect(ranges[0]).toBe(ranges[1]);
    expect(ranges[2]).not.toBe(ranges[1]);
    await expectCacheEqualsWorld();
  }, 120_000);
});

describe('a token Meta rejects', () => {
  it('asks to reconnect, and keeps the data', async () => {
    const [name, kind, step, count] = failing.find(([, each]) => each === 'reconnect')!;
    expect(name).toContain('reconnect');
    const kept = await cacheTotals();
    sim.control.faults.failNext(insights(), count, step);
    const text = await sync.sync(accountId, 'problem', { problem: kind });
    expect(text).toContain('Reconnect');
    expect(await cacheTotals()).toEqual(kept);
  }, 120_000);
});
