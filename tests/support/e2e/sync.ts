import type { Browser, Page } from 'puppeteer';
import { CACHE_DATABASE } from '@/lib/cache/db';
import { CHUNK_DAYS, METRIC_COUNT } from '@/lib/cache/series';
import type { SyncState } from '@/lib/cache/sync-state';
import { INSIGHT_METRICS, type EntityLevel } from '@/lib/schema/insights';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { epochDayOf } from '@/lib/util/dates';
import { EXTENSION_ORIGIN } from './browser';
import type { Totals } from '../world-totals';

/**
 * The sync as a user drives it (the options page's Sync section) and as a test checks it: the
 * worker's IndexedDB read with the browser's own API, nothing of ours in the bundle.
 */
export class SyncSection {
  constructor(readonly page: Page) {}

  private row(accountId: string): string {
    return `[data-testid="sync-row"][data-account-id="${accountId}"]`;
  }

  async syncNow(accountId: string): Promise<void> {
    await this.page
      .locator(`${this.row(accountId)} [data-testid="sync-now"]:not([disabled])`)
      .click();
  }

  /** Waits until the account's state cell shows `state` (and problem, if given); returns its text. */
  async waitFor(
    accountId: string,
    state: AccountSyncSummary['state'],
    options: { problem?: string; timeout?: number } = {},
  ): Promise<string> {
    const problem = options.problem === undefined ? '' : `[data-problem="${options.problem}"]`;
    const cell = await this.page.waitForSelector(
      `${this.row(accountId)} [data-testid="sync-state"][data-state="${state}"]${problem}`,
      { timeout: options.timeout ?? 120_000 },
    );
    return (await cell?.evaluate((node) => node.textContent ?? '')) ?? '';
  }

