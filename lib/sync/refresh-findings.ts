import { detectAnomaliesInSlices } from '@/lib/anomaly';
import { cacheDb } from '@/lib/cache/db';
import { findingTrees, readAccountFindings, replaceAccountFindings } from '@/lib/cache/findings';
import type { AccountRecord } from '@/lib/schema/account';
import { addDays } from '@/lib/util/dates';
import { readAccountInput } from './engine-input';
import { SLICE_MS } from './slice';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface Detection {
  readonly findings: number;
  /** Time spent in the engine itself (ms). */
  readonly engineMs: number;
  /** The engine's longest stretch without handing the worker back to its events (ms). */
  readonly longestSliceMs: number;
  /** The whole detection: reading the cache, the engine, storing the findings (ms). */
  readonly durationMs: number;
}

/**
 * Detections waiting for the one running. The engine is CPU work on the worker's one thread, so two
 * accounts detected at once finish no sooner, but hold both accounts' series in memory: with four
 * accounts syncing side by side that pushed the worker's heap past 200 MB (issue 17).
 */
let detections: Promise<unknown> = Promise.resolve();

/**
 * Runs the anomaly engine over an account's cache as of the day before `today` (the account's
 * today, which is never complete) and replaces the account's stored findings with the result in
 * one transaction, one account at a time. The last run's findings go in as `previous`, so a
 * problem already shown keeps its id and start and does not flicker.
 */
export function detectAccount(
  account: AccountRecord,
  today: string,
  deps: DetectionDeps,
): Promise<Detection> {
  const detection = detections.then(() => detectNow(account, today, deps));
  detections = detection.catch(() => undefined);
  return detection;
}

interface DetectionDeps {
  readonly now: () => number;
  /** Throws when the findings may no longer be written (the connection went away). */
  readonly beforeWrite: () => Promise<void>;
}

async function detectNow(
  account: AccountRecord,
  today: string,
  deps: DetectionDeps,
): Promise<Detection> {
  const begun = deps.now();
  const asOf = addDays(today, -1);
  const input = await readAccountInput(account, asOf);
  const previous = findingTrees(await readAccountFindings(account.accountId));
  const started = deps.now();
  const { findings, longestSliceMs } = await detectAnomaliesInSlices(
    input,
    { asOf, previous },
    { pause: nextTask, now: () => performance.now(), sliceMs: SLICE_MS },
  );
  const engineMs = deps.now() - started;
  await deps.beforeWrite();
  const db = cacheDb();
  await db.transaction('rw', [db.findings, db.explanations], () =>
    replaceAccountFindings(account.accountId, findings, deps.now()),
  );
  return {
    findings: findings.length,
    engineMs,
    longestSliceMs: Math.round(longestSliceMs),
    durationMs: deps.now() - begun,
  };
}
