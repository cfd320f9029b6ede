import { detectAnomalies } from '@/lib/anomaly';
import { cacheDb } from '@/lib/cache/db';
import { findingTrees, readAccountFindings, replaceAccountFindings } from '@/lib/cache/findings';
import type { AccountRecord } from '@/lib/schema/account';
import { addDays } from '@/lib/util/dates';
import { readAccountInput } from './account-input';

export interface Detection {
  readonly findings: number;
  /** Time spent in the engine itself: the worker's one long synchronous stretch (ms). */
  readonly engineMs: number;
  /** The whole detection: reading the cache, the engine, storing the findings (ms). */
  readonly durationMs: number;
}

/**
 * Runs the anomaly engine over an account's cache as of the day before `today` (the account's
 * today, which is never complete) and replaces the account's stored findings with the result in
 * one transaction. The last run's findings go in as `previous`, so a problem already shown keeps
 * its id and start and does not flicker.
 */
export async function detectAccount(
  account: AccountRecord,
  today: string,
  deps: {
    readonly now: () => number;
    /** Throws when the findings may no longer be written (the connection went away). */
    readonly beforeWrite: () => Promise<void>;
  },
): Promise<Detection> {
  const begun = deps.now();
  const asOf = addDays(today, -1);
  const input = await readAccountInput(account, asOf);
  const previous = findingTrees(await readAccountFindings(account.accountId));
  const started = deps.now();
  const findings = detectAnomalies(input, { asOf, previous });
  const engineMs = deps.now() - started;
  await deps.beforeWrite();
  const db = cacheDb();
  await db.transaction('rw', db.findings, () =>
    replaceAccountFindings(account.accountId, findings, deps.now()),
  );
  return { findings: findings.length, engineMs, durationMs: deps.now() - begun };
}
