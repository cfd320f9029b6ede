import { getAccount, listAccounts } from '@/lib/cache/accounts';
import type { ApiCallRecord } from '@/lib/cache/api-log';
import { readSyncQueue, saveSyncQueue } from '@/lib/cache/sync-queue';
import {
  listSyncStates,
  readSyncState,
  writeSyncState,
  type SyncState,
} from '@/lib/cache/sync-state';
import type { GraphCall, GraphClient } from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/errors';
import type { AccountId } from '@/lib/schema/account';
import type { AccountSyncSummary, SyncSettings } from '@/lib/schema/sync';
import { syncProblemOf, stopsAllAccounts } from './problems';
import { syncAccount, type SyncDeps } from './runner';

/**
 * One sync at a time, account after account, in the worker. Requests (Sync now, the alarm, a stale
 * account opened in Ads Manager, a restarted worker resuming) join a queue; an account already
 * queued or syncing is not queued twice. A rejected token stops the queue: every account needs the
 * reconnect. A rate limit wakes the worker when it ends.
 */
export interface SchedulerDeps {
  /** Runs `use` with the connected token, re-read from the vault; throws when there is none. */
  readonly withToken: <T>(use: (token: string) => Promise<T>) => Promise<T>;
  /** The token the vault holds now, or null: a run stops when it is no longer its own. */
  readonly currentToken: () => Promise<string | null>;
  readonly createGraph: (token: string, onCall: (call: GraphCall) => void) => GraphClient;
  readonly readSettings: () => Promise<SyncSettings>;
  readonly now: () => number;
  /** Wakes the worker at a time, to carry on (alarms). */
  readonly wakeAt: (at: number) => Promise<void>;
  /** Options of the runner that tests and the benchmark tune. */
  readonly runner?: Partial<
    Pick<SyncDeps, 'pageSize' | 'objectPageSize' | 'unitPolicy' | 'reportRuns'>
  >;
}

/** A worker stopped mid-sync is woken this long after the last sign of life. */
export const WATCHDOG_MS = 60_000;

export function apiCallRecord(call: GraphCall): ApiCallRecord {
  return {
    method: call.method,
    path: call.path,
    status: call.status,
    errorCode: call.errorCode,
    versionDeprecated: call.versionDeprecated,
    time: call.startedAt,
    durationMs: call.durationMs,
  };
}

export class SyncScheduler {
  private readonly queue: AccountId[] = [];
  private current: AccountId | undefined;
  private loop: Promise<void> | undefined;
  private saved: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SchedulerDeps) {}

  /** Queues the accounts; returns those now queued or syncing. */
  request(accountIds: readonly AccountId[]): AccountId[] {
    for (const accountId of accountIds) {
      if (accountId !== this.current && !this.queue.includes(accountId)) this.queue.push(accountId);
    }
    void this.persist();
    this.loop ??= this.drain().finally(() => {
      this.loop = undefined;
    });
    return accountIds.filter((accountId) => this.isSyncing(accountId));
  }

  /** Stores the queue, the running account first; writes happen in order. */
  private persist(): Promise<void> {
    const accounts = this.current ? [this.current, ...this.queue] : [...this.queue];
    this.saved = this.saved.then(() => saveSyncQueue(accounts)).catch(() => undefined);
    return this.saved;
  }

  isSyncing(accountId: AccountId): boolean {
    return this.current === accountId || this.queue.includes(accountId);
  }

  /** Resolves when the queue is empty. */
  async idle(): Promise<void> {
    await this.loop;
  }

  private async drain(): Promise<void> {
    for (let accountId = this.queue.shift(); accountId; accountId = this.queue.shift()) {
      this.current = accountId;
      await this.persist();
      await this.deps.wakeAt(this.deps.now() + WATCHDOG_MS);
      const state = await this.syncOne(accountId);
      this.current = undefined;
      await this.persist();
      const problem = state.lastError;
      if (problem?.kind === 'rate-limited' && problem.until !== null) {
        await this.deps.wakeAt(problem.until);
      }
      if (problem && stopsAllAccounts(problem)) this.queue.length = 0;
    }
  }

  private async syncOne(accountId: AccountId): Promise<SyncState> {
    const settings = await this.deps.readSettings();
    try {
      return await this.deps.withToken(async (token) => {
        const calls: ApiCallRecord[] = [];
        const graph = this.deps.createGraph(token, (call) => calls.push(apiCallRecord(call)));
        const outcome = await syncAccount(
          {
            graph,
            settings,
            now: this.deps.now,
            takeCalls: () => calls.splice(0),
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
        lastError: syncProblemOf(error, this.deps.now()),
        partial: state.partial || state.run !== null,
      };
      await writeSyncState(failed);
      return failed;
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
 * Accounts to carry on with: a run was interrupted (the worker stopped) or failed for a reason
 * that passes (Meta unavailable, a rate limit that is over). Rate limits still running are woken
 * up for later; a rejected token or a missing permission waits for the user.
 */
export async function accountsToResume(
  deps: Pick<SchedulerDeps, 'now' | 'wakeAt'>,
  enabled: readonly AccountId[],
): Promise<AccountId[]> {
  const due: AccountId[] = [];
  for (const state of await listSyncStates()) {
    if (!enabled.includes(state.accountId)) continue;
    const problem = state.lastError;
    if (problem?.kind === 'rate-limited' && problem.until !== null && problem.until > deps.now()) {
      await deps.wakeAt(problem.until);
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

/** Whether an account opened in Ads Manager deserves a refresh now. */
export function isStale(state: SyncState, settings: SyncSettings, now: number): boolean {
  const problem = state.lastError;
  if (problem?.kind === 'reconnect') return false;
  if (problem?.until !== null && problem?.until !== undefined && problem.until > now) return false;
  const maxAgeMs = Math.max(settings.intervalMinutes, 60) * 60_000;
  return state.lastSyncAt === null || now - state.lastSyncAt > maxAgeMs;
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
      ? { done: 1 + run.units.filter((unit) => unit.done).length, total: 1 + run.units.length }
      : null,
    problem: problem
      ? { kind: problem.kind, message: problem.message, until: problem.until }
      : null,
    partial: state.partial,
  };
}
