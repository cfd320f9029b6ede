import { getAccount, listAccounts } from '@/lib/cache/accounts';
import { apiCallRecord, type ApiCallRecord } from '@/lib/cache/api-log';
import { readSyncQueue, saveSyncQueue } from '@/lib/cache/sync-queue';
import {
  listSyncStates,
  readSyncState,
  writeSyncState,
  type SyncState,
  type SyncUnit,
} from '@/lib/cache/sync-state';
import type { GraphCall, GraphClient } from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/errors';
import type { AccountId } from '@/lib/schema/account';
import type { AccountSyncSummary, SyncSettings } from '@/lib/schema/sync';
import { epochDayOf } from '@/lib/util/dates';
import { SYNC_POOL_SIZE } from './limits';
import { syncProblemOf, stopsAllAccounts } from './problems';
import { syncAccount, type SyncDeps } from './runner';
import { nextFailure, retryAt } from './triggers';

/**
 * The worker's syncs: a bounded pool of accounts reading side by side (Meta's rate limits are per ad
 * account, so accounts do not slow one another down), each account's own run strictly in order.
 * Requests (Sync now, the alarm, a stale account opened in Ads Manager, a restarted worker
 * resuming) join a queue; an account already queued or syncing is not queued twice, and one asked
 * for first (the account open in Ads Manager) jumps the queue. One account syncs alone until Meta
 * has accepted a call with the token, so a rejected token fails one account, not a poolful; it
 * stops the queue: every account needs the reconnect. A rate limit wakes the worker when it ends.
 */
export interface SchedulerDeps {
  /** Runs `use` with the connected token, re-read from the vault; throws when there is none. */
  readonly withToken: <T>(use: (token: string) => Promise<T>) => Promise<T>;
  /** The token the vault holds now, or null: a run stops when it is no longer its own. */
  readonly currentToken: () => Promise<string | null>;
  readonly createGraph: (
    token: string,
    onCall: (call: GraphCall) => void,
    signal: AbortSignal,
  ) => GraphClient;
  readonly readSettings: () => Promise<SyncSettings>;
  readonly now: () => number;
  /** Wakes the worker at a time, to carry on (alarms). */
  readonly wakeAt: (at: number) => Promise<void>;
  /** Accounts reading at once; SYNC_POOL_SIZE when absent. */
  readonly poolSize?: number;
  /** Options of the runner that tests and the benchmark tune. */
  readonly runner?: Partial<
    Pick<SyncDeps, 'pageSize' | 'objectPageSize' | 'unitPolicy' | 'reportRuns'>
  >;
}

/** A worker stopped mid-sync is woken this long after the last sign of life. */
export const WATCHDOG_MS = 60_000;

export interface SyncRequestOptions {
  /** Ahead of every account waiting: the one the user is looking at in Ads Manager. */
  readonly first?: boolean;
}

