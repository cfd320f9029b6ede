import { getAccount, requireAccount } from '@/lib/cache/accounts';
import { appendApiCalls, type ApiCallRecord } from '@/lib/cache/api-log';
import { cacheDb, type CacheDatabase } from '@/lib/cache/db';
import type { Table } from 'dexie';
import { knownEntityIds, markEntitiesGone, putEntities } from '@/lib/cache/entities';
import { SeriesSlice, writeSeriesSlice } from '@/lib/cache/series';
import {
  initialSyncState,
  readSyncState,
  type Coverage,
  storedMetricGroups,
  writeSyncState,
  type SyncRun,
  type SyncState,
  type SyncUnit,
} from '@/lib/cache/sync-state';
import { detectAccount, type Detection } from '@/lib/sync/refresh-findings';
import { fetchAccountObjects, fetchObjectsById } from '@/lib/graph/ad-objects';
import type { GraphClient } from '@/lib/graph/client';
import { fetchDailyInsights, INSIGHT_ID_FIELD } from '@/lib/graph/insights';
import { toAccountRecord } from '@/lib/graph/me';
import type { ReportRunPolicy } from '@/lib/graph/report-runs';
import { deleteInsightsBefore } from '@/lib/privacy/retention';
import type { AccountId, AccountRecord } from '@/lib/schema/account';
import { ENTITY_LEVELS, type EntityLevel } from '@/lib/schema/insights';
import type { SyncSettings } from '@/lib/schema/sync';
import { dateInTimeZone, epochDayOf } from '@/lib/util/dates';
import { INSIGHTS_PAGE_SIZE, OBJECTS_PAGE_SIZE } from './limits';
import { toEntityRecord } from './objects';
import { planRanges, planUnits, type UnitPolicy } from './planner';
import { syncProblemOf } from './problems';
import { rowValues } from './rows';
import { nextFailure } from './triggers';

/**
 * Runs one account's sync: objects first, then the insights units in order. Each unit is read
 * whole, then written in one transaction with its `done` flag and the calls it cost, so a worker
 * stopped anywhere resumes at the first unit not done: what was written is complete and is
 * overwritten, never added to, if read again. A failure keeps the data and the checkpoint, and
 * records the problem the user sees.
 */
export interface SyncDeps {
  readonly graph: GraphClient;
  readonly settings: SyncSettings;
  /** Our clock (ms): run ages and "last sync" times. Meta's clock gives the account's today. */
  readonly now: () => number;
  /** The calls made since the last checkpoint, for the API call log. */
  readonly takeCalls: () => ApiCallRecord[];
  readonly onProgress?: (state: SyncState) => void;
  /**
   * Everything the run reads from Meta is read and stored; what is left (detection) is the
   * worker's own work, which waits its turn, so the scheduler can start another account's reads.
   */
  readonly onReadsDone?: () => void;
  /**
   * Whether the connection the run started with still holds. Checked before every write: after a
   * disconnect (which wipes the cache) a run stops without writing anything back.
   */
  readonly stillConnected?: () => Promise<boolean>;
  readonly pageSize?: number;
  readonly objectPageSize?: number;
  readonly unitPolicy?: UnitPolicy;
  readonly reportRuns?: ReportRunPolicy;
}

/** A run older than this is planned again rather than resumed. */
export const MAX_RUN_AGE_MS = 24 * 3_600_000;
/** Objects are read in full this often; in between, only those updated since. */
const FULL_OBJECTS_EVERY_MS = 24 * 3_600_000;
/** Unknown ids seen in insights are looked up by id, at most this many per run. */
const MAX_LOOKUPS = 500;

type KnownIds = Record<EntityLevel, Set<string>>;

/** The connection went away mid-run: nothing more may be written. */
class ConnectionGone extends Error {
  override readonly name = 'ConnectionGone';
}

async function ensureConnected(deps: SyncDeps): Promise<void> {
  if (deps.stillConnected && !(await deps.stillConnected())) throw new ConnectionGone();
}

async function loadKnownIds(accountId: AccountId): Promise<KnownIds> {
  const [campaign, adset, ad] = await Promise.all(
    ENTITY_LEVELS.map((level) => knownEntityIds(accountId, level)),
  );
  return { campaign: campaign!, adset: adset!, ad: ad! };
}

function runId(now: number): string {
  return `run-${now.toString(36)}`;
}

/**
 * Stores a step of the run in one transaction over `tables`: what `step` writes, the state it
 * returns and the Graph calls made since the last store. Progress is told after the commit, so the
 * state shown never says more is done than is stored.
 */
