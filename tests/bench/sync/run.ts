import { spawnSync } from 'node:child_process';
import { TargetType, type Browser, type CDPSession } from 'puppeteer';
import { CACHE_DATABASE } from '@/lib/cache/db';
import { CHUNK_DAYS, METRIC_COUNT } from '@/lib/cache/series';
import { INSIGHTS_PAGE_SIZE, OBJECTS_PAGE_SIZE } from '@/lib/sync/limits';
import { addDays } from '@/lib/util/dates';
import type { RunningSimulator } from '../../sim/start';
import { serviceWorker } from '../../support/e2e/browser';
import { startConnectedAdlens } from '../../support/e2e/fixture';
import { storedSyncState, SyncSection } from '../../support/e2e/sync';
import { worldTotals } from '../../support/world-totals';

/**
 * Sync benchmark (issue 3): the production build in Chromium syncs the simulator's large account,
 * a full refresh (90 days) and then an incremental one (28-day lookback). For each it prints the
 * requests made next to the API minimum (rows ÷ page size, objects ÷ page size), insight rows
 * ingested per second, and the service worker's peak JS heap (CDP Runtime.getHeapUsage on the
 * worker target, sampled every 50 ms). Then, in the same worker, it writes the same rows to
 * IndexedDB twice: one record per row with raw IndexedDB, and in Adlens's column-chunk layout,
 * and prints both times and their ratio.
 *
 *   npx tsx tests/bench/sync/run.ts
 */

const LEVELS = ['campaign', 'adset', 'ad'] as const;
const COUNT = new Intl.NumberFormat('en-US');

interface Measured {
  readonly rows: number;
  readonly httpRequests: number;
  readonly graphCalls: number;
  readonly minimumRequests: number;
  readonly wallMs: number;
  readonly fetchMs: number;
  readonly writeMs: number;
  readonly peakHeapBytes: number;
  readonly detection:
    { findings: number; engineMs: number; longestSliceMs: number; durationMs: number } | undefined;
}

function build(): void {
  const result = spawnSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error('npx wxt build failed');
}

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

function insightRows(sim: RunningSimulator, since: string, until: string): number {
  const digits = sim.largeAccount.accountId;
  return LEVELS.reduce(
    (sum, level) => sum + worldTotals(sim.world, digits, level, since, until).rows,
    0,
  );
}

/** Insights pages (rows ÷ page size per level) plus object pages (objects ÷ page size per edge). */
function apiMinimum(sim: RunningSimulator, since: string, until: string, objects: number[]) {
  const digits = sim.largeAccount.accountId;
  const insightsPages = LEVELS.reduce(
    (sum, level) =>
      sum +
      Math.ceil(worldTotals(sim.world, digits, level, since, until).rows / INSIGHTS_PAGE_SIZE),
    0,
  );
  const objectPages = objects.reduce(
    (sum, count) => sum + Math.max(1, Math.ceil(count / OBJECTS_PAGE_SIZE)),
    0,
  );
  return insightsPages + objectPages;
}

async function syncOnce(
  sim: RunningSimulator,
  section: SyncSection,
  session: CDPSession,
  minimumRequests: number,
  rows: number,
): Promise<Measured> {
  const accountId = `act_${sim.largeAccount.accountId}`;
  sim.control.requests.clear();
  const heap = sampleHeap(session);
  const started = performance.now();
  await section.sync(accountId, 'synced', { timeout: 600_000 });
  const wallMs = performance.now() - started;
  const peakHeapBytes = await heap.stop();
  const state = await storedSyncState(section.page, accountId);
  const entries = sim.control.requests.entries;
  const batches = entries.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/'));
  return {
    rows,
    httpRequests: entries.filter((entry) => !entry.batchItem).length,
    graphCalls: entries.length - batches.length,
    minimumRequests,
    wallMs,
    fetchMs: state?.lastRun?.fetchMs ?? 0,
    writeMs: state?.lastRun?.writeMs ?? 0,
    peakHeapBytes,
    detection: state?.lastRun?.detection,
  };
}

interface WriteComparison {
  readonly rows: number;
  readonly rawMs: number;
  readonly chunkRecords: number;
  readonly chunkMs: number;
}

/**
 * In the worker: reads the account's chunks back, writes them again in the chunk layout to a
 * scratch database, and writes the same rows as one record per (level, id, day) with 15 fields,
 * as the Graph API sends them, to another, both with raw IndexedDB.
 */
