import { backoffDelay, type BackoffPolicy, type GraphTiming } from './timing';
import type { UsageReading } from './usage';

/**
 * Per-account pacing shared by every caller (meta-graph-api.md Client checklist 4 and 5). Usage
 * headers slow calls down from about 75 % and pause them from about 95 %; a throttle error pauses
 * for as long as Meta says, or exponentially from a minute when it says nothing. The state lives in
 * a store the background puts in `storage.session`, so other callers and a restarted worker see
 * the same pause.
 */
export interface ThrottleRecord {
  /** No call before this time (ms since the epoch); 0 when not paused. */
  readonly pausedUntil: number;
  /** Latest utilisation seen, and when. */
  readonly percent: number;
  readonly observedAt: number;
  /** Throttle errors in a row, for the exponential fallback. */
  readonly strikes: number;
}

export interface ThrottleStore {
  get(key: string): Promise<ThrottleRecord | undefined>;
  set(key: string, record: ThrottleRecord): Promise<void>;
}

export interface ThrottlePolicy {
  readonly slowFromPercent: number;
  readonly pauseFromPercent: number;
  /** Wait per call at `slowFromPercent`, growing linearly to `slowMaxMs` at `pauseFromPercent`. */
  readonly slowMinMs: number;
  readonly slowMaxMs: number;
  /** A reading older than this no longer slows anything down. */
  readonly readingTtlMs: number;
  /** Pause when usage is high but Meta gives no time, and the longest pause we take. */
  readonly defaultPauseMs: number;
  readonly maxPauseMs: number;
  /** Throttle errors without a time: from a minute, doubling, up to the cap. */
  readonly errorBackoff: BackoffPolicy;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  slowFromPercent: 75,
  pauseFromPercent: 95,
  slowMinMs: 1_000,
  slowMaxMs: 10_000,
  readingTtlMs: 10 * 60_000,
  defaultPauseMs: 5 * 60_000,
  maxPauseMs: 15 * 60_000,
  errorBackoff: { baseMs: 2 * 60_000, capMs: 15 * 60_000 },
};

const FRESH: ThrottleRecord = { pausedUntil: 0, percent: 0, observedAt: 0, strikes: 0 };

export function memoryThrottleStore(): ThrottleStore {
  const records = new Map<string, ThrottleRecord>();
  return {
    get: (key) => Promise.resolve(records.get(key)),
    set(key, record) {
      records.set(key, record);
      return Promise.resolve();
    },
  };
}

export class ThrottleGate {
  constructor(
    private readonly store: ThrottleStore,
    private readonly timing: GraphTiming,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  ) {}

  /** How long to wait before the next call for `key`. */
  async delayFor(key: string): Promise<number> {
    const record = (await this.store.get(key)) ?? FRESH;
    const now = this.timing.now();
    if (record.pausedUntil > now) return record.pausedUntil - now;
    const { slowFromPercent, pauseFromPercent, slowMinMs, slowMaxMs, readingTtlMs } = this.policy;
    if (now - record.observedAt > readingTtlMs || record.percent < slowFromPercent) return 0;
    const share = Math.min(
      1,
      (record.percent - slowFromPercent) / (pauseFromPercent - slowFromPercent),
    );
    return Math.round(slowMinMs + share * (slowMaxMs - slowMinMs));
  }

  /** Every response: remember the reading, and pause when usage is nearly exhausted. */
  async observe(key: string, usage: UsageReading | undefined, ok: boolean): Promise<void> {
    if (!usage && !ok) return;
    const record = (await this.store.get(key)) ?? FRESH;
    const now = this.timing.now();
    const percent = usage?.percent ?? record.percent;
    const pause = usage && usage.percent >= this.policy.pauseFromPercent ? this.pauseFor(usage) : 0;
    await this.store.set(key, {
      pausedUntil: Math.max(record.pausedUntil, pause > 0 ? now + pause : 0),
      percent,
      observedAt: usage ? now : record.observedAt,
      strikes: ok ? 0 : record.strikes,
    });
  }

  /** A throttle error: pause as Meta says, or back off exponentially; returns the pause's end. */
  async throttled(key: string, usage: UsageReading | undefined): Promise<number> {
    const record = (await this.store.get(key)) ?? FRESH;
    const now = this.timing.now();
    const told = usage
      ? Math.max(usage.regainMs, Math.min(usage.resetMs, this.policy.maxPauseMs))
      : 0;
    const pause =
      told > 0
        ? told
        : backoffDelay(record.strikes, this.policy.errorBackoff, () => this.timing.random());
    const pausedUntil = Math.max(record.pausedUntil, now + pause);
    await this.store.set(key, {
      pausedUntil,
      percent: usage?.percent ?? record.percent,
      observedAt: now,
      strikes: record.strikes + 1,
    });
    return pausedUntil;
  }

  private pauseFor(usage: UsageReading): number {
    if (usage.regainMs > 0) return usage.regainMs;
    if (usage.resetMs > 0) return Math.min(usage.resetMs, this.policy.maxPauseMs);
    return this.policy.defaultPauseMs;
  }
}