async function storeStep(
  deps: SyncDeps,
  tables: (db: CacheDatabase) => Table[],
  step: (calls: readonly ApiCallRecord[]) => Promise<SyncState>,
): Promise<SyncState> {
  const calls = deps.takeCalls();
  const db = cacheDb();
  let next: SyncState | undefined;
  await db.transaction('rw', [...tables(db), db.syncState, db.apiCalls], async () => {
    next = await step(calls);
    await writeSyncState(next);
    await appendApiCalls(calls);
  });
  deps.onProgress?.(next!);
  return next!;
}

/** Reads the objects and plans the run; both are stored together. */
async function startRun(
  deps: SyncDeps,
  state: SyncState,
  accountId: AccountId,
): Promise<SyncState> {
  const { graph, settings } = deps;
  // Meta's clock is known once it has answered; until then, ours is the best guess.
  const fullObjects =
    state.objectsSyncedAt === null ||
    graph.serverNow() - state.objectsSyncedAt > FULL_OBJECTS_EVERY_MS;
  // An hour of margin for objects updated while they were last read.
  const objectsSince = fullObjects ? null : Math.floor(state.objectsSyncedAt! / 1000) - 3600;
  // A level the user turned off is not read: storing its objects would outlive the choice.
  const { account, objects } = await fetchAccountObjects(graph, accountId, {
    levels: settings.levels,
    pageSize: deps.objectPageSize ?? OBJECTS_PAGE_SIZE,
    ...(objectsSince === null ? {} : { updatedSince: objectsSince }),
  });
  const readAt = graph.serverNow();
  const today = dateInTimeZone(readAt, account.timezone_name);
  // A metric group turned back on has no stored history (turning it off deleted it): read all days.
  const stored = storedMetricGroups(state);
  const lacksGroup = settings.metricGroups.some((group) => !stored.includes(group));
  const coverage = lacksGroup ? initialSyncState(accountId).coverage : state.coverage;
  const plan = planRanges(coverage, settings, today);
  await ensureConnected(deps);
  return storeStep(
    deps,
    (db) => [db.entities, db.changes, db.accounts],
    async (calls) => {
      await putEntities(
        ENTITY_LEVELS.flatMap((level) =>
          objects[level].map((object) => toEntityRecord(accountId, level, object)),
        ),
        readAt,
      );
      await cacheDb().accounts.put(toAccountRecord(account));
      const known = await loadKnownIds(accountId);
      const run: SyncRun = {
        id: runId(deps.now()),
        kind: plan.kind,
        startedAt: deps.now(),
        today,
        objectsSince,
        units: planUnits(
          plan.fetch,
          { campaign: known.campaign.size, adset: known.adset.size, ad: known.ad.size },
          deps.unitPolicy,
        ),
        target: plan.target,
        rowsWritten: 0,
        requests: calls.length,
        fetchMs: 0,
        writeMs: 0,
      };
      return {
        ...state,
        run,
        objectsSyncedAt: readAt,
        metaClockOffsetMs: readAt - deps.now(),
        metricGroups: settings.metricGroups,
      };
    },
  );
}

async function readUnit(
  deps: SyncDeps,
  account: AccountRecord,
  unit: SyncUnit,
  known: KnownIds,
  unknown: KnownIds,
): Promise<SeriesSlice> {
  const slice = new SeriesSlice(epochDayOf(unit.since), epochDayOf(unit.until));
  const idField = INSIGHT_ID_FIELD[unit.level];
  await fetchDailyInsights(
    deps.graph,
    {
      accountId: account.accountId,
      level: unit.level,
      since: unit.since,
      until: unit.until,
      metricGroups: deps.settings.metricGroups,
    },
    {
      async: unit.async,
      pageSize: deps.pageSize ?? INSIGHTS_PAGE_SIZE,
      ...(deps.reportRuns ? { reportRuns: deps.reportRuns } : {}),
    },
    (rows) => {
      for (const row of rows) {
        const id = row[idField];
        // time_increment=1 gives one day per row; anything else is not a daily row.
        if (id === undefined || row.date_start !== row.date_stop) continue;
        slice.set(id, epochDayOf(row.date_start), rowValues(row, account.currency));
        if (!known[unit.level].has(id)) unknown[unit.level].add(id);
      }
    },
  );
  return slice;
}

async function runUnit(
  deps: SyncDeps,
  state: SyncState,
  account: AccountRecord,
  index: number,
  ids: { known: KnownIds; unknown: KnownIds },
): Promise<SyncState> {
  const run = state.run!;
  const unit = run.units[index]!;
  const fetchStart = deps.now();
  const slice = await readUnit(deps, account, unit, ids.known, ids.unknown);
  await ensureConnected(deps);
  const writeStart = deps.now();
  return storeStep(
    deps,
    (db) => [db.series],
    async (calls) => {
      const delta = await writeSeriesSlice(account.accountId, unit.level, slice);
      const units = run.units.map((each, position) =>
        position === index ? { ...each, done: true } : each,
      );
      return {
        ...state,
        rows: Math.max(0, state.rows + delta),
        run: {
          ...run,
          units,
          rowsWritten: run.rowsWritten + slice.rowCount(),
          requests: run.requests + calls.length,
          fetchMs: run.fetchMs + (writeStart - fetchStart),
          writeMs: run.writeMs + (deps.now() - writeStart),
        },
      };
    },
  );
}

