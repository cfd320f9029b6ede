import type { Browser } from 'puppeteer';
import { CACHE_DATABASE } from '@/lib/cache/db';
import type { StoredFinding } from '@/lib/cache/findings';
import type { SimAccount, SimEntity } from '../../sim/world/types';
import { serviceWorker } from './browser';
import type { ExtensionContext } from './pages';
import type { FindingMessage } from '@/lib/schema/finding-message';

/**
 * Writes into the extension's cache (IndexedDB of the worker's origin) with the browser's own API,
 * the way a sync does: for tests and benchmarks that need findings or entities before the sync
 * and anomaly engine produce them. Nothing of ours runs; the bundle has no hook for this.
 */

/** Waits until the worker has created its cache (it does on the first question that reads it). */
export async function waitForCache(browser: Browser, timeoutMs = 10_000): Promise<void> {
  const worker = await serviceWorker(browser);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exists = await worker.evaluate(
      async (name) => (await indexedDB.databases()).some((database) => database.name === name),
      CACHE_DATABASE,
    );
    if (exists) return;
    if (Date.now() > deadline) throw new Error('The worker never created its cache');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Puts records into one store of the cache, in one transaction. */
export async function putCacheRecords(
  browser: Browser,
  store: string,
  records: readonly unknown[],
): Promise<void> {
  await putCacheRecordsIn(await serviceWorker(browser), store, records);
}

/** Puts records into one store of the cache from any context of the extension's origin. */
export async function putCacheRecordsIn(
  context: ExtensionContext,
  store: string,
  records: readonly unknown[],
): Promise<void> {
  await context.evaluate(
    async (name, storeName, rows) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction(storeName, 'readwrite');
        for (const row of rows) transaction.objectStore(storeName).put(row);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error ?? new Error('put failed'));
      });
      db.close();
    },
    CACHE_DATABASE,
    store,
    records,
  );
}

/**
 * Every record of one store of the cache, read from any context of the extension's origin (an
 * extension page reads it even while the worker is stopped).
 */
export async function cacheRecordsIn<T = Record<string, unknown>>(
  context: ExtensionContext,
  store: string,
): Promise<T[]> {
  const records = await context.evaluate(
    async (name, storeName) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(storeName).objectStore(storeName).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('getAll failed'));
      });
      db.close();
      return all;
    },
    CACHE_DATABASE,
    store,
  );
  return records as T[];
}

/** What a test says about a finding; the rest of the stored record is filled in plausibly. */
export interface SeedFinding {
  readonly entity: SimEntity;
  readonly severity: 'info' | 'warning' | 'critical';
  /** The language-neutral sentence; by default a spend spike of $310 against a usual $100. */
  readonly summary?: FindingMessage;
  readonly score?: number;
}

/** "Spent $310.00 on <day>, 3.1x its usual $100.00 a day." in English. */
export function spikeSentence(day: string, minor = 31_000, currency = 'USD'): FindingMessage {
  return {
    key: 'findingSpendSpike',
    args: [
      { type: 'money', value: minor, currency },
      { type: 'date', value: day },
      { type: 'decimal', value: minor / 10_000 },
      { type: 'money', value: 10_000, currency },
    ],
  };
}

let seededFindings = 0;

/** A finding as the findings table keeps it (lib/cache/findings.ts): a root cause about spend. */
export function findingRecord({
  entity,
  severity,
  summary,
  score = 0.8,
}: SeedFinding): StoredFinding {
  seededFindings += 1;
  const day = new Date(entity.updatedTime * 1000).toISOString().slice(0, 10);
  return {
    accountId: `act_${entity.accountId}`,
    findingId: `seeded-${seededFindings}`,
    parentId: null,
    kind: 'spend_spike',
    entityId: entity.id,
    level: entity.level,
    metric: 'spend',
    severity,
    direction: 'up',
    startDate: day,
    latestDate: day,
    actual: 3.1,
    expected: 1,
    lower: 0.6,
    upper: 1.4,
    score,
    summary: summary ?? spikeSentence(day),
    nextStep: { key: 'findingSpendSpikeNext', args: [] },
    detectedAt: Date.now(),
  };
}

/** An entity as the entities table keeps it (lib/cache/entities.ts). */
export function entityRecord(account: SimAccount, entity: SimEntity) {
  return {
    accountId: `act_${account.accountId}`,
    level: entity.level,
    entityId: entity.id,
    name: entity.name,
    status: entity.status,
    effectiveStatus: entity.effectiveStatus,
    campaignId: entity.campaignId ?? null,
    adsetId: entity.adsetId ?? null,
    objective: entity.objective ?? null,
    dailyBudgetMinor: entity.dailyBudgetMinor ?? null,
    lifetimeBudgetMinor: entity.lifetimeBudgetMinor ?? null,
    createdTime: entity.createdTime * 1000,
    updatedTime: entity.updatedTime * 1000,
    startTime: entity.startTime * 1000,
    gone: false,
  };
}