async function compareWrites(browser: Browser, accountId: string): Promise<WriteComparison> {
  const worker = await serviceWorker(browser);
  return worker.evaluate(
    async (database, account, chunkDays, metricCount) => {
      // tsx keeps function names through an `__name` helper the worker does not have.
      (globalThis as { __name?: unknown }).__name ??= (target: unknown) => target;
      const open = (name: string, store?: string) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = store ? indexedDB.open(name, 1) : indexedDB.open(name);
          if (store) {
            request.onupgradeneeded = () =>
              request.result.createObjectStore(store, { keyPath: ['level', 'entityId', 'day'] });
          }
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('open failed'));
        });
      const finished = (transaction: IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error ?? new Error('write failed'));
        });
      const drop = (name: string) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => resolve();
          request.onerror = () => resolve();
        });

      type Chunk = {
        accountId: string;
        level: string;
        entityId: string;
        chunk: number;
        packed: Uint8Array;
      };
      /** The packed layout of lib/cache/series.ts: day mask, widths, then values by metric. */
      const unpack = (packed: Uint8Array) => {
        const view = new DataView(packed.buffer, packed.byteOffset);
        const mask = view.getUint32(0, true);
        const rows = new Uint8Array(chunkDays);
        const days: number[] = [];
        for (let offset = 0; offset < chunkDays; offset++) {
          if ((mask & (1 << offset)) !== 0) {
            rows[offset] = 1;
            days.push(offset);
          }
        }
        const values = new Float64Array(metricCount * chunkDays);
        let at = 4 + metricCount;
        for (let metric = 0; metric < metricCount; metric++) {
          const width = view.getUint8(4 + metric);
          for (const offset of width === 0 ? [] : days) {
            values[metric * chunkDays + offset] =
              width === 1
                ? view.getUint8(at)
                : width === 2
                  ? view.getUint16(at, true)
                  : width === 4
                    ? view.getUint32(at, true)
                    : view.getFloat64(at, true);
            at += width;
          }
        }
        return { rows, values };
      };
      const source = await open(database);
      const chunks = await new Promise<Chunk[]>((resolve, reject) => {
        const range = IDBKeyRange.bound([account], [account, []]);
        const request = source.transaction('series').objectStore('series').getAll(range);
        request.onsuccess = () => resolve(request.result as Chunk[]);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
      source.close();

      // The chunk layout, 1,000 records a transaction.
      await drop('adlens-bench-chunks');
      const chunkDb = await open('adlens-bench-chunks', 'series');
      const chunkStart = performance.now();
      for (let start = 0; start < chunks.length; start += 1000) {
        const transaction = chunkDb.transaction('series', 'readwrite');
        const store = transaction.objectStore('series');
        for (const chunk of chunks.slice(start, start + 1000)) {
          store.put({ ...chunk, day: chunk.chunk });
        }
        await finished(transaction);
      }
      const chunkMs = performance.now() - chunkStart;
      chunkDb.close();
      await drop('adlens-bench-chunks');

      // One record per row, 15 fields as Graph writes them, 5,000 puts a transaction.
      await drop('adlens-bench-raw');
      const rawDb = await open('adlens-bench-raw', 'rows');
      let rows = 0;
      let rawMs = 0;
      let batch: object[] = [];
      const money = (minor: number) => (minor / 100).toFixed(2);
      const flush = async () => {
        const started = performance.now();
        const transaction = rawDb.transaction('rows', 'readwrite');
        const store = transaction.objectStore('rows');
        for (const row of batch) store.put(row);
        await finished(transaction);
        rawMs += performance.now() - started;
        batch = [];
      };
      for (const chunk of chunks) {
        const { rows: present, values } = unpack(chunk.packed);
        for (let offset = 0; offset < chunkDays; offset++) {
          if (present[offset] !== 1) continue;
          const value = (metric: number) => values[metric * chunkDays + offset] ?? 0;
          const day = chunk.chunk + offset;
          const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
          batch.push({
            level: chunk.level,
            entityId: chunk.entityId,
            day,
            account_id: account.slice(4),
            date_start: date,
            date_stop: date,
            spend: money(value(0)),
            impressions: String(value(1)),
            reach: String(value(2)),
            frequency: (value(3) / 1e6).toFixed(6),
            clicks: String(value(4)),
            inline_link_clicks: String(value(5)),
            purchases: String(value(6)),
            purchase_value: money(value(7)),
            cost_per_purchase: money(value(8)),
            purchase_roas: (value(9) / 1e6).toFixed(6),
          });
          rows++;
          if (batch.length === 5000) await flush();
        }
      }
      if (batch.length > 0) await flush();
      rawDb.close();
      await drop('adlens-bench-raw');
      return { rows, rawMs, chunkRecords: chunks.length, chunkMs };
    },
    CACHE_DATABASE,
    accountId,
    CHUNK_DAYS,
    METRIC_COUNT,
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function printRun(name: string, run: Measured): void {
  const perSecond = run.rows / (run.wallMs / 1000);
  console.log(`\n${name}`);
  console.log(`  insight rows                 ${COUNT.format(run.rows)}`);
  console.log(
    `  HTTP requests                ${COUNT.format(run.httpRequests)}   (API minimum ${COUNT.format(run.minimumRequests)}: rows ÷ ${INSIGHTS_PAGE_SIZE} + objects ÷ ${OBJECTS_PAGE_SIZE})`,
  );
  console.log(`  Graph calls, batch items too ${COUNT.format(run.graphCalls)}`);
  console.log(`  wall time                    ${seconds(run.wallMs)}`);
  console.log(`  rows ingested per second     ${COUNT.format(Math.round(perSecond))}`);
  console.log(
    `  of which reading / storing   ${seconds(run.fetchMs)} / ${seconds(run.writeMs)} (insights units)`,
  );
  console.log(`  peak service worker JS heap  ${megabytes(run.peakHeapBytes)}`);
  const detection = run.detection;
  console.log(
    detection
      ? `  anomaly detection            ${seconds(detection.durationMs)} (engine ${seconds(detection.engineMs)} in slices of at most ${COUNT.format(detection.longestSliceMs)} ms, the rest reading the cache and storing), ${COUNT.format(detection.findings)} findings`
      : '  anomaly detection            not run (nothing new was written)',
  );
}

async function main(): Promise<void> {
  build();
  const adlens = await startConnectedAdlens({
    // Async report runs complete on their second status poll: the simulator's clock stands still.
    configure: (simulator) => {
      simulator.control.settings.reportRuns.pollsToComplete = 1;
    },
  });
  const { sim, chromium, options } = adlens;
  try {
    const section = new SyncSection(options.page);
    const target = await chromium.browser.waitForTarget(
      (candidate) => candidate.type() === TargetType.SERVICE_WORKER,
    );
    const session = await target.createCDPSession();

    const digits = sim.largeAccount.accountId;
    const objects = LEVELS.map((level) => sim.world.entities(digits, level).length);
    const today = sim.world.today(digits);
    const backfill = addDays(today, -89);
    const full = await syncOnce(
      sim,
      section,
      session,
      apiMinimum(sim, backfill, today, objects),
      insightRows(sim, backfill, today),
    );

    sim.clock.advance(3_600_000);
    const lookback = addDays(sim.world.today(digits), -27);
    const changed = [0, 0, 0];
    const incremental = await syncOnce(
      sim,
      section,
      session,
      apiMinimum(sim, lookback, sim.world.today(digits), changed),
      insightRows(sim, lookback, sim.world.today(digits)),
    );
    const writes = await compareWrites(chromium.browser, `act_${digits}`);

    const [campaigns, adsets, ads] = objects.map((count) => COUNT.format(count));
    console.log(
      `Adlens sync benchmark: "${sim.largeAccount.name}", ${campaigns} campaigns, ${adsets} ad sets, ${ads} ads`,
    );
    printRun('Full refresh (90-day backfill)', full);
    printRun('Incremental refresh (28-day lookback, today included)', incremental);
    const rawRate = writes.rows / (writes.rawMs / 1000);
    const chunkRate = writes.rows / (writes.chunkMs / 1000);
    console.log(`\nIndexedDB write of the same ${COUNT.format(writes.rows)} rows, in the worker`);
    console.log(
      `  raw IndexedDB, one record per row (15 fields, 5,000 a transaction)  ${seconds(writes.rawMs)}  ${COUNT.format(Math.round(rawRate))} rows/s`,
    );
    console.log(
      `  column chunks (${COUNT.format(writes.chunkRecords)} records of ${CHUNK_DAYS} days)                ${seconds(writes.chunkMs)}  ${COUNT.format(Math.round(chunkRate))} rows/s`,
    );
    console.log(
      `  ratio                                                             ${(writes.rawMs / writes.chunkMs).toFixed(1)}× faster`,
    );
  } finally {
    await adlens.close();
  }
}

await main();
