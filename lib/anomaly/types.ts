import type { FindingMessage } from '@/lib/schema/finding-message';
import type { FindingKind } from './detectors';
import {
  SEVERITIES,
  type EffectiveStatus,
  type EntityLevel,
  type Metric as VocabularyMetric,
  type Severity,
  type SubjectLevel,
} from '@/lib/schema/vocabulary';

/**
 * The anomaly engine's contract: what the sync engine hands in (one ad account's entity tree and
 * daily series) and what the overlay gets back (findings, one per root cause).
 *
 * Everything here is plain data so the engine stays pure: no dates with time zones (the adapter
 * converts Graph timestamps into the account's calendar days), no money as floats (minor units).
 */

/** A calendar day `YYYY-MM-DD` in the ad account's time zone (Meta's reporting days). */
export type IsoDate = string;

export type FindingLevel = SubjectLevel;
export type { EffectiveStatus, EntityLevel };

/** A budget in effect from a day on (inclusive) until the next change. Minor units. */
export interface BudgetChange {
  readonly from: IsoDate;
  readonly dailyBudgetMinor?: number;
  readonly lifetimeBudgetMinor?: number;
}

/**
 * One campaign, ad set or ad.
 *
 * The budget sits on the entity that owns it: a campaign with a budget is a campaign-budget (CBO,
 * Advantage+ campaign budget) campaign and its ad sets carry none; otherwise each ad set carries
 * its own. Spend is judged only where the budget is owned, because under CBO one ad set's spend
 * halving while a sibling's doubles is the system working.
 */
export interface EntityNode {
  readonly id: string;
  readonly level: EntityLevel;
  /** Required for ad sets and ads. */
  readonly campaignId?: string;
  /** Required for ads. */
  readonly adsetId?: string;
  readonly effectiveStatus: EffectiveStatus;
  /** Current daily budget in minor units (USD cents, JPY yen); absent when another level owns it. */
  readonly dailyBudgetMinor?: number;
  /** Current lifetime budget in minor units; absent when another level owns it. */
  readonly lifetimeBudgetMinor?: number;
  /**
   * Known budget changes, if the sync engine has them (from the activity log). Without them the
   * current budget is assumed throughout, and the detectors only alarm on spend that also breaks
   * with the entity's own history, so a budget cut cannot read as overspend.
   */
  readonly budgetHistory?: readonly BudgetChange[];
  /** First day it may deliver (Graph `start_time` or `created_time`, in account days). */
  readonly startDate?: IsoDate;
  /** Last day it may deliver (Graph `end_time`/`stop_time`), when set. */
  readonly endDate?: IsoDate;
  /**
   * Ad sets only: Graph `learning_stage_info.status`. While learning, metrics are volatile, so
   * findings on rates are capped at `info`.
   */
  readonly learningStage?: 'LEARNING' | 'SUCCESS' | 'FAIL';
  /**
   * Ad sets only: delivers on a schedule (dayparting with a lifetime budget), so days without
   * delivery are part of the plan.
   */
  readonly hasSchedule?: boolean;
}

/** One entity's delivery on one complete day, as the Insights API reports it at that level. */
export interface DailyRow {
  readonly date: IsoDate;
  readonly spendMinor: number;
  readonly impressions: number;
  /** People reached that day; impressions / reach is the day's frequency. */
  readonly reach: number;
  readonly clicks: number;
  readonly linkClicks: number;
  /** The account's optimisation event (e.g. purchases), under one attribution setting. */
  readonly conversions: number;
  readonly conversionValueMinor: number;
}

export interface AccountInput {
  readonly accountId: string;
  /** ISO 4217 code; sets the minor unit (JPY has none) and the money format in sentences. */
  readonly currency: string;
  /** Graph `account_status`: 1 active (default), 9 in grace period; anything else cannot deliver. */
  readonly accountStatus?: number;
  readonly entities: readonly EntityNode[];
  /** Daily rows by entity id. A missing day means no delivery, as the API sends no row for it. */
  readonly daily: ReadonlyMap<string, readonly DailyRow[]>;
  /** Account-level rows; when absent they are summed from the campaigns. */
  readonly accountDaily?: readonly DailyRow[];
}

export interface DetectOptions {
  /**
   * The last complete day (yesterday in the account's time zone). Later rows, such as today's
   * partial day, are ignored so that a day in progress can never look like a drop.
   */
  readonly asOf: IsoDate;
  /**
   * Share of a day's final conversions already reported, by age in days (index 0 = `asOf`).
   * Conversions are restated for days (late pixel and CAPI events, attribution windows), so the
   * freshest days are expected to be short. Defaults to {@link DEFAULT_CONVERSION_COMPLETENESS}.
   */
  readonly conversionCompleteness?: readonly number[];
  /**
   * The findings of the previous run, as returned (with their related findings). A problem already
   * shown is kept with somewhat less evidence than it took to raise it, keeps its start date and
   * id, and keeps its place as the root of its group, so it is neither re-announced nor flickering.
   */
  readonly previous?: readonly Finding[];
}

/** A typical restatement curve for 7-day-click attribution; days older than the list are final. */
export const DEFAULT_CONVERSION_COMPLETENESS: readonly number[] = [0.85, 0.93, 0.97, 0.99];

export { SEVERITIES, type FindingKind, type Severity };

/** The metrics a finding can be about. */
export const METRICS = [
  'spend',
  'impressions',
  'cpm',
  'ctr',
  'cpc',
  'conversions',
  'cpa',
  'roas',
  'frequency',
] as const satisfies readonly VocabularyMetric[];
export type Metric = (typeof METRICS)[number];

export interface Finding {
  /**
   * `kind:entityId:startDate`. The start is re-estimated as data arrives and may move by a day, so
   * a store that keeps findings across runs should match on kind and entity with overlapping dates.
   */
  readonly id: string;
  readonly kind: FindingKind;
  readonly entityId: string;
  readonly level: FindingLevel;
  readonly metric: Metric;
  readonly severity: Severity;
  readonly direction: 'up' | 'down';
  /** First affected day. */
  readonly startDate: IsoDate;
  /** Last day that still showed it; equal to `asOf` while it goes on. */
  readonly latestDate: IsoDate;
  /**
   * Meta's number for the affected days, in the metric's unit (METRIC_UNITS in
   * lib/schema/vocabulary; money in minor units, CPM per thousand impressions): a rate over the
   * days for rates (CPM, CTR, CPA, ROAS), the total for conversions, and for spend a day's spend
   * (average per affected day; the peak day for a spike) except for overspend, which compares the
   * week's total with its ceiling (then `upper`).
   */
  readonly actual: number;
  /** What the entity's own history (and its budget) predicts for the same. */
  readonly expected: number;
  /** The range the actual value would fall in about 95 % of the time without a problem. */
  readonly lower: number;
  readonly upper: number;
  /** Strength of the evidence, 0..1 (0.5 = just past the alarm threshold). */
  readonly score: number;
  /** One plain sentence with the numbers, as a catalogue key and values (rendered per reader). */
  readonly summary: FindingMessage;
  /** A concrete next step, the same way. */
  readonly nextStep: FindingMessage;
  /** Findings explained by this one (children of the same cause, consequences on this entity). */
  readonly related: readonly Finding[];
}