  /**
   * Waits until the table lists the accounts and none is syncing: connecting starts every
   * account's first sync, which a test lets end before it starts its own.
   */
  async waitForIdle(timeout = 400_000): Promise<void> {
    // Polled from here in short reads: one long wait in the page outlives the protocol's timeout.
    const syncing = () =>
      this.page.evaluate(() => {
        const cells = [...document.querySelectorAll('[data-testid="sync-state"]')];
        if (cells.length === 0) return ['(no accounts listed yet)'];
        return cells
          .filter((cell) => cell.getAttribute('data-state') === 'syncing')
          .map((cell) => `${cell.closest('tr')?.dataset.accountId}: ${cell.textContent}`);
      });
    const deadline = Date.now() + timeout;
    for (;;) {
      const busy = await syncing().catch(() => ['(the page did not answer)']);
      if (busy.length === 0) return;
      if (Date.now() > deadline) throw new Error(`Still syncing: ${busy.join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Waits until the account has synced once; fails with the problem if its sync failed first. */
  async waitForFirstSync(accountId: string, timeout = 400_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const record = await storedSyncState(this.page, accountId).catch(() => undefined);
      if (record?.lastSyncAt != null) break;
      if (record?.lastError) throw new Error(`The first sync failed: ${record.lastError.message}`);
      if (Date.now() > deadline) throw new Error(`The first sync of ${accountId} did not end`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return this.waitFor(accountId, 'synced', { timeout: 60_000 });
  }

  /** Starts a sync and waits for it to end (a new last sync, or a new problem) in `state`. */
  async sync(
    accountId: string,
    state: AccountSyncSummary['state'] = 'synced',
    options: { problem?: string; timeout?: number } = {},
  ): Promise<string> {
    const mark = (record: SyncState | undefined) =>
      `${record?.lastSyncAt ?? ''}|${record?.lastError?.at ?? ''}`;
    await this.waitForIdle();
    const before = mark(await storedSyncState(this.page, accountId));
    await this.syncNow(accountId);
    const deadline = Date.now() + (options.timeout ?? 180_000);
    while (mark(await storedSyncState(this.page, accountId)) === before) {
      if (Date.now() > deadline) throw new Error(`The sync of ${accountId} did not end`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return this.waitFor(accountId, state, options);
  }
}

/**
 * The account's sync state record, read straight from the extension's IndexedDB through an
 * extension page (same origin as the worker, and unaffected by the worker stopping).
 */
export async function storedSyncState(
  page: Page,
  accountId: string,
): Promise<SyncState | undefined> {
  return page.evaluate(
    async (database, key) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(database);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      const record = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('syncState').objectStore('syncState').get(key);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('get failed'));
      });
      db.close();
      return record as SyncState | undefined;
    },
    CACHE_DATABASE,
    accountId,
  );
}

/** Row count and sums of a level over a range, from the series chunks, read as above. */
export async function cachedTotals(
  page: Page,
  accountId: string,
  level: EntityLevel,
  since: string,
  until: string,
): Promise<Totals> {
  const columns = {
    spend: INSIGHT_METRICS.indexOf('spend'),
    purchases: INSIGHT_METRICS.indexOf('purchases'),
    purchaseValue: INSIGHT_METRICS.indexOf('purchaseValue'),
    impressions: INSIGHT_METRICS.indexOf('impressions'),
  };
  return page.evaluate(
    async (database, key, first, last, chunkDays, metricCount, column) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(database);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      const totals = { rows: 0, spend: 0, purchases: 0, purchaseValue: 0, impressions: 0 };
      await new Promise<void>((resolve, reject) => {
        // Every chunk of [account, level, *, *]: an array sorts after any string.
        const range = IDBKeyRange.bound(key, [...key, []]);
        const request = db.transaction('series').objectStore('series').openCursor(range);
        request.onerror = () => reject(request.error ?? new Error('cursor failed'));
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor) {
            resolve();
            return;
          }
          // The packed layout (lib/cache/series.ts): a day mask, a width per metric, then each
          // metric's values on the days with a row. Decoded here independently of that code.
          const chunk = cursor.value as { chunk: number; packed: Uint8Array };
          const view = new DataView(chunk.packed.buffer, chunk.packed.byteOffset);
          const mask = view.getUint32(0, true);
          const days: number[] = [];
          for (let offset = 0; offset < chunkDays; offset++) {
            if ((mask & (1 << offset)) !== 0) days.push(offset);
          }
          const widths = Array.from({ length: metricCount }, (_, metric) =>
            view.getUint8(4 + metric),
          );
          const valueOf = (metric: number, position: number): number => {
            const width = widths[metric]!;
            let at = 4 + metricCount;
            for (let before = 0; before < metric; before++) at += widths[before]! * days.length;
            at += width * position;
            if (width === 0) return 0;
            if (width === 1) return view.getUint8(at);
            if (width === 2) return view.getUint16(at, true);
            if (width === 4) return view.getUint32(at, true);
            return view.getFloat64(at, true);
          };
          days.forEach((offset, position) => {
            const day = chunk.chunk + offset;
            if (day < first || day > last) return;
            totals.rows++;
            for (const [name, index] of Object.entries(column)) {
              totals[name as keyof typeof column] += valueOf(index, position);
            }
          });
          cursor.continue();
        };
      });
      db.close();
      return totals;
    },
    CACHE_DATABASE,
    [accountId, level],
    epochDayOf(since),
    epochDayOf(until),
    CHUNK_DAYS,
    METRIC_COUNT,
    columns,
  );
}

/**
 * Stops the extension's service worker by closing its DevTools target, found afresh through a
 * browser-level CDP session (puppeteer's own target objects can outlive the worker they name).
 */
export async function stopWorker(browser: Browser): Promise<void> {
  const session = await browser.target().createCDPSession();
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    for (const info of targetInfos) {
      if (info.type === 'service_worker' && info.url === `${EXTENSION_ORIGIN}/background.js`) {
        await session.send('Target.closeTarget', { targetId: info.targetId });
      }
    }
  } finally {
    await session.detach();
  }
}
