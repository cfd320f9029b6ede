import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { TargetType, type CDPSession, type Page, type Protocol } from 'puppeteer';
import { CACHE_DATABASE } from '@/lib/cache/db';
import type { SyncState } from '@/lib/cache/sync-state';
import { ENTITY_LEVELS } from '@/lib/schema/insights';
import { INSIGHTS_PAGE_SIZE, OBJECTS_PAGE_SIZE, SYNC_POOL_SIZE } from '@/lib/sync/limits';
import { addDays } from '@/lib/util/dates';
import type { RunningSimulator } from '../../sim/start';
import { startConnectedAdlens } from '../../support/e2e/fixture';
import { worldTotals } from '../../support/world-totals';
import { percentile } from '../percentile';

/**
 * Agency benchmark (issue 17): the production build in Chromium syncs the simulator's agency world
 * (50 accounts, about 55,000 ads) with Sync all, as a user would.
 *
 * 1. Instant answers, full refresh (90-day backfill): requests against the API minimum (rows ÷
 *    page size + objects ÷ page size, per account and level), wall time, the extension origin's
 *    storage (navigator.storage.estimate), the worker's peak JS heap (CDP, every 50 ms) and the
 *    anomaly detection the sync ran for every account.
 * 2. Realistic answer times (insights pages take 300 ms on average), an incremental refresh an hour
 *    later: wall time against the lower bound the simulated limits allow. Meta's limits are per ad
 *    account and an account's pages follow one another (each needs the previous page's cursor), so
 *    no client finishes before the account with the most pages has read them one by one.
 *
 * `--accounts N` syncs a smaller agency (the targets are for the default 50).
 * `--profile [full|incremental]` samples the worker's CPU during that refresh (the full one by
 * default) and prints its idle share and the functions with most self time (production names are
 * minified: positions point into the build).
 *
 * The last line is the summary: `agency: accounts=… ads=… insight_rows=… requests=… …`.
 *
 *   npm run bench:agency
 */

const COUNT = new Intl.NumberFormat('en-US');
const ANSWER_MS = 300;

/** Samples the worker's used JS heap until stopped; resolves to the peak. */
function sampleHeap(session: CDPSession) {
  let peak = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const { usedSize } = await session.send('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return peak;
  })();
  return {
    stop: async () => {
      running = false;
      return done;
    },
  };
}

/**
 * Asks the worker something small (`settings.get`, as the options page does) every 200 ms from the
 * options page until stopped, and returns how long each answer took: what a user waits for while
 * sync and detection hold the worker, reading, writing and detecting included.
 */
async function probeAnswers(page: Page): Promise<{ stop: () => Promise<number[]> }> {
  await page.evaluate(() => {
    type Runtime = { sendMessage: (message: unknown) => Promise<unknown> };
    const { runtime } = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome;
    const probe = { running: true, waits: [] as number[] };
    (globalThis as { adlensProbe?: typeof probe }).adlensProbe = probe;
    void (async () => {
      while (probe.running) {
        const asked = performance.now();
        await runtime.sendMessage({ command: 'settings.get', payload: {} });
        probe.waits.push(performance.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
  });
  return {
    stop: () =>
      page.evaluate(() => {
        const probe = (globalThis as { adlensProbe?: { running: boolean; waits: number[] } })
          .adlensProbe;
        if (!probe) return [];
        probe.running = false;
        return probe.waits;
      }),
  };
}

async function allSyncStates(page: Page): Promise<SyncState[]> {
  return page.evaluate(async (database) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(database);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const records = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction('syncState').objectStore('syncState').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('getAll failed'));
    });
    db.close();
    return records as SyncState[];
  }, CACHE_DATABASE);
}

/** With no account's run moving on for this long, the refresh is stuck: the bench says where. */
const STUCK_MS = 180_000;