export class SyncScheduler {
  private readonly queue: AccountId[] = [];
  private readonly running = new Set<AccountId>();
  private loop: Promise<void> | undefined;
  private wakeLoop: (() => void) | undefined;
  /** Meta accepted a call with the token since the worker started (or the last rejection). */
  private tokenAccepted = false;
  private saved: Promise<void> = Promise.resolve();
  /** One per running sync: aborting it cuts that sync's Graph calls short. */
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly deps: SchedulerDeps) {}

  /** Queues the accounts; returns those now queued or syncing. */
  request(accountIds: readonly AccountId[], options: SyncRequestOptions = {}): AccountId[] {
    const fresh = accountIds.filter((accountId) => !this.running.has(accountId));
    if (options.first) {
      for (const accountId of fresh) {
        const waiting = this.queue.indexOf(accountId);
        if (waiting >= 0) this.queue.splice(waiting, 1);
      }
      this.queue.unshift(...new Set(fresh));
    } else {
      for (const accountId of fresh) {
        if (!this.queue.includes(accountId)) this.queue.push(accountId);
      }
    }
    void this.persist();
    this.wakeLoop?.();
    this.loop ??= this.drain().finally(() => {
      this.loop = undefined;
    });
    return accountIds.filter((accountId) => this.isSyncing(accountId));
  }

  /** Stores the queue, the running accounts first; writes happen in order. */
  private persist(): Promise<void> {
    const accounts = [...this.running, ...this.queue];
    this.saved = this.saved.then(() => saveSyncQueue(accounts)).catch(() => undefined);
    return this.saved;
  }

  isSyncing(accountId: AccountId): boolean {
    return this.running.has(accountId) || this.queue.includes(accountId);
  }

  /**
   * Empties the queue and cuts the running syncs' calls short (the token is gone); resolves when
   * none is left running.
   */
  async stop(): Promise<void> {
    this.queue.length = 0;
    for (const controller of this.inFlight) controller.abort();
    void this.persist();
    await this.idle();
  }

  /** Resolves when the queue is empty and no account is syncing. */
  async idle(): Promise<void> {
    await this.loop;
  }

  /**
   * Keeps up to the pool's size of accounts reading from Meta until none is left. An account whose
   * reads are done gives its place up while it waits its turn to detect (one account detects at a
   * time): detection is the worker's own work, and another account's answers can arrive meanwhile.
   */
  private async drain(): Promise<void> {
    const poolSize = Math.max(1, this.deps.poolSize ?? SYNC_POOL_SIZE);
    const syncs = new Set<Promise<void>>();
    let reading = 0;
    for (;;) {
      while (reading < (this.tokenAccepted ? poolSize : 1) && this.queue.length > 0) {
        const accountId = this.queue.shift()!;
        reading++;
        let placeHeld = true;
        const givePlaceUp = () => {
          if (!placeHeld) return;
          placeHeld = false;
          reading--;
          this.wakeLoop?.();
        };
        const sync = this.runOne(accountId, givePlaceUp).finally(() => {
          givePlaceUp();
          syncs.delete(sync);
        });
        syncs.add(sync);
      }
      if (syncs.size === 0) return;
      // A place given up or a finished sync frees a place; a new request may fill one that is free.
      await Promise.race([
        ...syncs,
        new Promise<void>((resolve) => {
          this.wakeLoop = resolve;
        }),
      ]);
      this.wakeLoop = undefined;
    }
  }

  private async runOne(accountId: AccountId, onReadsDone: () => void): Promise<void> {
    this.running.add(accountId);
    let state: SyncState;
    try {
      await this.persist();
      await this.deps.wakeAt(this.deps.now() + WATCHDOG_MS);
      state = await this.syncOne(accountId, onReadsDone);
    } finally {
      this.running.delete(accountId);
    }
    await this.persist();
    const problem = state.lastError;
    if (problem?.kind === 'rate-limited' && problem.until !== null) {
      await this.deps.wakeAt(problem.until);
    }
    if (problem && stopsAllAccounts(problem)) {
      this.queue.length = 0;
      this.tokenAccepted = false;
    }
  }

  /** A successful call opens the whole pool. */
  private noteCall(call: GraphCall): void {
    if (this.tokenAccepted || call.status < 200 || call.status >= 300) return;
    this.tokenAccepted = true;
    this.wakeLoop?.();
  }

  private async syncOne(accountId: AccountId, onReadsDone: () => void): Promise<SyncState> {
    const settings = await this.deps.readSettings();
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      return await this.deps.withToken(async (token) => {
        const calls: ApiCallRecord[] = [];
        const graph = this.deps.createGraph(
          token,
          (call) => {
            calls.push(apiCallRecord(call));
            this.noteCall(call);
          },
          controller.signal,
        );
        const outcome = await syncAccount(
          {
            graph,
            settings,
            now: this.deps.now,
            takeCalls: () => calls.splice(0),
            onReadsDone,
            stillConnected: async () => (await this.deps.currentToken()) === token,
            ...this.deps.runner,
          },
          accountId,
        );
        // Let the token's keeper see a rejection, so the connection shows it needs a reconnect.
        if (outcome.error instanceof GraphError && outcome.error.kind === 'auth')
          throw outcome.error;
        return outcome.state;
      });
    } catch (error) {
      const state = await readSyncState(accountId);
      // Disconnected meanwhile (the cache is wiped): nothing to record.
      if (!(await getAccount(accountId))) return state;
      const failed: SyncState = {
        ...state,
        lastError: nextFailure(syncProblemOf(error, this.deps.now()), state.lastError),
        partial: state.partial || state.run !== null,
      };
      await writeSyncState(failed);
      return failed;
    } finally {
      this.inFlight.delete(controller);
    }
  }
}

