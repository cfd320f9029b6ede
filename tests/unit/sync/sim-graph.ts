/*
 * The sync engine's unit tests against the simulator in-process (`simFetch`): the same seeded
 * world, error catalogue and paging as the end-to-end tests, without a browser.
 */
import { saveConnection } from '@/lib/cache/connection';
import { readSeries } from '@/lib/cache/series';
import { createGraphClient, type GraphCall } from '@/lib/graph/client';
import { toAccountRecord } from '@/lib/graph/me';
import { INSIGHT_METRICS, type EntityLevel } from '@/lib/schema/insights';
import { DEFAULT_SYNC_SETTINGS } from '@/lib/schema/sync';
import type { SyncDeps } from '@/lib/sync/runner';
import { apiCallRecord } from '@/lib/cache/api-log';
import { epochDayOf } from '@/lib/util/dates';
import { fakeTiming, simFetch } from '@/tests/support/graph-stand-in';
import { worldTotals as totalsOfWorld, type Totals } from '@/tests/support/world-totals';
import { createSimulatedMeta, type SimulatedMeta } from '../../sim';

/** The runner's dependencies on the simulator's clock: small pages and units, instant polls. */
export function simSyncDeps(meta: SimulatedMeta, overrides: Partial<SyncDeps> = {}): SyncDeps {
  const calls: GraphCall[] = [];
  const graph = createGraphClient({
    accessToken: meta.control.demoToken,
    fetch: simFetch(meta),
    timing: fakeTiming(meta.clock.now()).timing,
    onCall: (call) => calls.push(call),
  });
  return {
    graph,
    settings: DEFAULT_SYNC_SETTINGS,
    now: () => meta.clock.now(),
    takeCalls: () => calls.splice(0).map(apiCallRecord),
    pageSize: 100,
    objectPageSize: 25,
    unitPolicy: { maxRowsPerUnit: 2000, maxDaysPerUnit: 90, asyncFromRows: 1_000_000 },
    reportRuns: { firstPollMs: 1, maxPollMs: 1, timeoutMs: 60_000, stuckMs: 60_000 },
    ...overrides,
  };
}

export function simAccount(meta: SimulatedMeta, currency: 'USD' | 'EUR' | 'JPY') {
  const account = meta.world.accounts.find(
    (candidate) => candidate.currency === currency && candidate.accountStatus === 1,
  );
  if (!account) throw new Error(`no ${currency} account`);
  return account;
}

/** Connects the cache to the simulator's accounts, as the Connect flow would. */
export async function connectCache(meta: SimulatedMeta): Promise<void> {
  await saveConnection(
    { id: '1', name: 'Demo Media Buyer' },
    meta.world.accounts.map((account) =>
      toAccountRecord({
        id: `act_${account.accountId}`,
        account_id: account.accountId,
        name: account.name,
        currency: account.currency,
        timezone_name: account.timezoneName,
        timezone_offset_hours_utc: account.timezoneOffsetHoursUtc,
        account_status: account.accountStatus,
      }),
    ),
  );
}

/** What the world reports for a level over a range, every entity (deleted ones too) included. */
export function worldTotals(
  meta: SimulatedMeta,
  accountDigits: string,
  level: EntityLevel,
  since: string,
  until: string,
): Totals {
  return totalsOfWorld(meta.world, accountDigits, level, since, until);
}

/** The same totals from the cache. */
export async function cacheTotals(
  accountDigits: string,
  level: EntityLevel,
  since: string,
  until: string,
): Promise<Totals> {
  const series = await readSeries(
    `act_${accountDigits}`,
    level,
    epochDayOf(since),
    epochDayOf(until),
  );
  const column = (metric: (typeof INSIGHT_METRICS)[number]) => INSIGHT_METRICS.indexOf(metric);
  const sum = (metric: (typeof INSIGHT_METRICS)[number]) =>
    series.reduce(
      (total, each) => total + each.values[column(metric)]!.reduce((a, b) => a + b, 0),
      0,
    );
  return {
    rows: series.reduce((total, each) => total + each.rows.reduce((a, b) => a + b, 0), 0),
    spend: sum('spend'),
    purchases: sum('purchases'),
    purchaseValue: sum('purchaseValue'),
    impressions: sum('impressions'),
  };
}

export { createSimulatedMeta };