/** Clicks Sync all and waits until every account has finished a run that began after the click. */
async function syncAll(sim: RunningSimulator, page: Page, clickedAt: number): Promise<SyncState[]> {
  await page.locator('[data-testid="sync-all"]:not([disabled])').click();
  const expected = sim.world.accounts.length;
  let progress = '';
  let movedAt = Date.now();
  for (;;) {
    const states = await allSyncStates(page);
    const isFinished = (state: SyncState) =>
      state.run === null &&
      ((state.lastRun?.finishedAt ?? 0) >= clickedAt || (state.lastError?.at ?? 0) >= clickedAt);
    const unfinished = states.filter((state) => !isFinished(state));
    if (states.length === expected && unfinished.length === 0) return states;
    const now = unfinished
      .map(
        (state) =>
          `${state.accountId}: ${state.run ? `${state.run.units.filter((unit) => unit.done).length}/${state.run.units.length} units` : 'not started'}`,
      )
      .join('; ');
    if (now !== progress) [progress, movedAt] = [now, Date.now()];
    else if (Date.now() - movedAt > STUCK_MS)
      throw new Error(`No account moved on for ${STUCK_MS / 1000} s: ${now}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

interface Minimum {
  readonly rows: number;
  /** Per account: insights pages and object pages. */
  readonly perAccount: { readonly insightsPages: number; readonly total: number }[];
}

/** The API minimum of reading `days` days up to each account's today (objects too, if asked). */
function apiMinimum(sim: RunningSimulator, days: number, objects: boolean): Minimum {
  let rows = 0;
  const perAccount = sim.world.accounts.map(({ accountId }) => {
    const today = sim.world.today(accountId);
    const since = addDays(today, 1 - days);
    let insightsPages = 0;
    let objectPages = 0;
    for (const level of ENTITY_LEVELS) {
      const levelRows = worldTotals(sim.world, accountId, level, since, today).rows;
      rows += levelRows;
      insightsPages += Math.ceil(levelRows / INSIGHTS_PAGE_SIZE);
      const count = sim.world.entities(accountId, level).length;
      if (objects) objectPages += Math.max(1, Math.ceil(count / OBJECTS_PAGE_SIZE));
    }
    return { insightsPages, total: insightsPages + objectPages };
  });
  return { rows, perAccount };
}

function httpRequests(sim: RunningSimulator): number {
  return sim.control.requests.entries.filter((entry) => !entry.batchItem).length;
}

async function storageBytes(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** What a Chromium process does, from its command line: the extension's renderer holds the worker. */
function processRole(pid: number): string {
  // Chromium rewrites its children's command lines as one string: split on spaces too.
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  const type = args.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
  if (type === undefined) return 'browser';
  if (type === 'renderer')
    return args.includes('--extension-process') ? 'extension (worker, pages)' : 'renderer';
  const service = args
    .find((arg) => arg.startsWith('--utility-sub-type='))
    ?.split('.')
    .at(-1);
  return service ?? type;
}

/**
 * CPU seconds used so far by a process and every process below it (Linux /proc), by the role of
 * each process (`processRole`).
 */
function treeCpuSeconds(rootPid: number | undefined): Map<string, number> {
  if (rootPid === undefined) return new Map();
  const ticks = 100; // USER_HZ on Linux
  const stats = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        // Fields after the command name, which may hold spaces: state ppid … utime(14) stime(15).
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
        return [
          {
            pid: Number(pid),
            ppid: Number(fields[1]),
            cpu: Number(fields[11]) + Number(fields[12]),
          },
        ];
      } catch {
        return []; // a process that ended while listing
      }
    });
  const inTree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const { pid, ppid } of stats)
      if (inTree.has(ppid) && !inTree.has(pid)) {
        inTree.add(pid);
        grew = true;
      }
  }
  const byRole = new Map<string, number>();
  for (const { pid, cpu } of stats.filter(({ pid }) => inTree.has(pid))) {
    let role: string;
    try {
      role = processRole(pid);
    } catch {
      continue; // ended meanwhile
    }
    byRole.set(role, (byRole.get(role) ?? 0) + cpu / ticks);
  }
  return byRole;
}

/** CPU seconds by role used since `before`, largest first, and their total. */
function cpuSince(rootPid: number | undefined, before: Map<string, number>) {
  const now = treeCpuSeconds(rootPid);
  const roles = [...now]
    .map(([role, seconds]) => ({ role, seconds: seconds - (before.get(role) ?? 0) }))
    .sort((a, b) => b.seconds - a.seconds);
  const total = sum(roles.map(({ seconds }) => seconds));
  const text = roles
    .filter(({ seconds }) => seconds >= 0.05)
    .map(({ role, seconds }) => `${role} ${seconds.toFixed(1)}`)
    .join(', ');
  return { total, text };
}

/** Where the worker spent a profiled stretch: idle share and the functions with most self time. */
interface WorkerProfile {
  readonly idleShare: number;
  readonly top: readonly { readonly where: string; readonly share: number }[];
  readonly stretches: readonly { readonly ms: number; readonly top: readonly string[] }[];
}

/** Samples the worker's CPU every 10 ms until stopped (`--profile`): what it spent its time on. */
async function profileWorker(session: CDPSession) {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 10_000 });
  await session.send('Profiler.start');
  return async (): Promise<WorkerProfile> => {
    const { profile } = await session.send('Profiler.stop');
    const selfTime = new Map<string, number>();
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, index) => {
      const frame = nodes.get(id)?.callFrame;
      if (!frame) return;
      const file = frame.url.split('/').at(-1) ?? '';
      const where = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
      selfTime.set(where, (selfTime.get(where) ?? 0) + (deltas[index + 1] ?? 0));
    });
    const total = sum([...selfTime.values()]) || 1;
    const idle = sum(
      [...selfTime].filter(([where]) => where.startsWith('(idle)')).map(([, t]) => t),
    );
    const top = [...selfTime]
      .filter(([where]) => !where.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([where, time]) => ({ where, share: time / total }));
    return { idleShare: idle / total, top, stretches: busyStretches(profile) };
  };
}

type Profile = Protocol.Profiler.Profile;

/**
 * The worker's three longest runs of samples without idle time, each with the functions that held
 * most of it: where the worker was deaf to messages.
 */
function busyStretches(profile: Profile): { ms: number; top: string[] }[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map(
    profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])),
  );
  // A native function (put, get, parse) is named with the script function that called it.
  const nameOf = (id: number): string => {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').at(-1) ?? ''}:${lineNumber + 1}`;
    const parent = parents.get(id);
    return url === '' && parent !== undefined && !functionName.startsWith('(')
      ? `${name} < ${nameOf(parent)}`
      : name;
  };
  const deltas = profile.timeDeltas ?? [];
  const stretches: { ms: number; self: Map<string, number> }[] = [];
  let current: { ms: number; self: Map<string, number> } | undefined;
  (profile.samples ?? []).forEach((id, index) => {
    const frame = nodes.get(id)?.callFrame;
    const time = (deltas[index + 1] ?? 0) / 1000;
    if (!frame || frame.functionName === '(idle)') {
      current = undefined;
      return;
    }
    if (!current) stretches.push((current = { ms: 0, self: new Map() }));
    const where = nameOf(id);
    current.ms += time;
    current.self.set(where, (current.self.get(where) ?? 0) + time);
  });
  return stretches
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map(({ ms, self }) => ({
      ms,
      top: [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([where, time]) => `${where} ${time.toFixed(0)} ms`),
    }));
}

type LastRun = NonNullable<SyncState['lastRun']>;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The accounts' reading, writing and detecting time of their last runs, added up. */
function timeSummed(runs: readonly LastRun[]): string {
  const total = (of: (run: LastRun) => number) => seconds(sum(runs.map(of)));
  return `reading ${total((run) => run.fetchMs)}, writing ${total((run) => run.writeMs)}, detecting ${total((run) => run.detection?.durationMs ?? 0)} of which the engine ${total((run) => run.detection?.engineMs ?? 0)}`;
}

function printProfile(profile: WorkerProfile): void {
  console.log(
    `  service worker idle             ${(profile.idleShare * 100).toFixed(1)} % of the profiled wall time`,
  );
  for (const { where, share } of profile.top)
    console.log(`    ${(share * 100).toFixed(1).padStart(5)} %  ${where}`);
  console.log('  longest busy stretches of the worker');
  for (const { ms, top } of profile.stretches)
    console.log(`    ${ms.toFixed(0).padStart(5)} ms  ${top.join('; ')}`);
}

/** `--profile [full|incremental]`: the refresh whose worker CPU is sampled (the full one by default). */
const profileFlag = process.argv.indexOf('--profile');
const profiled =
  profileFlag < 0 ? null : process.argv[profileFlag + 1] === 'incremental' ? 'incremental' : 'full';

/** `--accounts N`: a smaller agency for a quick look (the targets are for the 50 of the default). */
const accountsFlag = process.argv.indexOf('--accounts');
const accountsAsked = accountsFlag >= 0 ? Number(process.argv[accountsFlag + 1]) : undefined;

async function main(): Promise<void> {
  const built = spawnSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
  if (built.status !== 0) throw new Error('npx wxt build failed');
  const adlens = await startConnectedAdlens({
    simulator: { agency: accountsAsked ? { accounts: accountsAsked } : {} },
    // Async report runs complete on their first status poll: the simulator's clock stands still.
    configure: (simulator) => {
      simulator.control.settings.reportRuns.pollsToComplete = 1;
    },
  });
  const { sim, chromium, options } = adlens;
  try {
    const target = await chromium.browser.waitForTarget(
      (candidate) => candidate.type() === TargetType.SERVICE_WORKER,
    );
    const session = await target.createCDPSession();
    const accounts = sim.world.accounts;
    const ads = sum(accounts.map(({ accountId }) => sim.world.entities(accountId, 'ad').length));

    // 1. Instant answers, full refresh.
    const full = apiMinimum(sim, 90, true);
    const minimum = sum(full.perAccount.map((each) => each.total));
    sim.control.requests.clear();
    const loadBefore = load();
    const heap = sampleHeap(session);
    const answers = await probeAnswers(options.page);
    const stopProfile = profiled === 'full' ? await profileWorker(session) : null;
    const cpuBefore = process.cpuUsage();
    const browserPid = chromium.browser.process()?.pid;
    const browserCpuBefore = treeCpuSeconds(browserPid);
    const started = Date.now();
    const states = await syncAll(sim, options.page, started);
    const syncMs = Date.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const browserCpu = cpuSince(browserPid, browserCpuBefore);
    const profile = await stopProfile?.();
    const peakHeap = await heap.stop();
    const waits = await answers.stop();
    const requests = httpRequests(sim);
    const storage = await storageBytes(options.page);
    const detections = states.flatMap((state) =>
      state.lastRun?.detection ? [state.lastRun.detection] : [],
    );
    const detectMs = sum(detections.map((each) => each.durationMs));
    const longestSlice = Math.max(0, ...detections.map((each) => each.longestSliceMs));
    const problems = states.filter((state) => state.lastError !== null).length;
    const storedRows = sum(states.map((state) => state.rows));

    // 2. Realistic answer times, incremental refresh an hour later.
    sim.clock.advance(3_600_000);
    sim.control.settings.insightsAnswerMs = ANSWER_MS;
    const lookback = apiMinimum(sim, 28, false);
    const boundMs = Math.max(...lookback.perAccount.map((each) => each.insightsPages)) * ANSWER_MS;
    sim.control.requests.clear();
    const stopIncrementalProfile = profiled === 'incremental' ? await profileWorker(session) : null;
    const realisticCpuBefore = treeCpuSeconds(browserPid);
    const realisticNodeCpuBefore = process.cpuUsage();
    const realisticStart = Date.now();
    const realisticStates = await syncAll(sim, options.page, realisticStart);
    const realisticMs = Date.now() - realisticStart;
    const realisticCpu = cpuSince(browserPid, realisticCpuBefore);
    const realisticNodeCpu = process.cpuUsage(realisticNodeCpuBefore);
    const realisticRequests = httpRequests(sim);
    const incrementalProfile = await stopIncrementalProfile?.();
    const realisticRuns = realisticStates.flatMap((state) =>
      state.lastRun ? [state.lastRun] : [],
    );
    const loadAfter = load();

    console.log(
      `Adlens agency benchmark: ${accounts.length} accounts, ${COUNT.format(ads)} ads, pool of ${SYNC_POOL_SIZE} accounts at once`,
    );
    console.log(`  load average (1, 5, 15 min) before ${loadBefore}, after ${loadAfter}`);
    console.log('\nFull refresh, 90-day backfill, instant answers');
    console.log(`  insight rows in the world       ${COUNT.format(full.rows)}`);
    console.log(`  insight rows stored             ${COUNT.format(storedRows)}`);
    console.log(
      `  HTTP requests                   ${COUNT.format(requests)} (API minimum ${COUNT.format(minimum)}, ${(requests / minimum).toFixed(3)}×)`,
    );
    console.log(`  wall time                       ${(syncMs / 1000).toFixed(1)} s`);
    console.log(
      `  rows ingested per second        ${COUNT.format(Math.round(full.rows / (syncMs / 1000)))}`,
    );
    console.log(
      `  storage (navigator.storage)     ${(storage / 2 ** 20).toFixed(1)} MB, ${(storage / full.rows).toFixed(1)} bytes per row`,
    );
    console.log(`  peak service worker JS heap     ${(peakHeap / 2 ** 20).toFixed(1)} MB`);
    console.log(
      `  anomaly detection               ${detections.length} accounts, ${(detectMs / 1000).toFixed(1)} s in all, longest engine slice ${longestSlice} ms`,
    );
    console.log(
      `  worker's answer to the options page, every 200 ms: median ${percentile(waits, 50).toFixed(0)} ms, 99th percentile ${percentile(waits, 99).toFixed(0)} ms, longest ${Math.max(...waits).toFixed(0)} ms (${waits.length} asked)`,
    );
    console.log(`  accounts with a problem         ${problems}`);
    console.log(
      `  accounts' time, summed           ${timeSummed(states.flatMap((state) => (state.lastRun ? [state.lastRun] : [])))} (${SYNC_POOL_SIZE} accounts reading at once)`,
    );
    console.log(
      `  simulator and harness CPU       ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (this Node process: the Graph API's answers, the page, the browser's driver)`,
    );
    console.log(
      `  Chromium CPU (all processes)    ${browserCpu.total.toFixed(1)} s; both against ${((2 * syncMs) / 1000).toFixed(0)} s of two cores (${browserCpu.text})`,
    );
    if (profile) printProfile(profile);
    console.log(
      `\nIncremental refresh, 28-day lookback, insights answers of ${ANSWER_MS} ms on average`,
    );
    console.log(`  HTTP requests                   ${COUNT.format(realisticRequests)}`);
    console.log(`  wall time                       ${(realisticMs / 1000).toFixed(1)} s`);
    console.log(
      `  rate-limit lower bound          ${(boundMs / 1000).toFixed(1)} s (the account with the most pages, one after another)`,
    );
    console.log(`  ratio                           ${(realisticMs / boundMs).toFixed(2)}×`);
    console.log(`  accounts' time, summed           ${timeSummed(realisticRuns)}`);
    const slowest = realisticRuns.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
    console.log(
      `  slowest account                 ${seconds(slowest.durationMs)}: ${timeSummed([slowest])}, ${slowest.requests} requests`,
    );
    console.log(
      `  Chromium CPU (all processes)    ${realisticCpu.total.toFixed(1)} s (${realisticCpu.text}); simulator and harness ${((realisticNodeCpu.user + realisticNodeCpu.system) / 1e6).toFixed(1)} s`,
    );
    if (incrementalProfile) printProfile(incrementalProfile);
    console.log(
      `agency: accounts=${accounts.length} ads=${ads} insight_rows=${full.rows} requests=${requests} api_minimum=${minimum} sync_s=${(syncMs / 1000).toFixed(1)} storage_mb=${(storage / 2 ** 20).toFixed(1)} worker_heap_mb=${(peakHeap / 2 ** 20).toFixed(1)} detect_s=${(detectMs / 1000).toFixed(1)}`,
    );
  } finally {
    await adlens.close();
  }
}

await main();