/** Objects seen in insights but unknown to the cache are read by id; gone ones are tombstoned. */
async function lookUpUnknown(deps: SyncDeps, accountId: AccountId, unknown: KnownIds) {
  let budget = MAX_LOOKUPS;
  for (const level of ENTITY_LEVELS) {
    const ids = [...unknown[level]].slice(0, budget);
    if (ids.length === 0) continue;
    budget -= ids.length;
    const { found, gone } = await fetchObjectsById(deps.graph, accountId, level, ids);
    const db = cacheDb();
    await db.transaction('rw', [db.entities, db.changes], async () => {
      await putEntities(
        found.map((object) => toEntityRecord(accountId, level, object)),
        deps.graph.serverNow(),
      );
      if (gone.length > 0) await markEntitiesGone(accountId, level, gone);
    });
  }
}

async function finishRun(
  deps: SyncDeps,
  state: SyncState,
  startedAt: number,
  detection: Detection | undefined,
): Promise<SyncState> {
  await ensureConnected(deps);
  const run = state.run!;
  const finishedAt = deps.now();
  return storeStep(
    deps,
    (db) => [db.series],
    async (calls) => {
      // The window moved on since the days were stored: the days that left it go now, not whenever
      // the retention alarm next runs, so the cache is always the window the state says it covers.
      const firstDay = firstDayBeyond(state.coverage, run.target);
      const removed = firstDay ? await deleteInsightsBefore(state.accountId, firstDay) : 0;
      return {
        ...state,
        run: null,
        coverage: run.target,
        rows: Math.max(0, state.rows - removed),
        lastSyncAt: finishedAt,
        lastError: null,
        partial: false,
        lastRun: {
          kind: run.kind,
          rowsWritten: run.rowsWritten,
          requests: run.requests + calls.length,
          durationMs: finishedAt - Math.max(run.startedAt, startedAt),
          fetchMs: run.fetchMs,
          writeMs: run.writeMs,
          ...(detection ? { detection } : {}),
          finishedAt,
        },
      };
    },
  );
}

/** The first day of the run's window when some level still stores days before it; else null. */
function firstDayBeyond(stored: Coverage, target: Coverage): string | null {
  for (const level of ENTITY_LEVELS) {
    const first = target[level]?.since;
    const since = stored[level]?.since;
    if (first !== undefined && since !== undefined && since < first) return first;
  }
  return null;
}

function resumable(run: SyncRun | null, now: number): run is SyncRun {
  return run !== null && now - run.startedAt < MAX_RUN_AGE_MS;
}

export interface SyncOutcome {
  readonly state: SyncState;
  /** What stopped the run, already recorded in `state.lastError`. */
  readonly error?: unknown;
}

/** Syncs one account; a failure is recorded in the state's `lastError` and returned, not thrown. */
export async function syncAccount(deps: SyncDeps, accountId: AccountId): Promise<SyncOutcome> {
  const startedAt = deps.now();
  let state = await readSyncState(accountId);
  try {
    const account = await requireAccount(accountId);
    if (!resumable(state.run, startedAt)) state = await startRun(deps, state, accountId);
    const ids = { known: await loadKnownIds(accountId), unknown: emptyIds() };
    const current = (await getAccount(accountId)) ?? account;
    for (let index = 0; index < (state.run?.units.length ?? 0); index++) {
      if (state.run?.units[index]?.done) continue;
      state = await runUnit(deps, state, current, index, ids);
    }
    await lookUpUnknown(deps, accountId, ids.unknown);
    deps.onReadsDone?.();
    // Before the run is closed, so a worker stopped while detecting detects again on resume.
    const detection =
      state.run && state.run.rowsWritten > 0
        ? await detectAccount(current, state.run.today, {
            now: deps.now,
            beforeWrite: () => ensureConnected(deps),
          })
        : undefined;
    return { state: await finishRun(deps, state, startedAt, detection) };
  } catch (error) {
    if (error instanceof ConnectionGone) return { state, error };
    const failed: SyncState = {
      ...state,
      lastError: nextFailure(syncProblemOf(error, deps.now()), state.lastError),
      partial: true,
    };
    await ensureConnected(deps).then(
      () =>
        storeStep(
          deps,
          () => [],
          () => Promise.resolve(failed),
        ),
      () => undefined,
    );
    return { state: failed, error };
  }
}

function emptyIds(): KnownIds {
  return { campaign: new Set(), adset: new Set(), ad: new Set() };
}
