import type { FindingKind } from '@/lib/anomaly';

/**
 * The labeled evaluation world: ad accounts with campaigns (some with a campaign budget), ad sets and
 * ads, 120 days of delivery, and planted problems with known start and end. Days are indices from
 * the first simulated day.
 */

export type Level = 'campaign' | 'adset' | 'ad';

/** Days simulated per account; the last {@link EVAL_DAYS} are replayed one "as of" day at a time. */
export const DAYS = 120;
export const EVAL_DAYS = 35;
export const EVAL_FROM = DAYS - EVAL_DAYS;
/** 2025-01-05, a Sunday. */
export const FIRST_EPOCH_DAY = 20093;

export interface BudgetSegment {
  readonly fromDay: number;
  readonly dailyMinor: number;
}

/** What one ad converts its spend into, before rhythm, noise and planted effects. */
export interface AdRates {
  readonly cpmMinor: number;
  readonly ctr: number;
  readonly linkShare: number;
  readonly cvr: number;
  readonly aovMinor: number;
  readonly frequency: number;
}

export interface Effect {
  readonly kind: FindingKind;
  readonly startDay: number;
  /** Inclusive; Infinity while ongoing. */
  readonly endDay: number;
  /** Kind-specific size: a multiplier on spend, CPM, conversion rate or value. */
  readonly magnitude: number;
}

export interface WorldEntity {
  readonly id: string;
  readonly level: Level;
  readonly parent: WorldEntity | undefined;
  readonly children: WorldEntity[];
  /** Share of its parent's spend, relative to siblings. */
  readonly weight: number;
  /** Daily budget owner: its budget over time. */
  budget: BudgetSegment[] | undefined;
  /** Lifetime budget with a Monday–Friday schedule: spends this much per scheduled day. */
  lifetimePace: number | undefined;
  startDay: number;
  /** First day paused (Infinity = never); `pausedAs` is the status from then on. */
  pauseDay: number;
  pausedAs: 'PAUSED' | 'ARCHIVED' | 'DELETED';
  /** Last day it may deliver (its end date); Infinity when open-ended. */
  endDay: number;
  /** Ads only. */
  readonly rates: AdRates | undefined;
  readonly effects: Effect[];
}

export interface Rhythm {
  readonly spend: readonly number[];
  readonly cpm: readonly number[];
  readonly ctr: readonly number[];
  readonly cvr: readonly number[];
}

export interface WorldAccount {
  readonly accountId: string;
  readonly currency: string;
  /** Whether the engine is told past budgets (an activity log) or only today's budget. */
  readonly budgetHistoryKnown: boolean;
  readonly campaigns: WorldEntity[];
  /** Campaigns, ad sets and ads in tree order. */
  readonly entities: WorldEntity[];
  readonly rhythm: Rhythm;
  /** Effects planted on the whole account. */
  readonly effects: Effect[];
  readonly labels: Label[];
}

export interface Label {
  readonly kind: FindingKind;
  readonly accountId: string;
  readonly entityId: string;
  readonly level: 'account' | Level;
  readonly startDay: number;
  readonly endDay: number;
  /**
   * False when the data cannot show the problem at all: a conversion-rate fall on a campaign that
   * converts once a week. Such labels are scored, and also reported apart (see score.ts).
   */
  readonly observable?: boolean;
}

/** One ad's final delivery, by day. */
export interface Columns {
  readonly spend: Float64Array;
  readonly impressions: Float64Array;
  readonly reach: Float64Array;
  readonly clicks: Float64Array;
  readonly linkClicks: Float64Array;
  readonly conversions: Float64Array;
  readonly value: Float64Array;
}

export function emptyColumns(): Columns {
  const column = (): Float64Array => new Float64Array(DAYS);
  return {
    spend: column(),
    impressions: column(),
    reach: column(),
    clicks: column(),
    linkClicks: column(),
    conversions: column(),
    value: column(),
  };
}

export function budgetOn(segments: readonly BudgetSegment[], day: number): number {
  let daily = segments[0]?.dailyMinor ?? 0;
  for (const segment of segments) if (segment.fromDay <= day) daily = segment.dailyMinor;
  return daily;
}

export function* descendants(entity: WorldEntity): Generator<WorldEntity> {
  for (const child of entity.children) {
    yield child;
    yield* descendants(child);
  }
}

export function adsUnder(entity: WorldEntity): WorldEntity[] {
  return entity.level === 'ad' ? [entity] : entity.children.flatMap(adsUnder);
}

export function budgetOwnerOf(entity: WorldEntity): WorldEntity | undefined {
  for (let e: WorldEntity | undefined = entity; e; e = e.parent) {
    if (e.budget || e.lifetimePace !== undefined) return e;
  }
  return undefined;
}