/** The accounts of the connection that the user has not turned off. */
export async function enabledAccounts(settings: SyncSettings): Promise<AccountId[]> {
  const accounts = await listAccounts();
  return accounts
    .map((account) => account.accountId)
    .filter((accountId) => !settings.disabledAccounts.includes(accountId));
}

/**
 * The accounts with the most stored rows first: the longest syncs start first, so the pool does
 * not end waiting on one large account started last. Unsynced accounts keep their order.
 */
export async function largestFirst(accountIds: readonly AccountId[]): Promise<AccountId[]> {
  const rows = new Map((await listSyncStates()).map((state) => [state.accountId, state.rows]));
  return [...accountIds].sort((a, b) => (rows.get(b) ?? 0) - (rows.get(a) ?? 0));
}

/**
 * Accounts to carry on with: a run was interrupted (the worker stopped) or failed for a reason
 * that passes (Meta unavailable, a rate limit) once its wait is over. Waits still running are
 * woken up for later; a rejected token or a missing permission waits for the user.
 */
export async function accountsToResume(
  deps: Pick<SchedulerDeps, 'now' | 'wakeAt'>,
  enabled: readonly AccountId[],
): Promise<AccountId[]> {
  const due: AccountId[] = [];
  for (const state of await listSyncStates()) {
    if (!enabled.includes(state.accountId)) continue;
    const problem = state.lastError;
    const passes = problem?.kind === 'unavailable' || problem?.kind === 'rate-limited';
    // Meta's rate limit, or the back-off after a failure: woken up for then, not retried now.
    if (problem && passes && retryAt(problem) > deps.now()) {
      await deps.wakeAt(retryAt(problem));
      continue;
    }
    const passing =
      problem === null || problem.kind === 'unavailable' || problem.kind === 'rate-limited';
    if (passing && (state.run !== null || problem !== null)) due.push(state.accountId);
  }
  // Asked for but stopped before a first checkpoint, or still waiting in the queue.
  for (const accountId of await readSyncQueue()) {
    if (enabled.includes(accountId) && !due.includes(accountId)) due.push(accountId);
  }
  return due;
}

/** The days of insights a run reads: from its first unit's first day to its last day. */
function daysRead(units: readonly SyncUnit[]): number {
  if (units.length === 0) return 0;
  const first = Math.min(...units.map((unit) => epochDayOf(unit.since)));
  const last = Math.max(...units.map((unit) => epochDayOf(unit.until)));
  return last - first + 1;
}

/** What the options page, the popup and the overlay see of an account's sync. */
export function summarize(
  state: SyncState,
  syncing: boolean,
  nextScheduled: number | null,
): AccountSyncSummary {
  const problem = state.lastError;
  const run = state.run;
  return {
    accountId: state.accountId,
    state: syncing ? 'syncing' : problem ? 'problem' : state.lastSyncAt ? 'synced' : 'never',
    lastSyncAt: state.lastSyncAt,
    nextRunAt:
      problem?.kind === 'rate-limited' && problem.until !== null ? problem.until : nextScheduled,
    rows: state.rows,
    progress: run
      ? {
          done: 1 + run.units.filter((unit) => unit.done).length,
          total: 1 + run.units.length,
          days: daysRead(run.units),
        }
      : null,
    problem: problem
      ? { kind: problem.kind, message: problem.message, until: problem.until }
      : null,
    partial: state.partial,
  };
}
