import type { AccountView, EntityView } from './account-view';
import type { Finding } from './types';

/** A finding before root-cause grouping, still tied to its entity in the tree. */
export interface Candidate extends Pick<
  Finding,
  | 'kind'
  | 'metric'
  | 'severity'
  | 'direction'
  | 'actual'
  | 'expected'
  | 'lower'
  | 'upper'
  | 'score'
  | 'summary'
  | 'nextStep'
> {
  readonly entity: EntityView;
  /** First and last affected day indices. */
  readonly from: number;
  readonly to: number;
  /** Money at stake per day (minor units), to rank findings of equal severity. */
  readonly stake: number;
  /** Conversions missing against expectation, for findings about conversion counts. */
  readonly shortfall?: number;
}

/**
 * How much evidence a detector asks for. Raising a finding takes the full amount; keeping one shown
 * in the last run takes less (hysteresis), so a problem that still hurts neither flickers off and
 * on as its numbers wobble around a threshold nor is announced again as new.
 */
export interface Evidence {
  /** A finding of this kind on this entity was shown in the last run. */
  readonly sustaining: boolean;
}

export const RAISE: Evidence = { sustaining: false };

/** Looks for one kind of problem on one entity. */
export type Detect = (
  entity: EntityView,
  view: AccountView,
  evidence?: Evidence,
) => Candidate | undefined;

/**
 * A kind of finding, as the engine knows it: how it is detected, and which kinds it explains when
 * both are seen at once (root-cause grouping lists those under it, ads-domain.md: one finding per
 * root cause). Each detector file declares its kinds; `detectors/index.ts` lists them.
 */
export interface DetectorDefinition<Kind extends string = string> {
  readonly kind: Kind;
  readonly detect: Detect;
  /**
   * Kinds this one causes on the same entity or below it. Plain strings: the list of kinds is made
   * from these definitions, so it cannot type them (tests/unit/anomaly/root-cause.test.ts checks
   * each names a kind).
   */
  readonly explains: readonly string[];
  /** Kinds this one causes on the entities above it as well (a tiring ad raises its ad set's CPM). */
  readonly explainsAbove?: readonly string[];
}

export function defineDetector<Kind extends string>(
  kind: Kind,
  detect: Detect,
  explained: {
    readonly explains: readonly string[];
    readonly explainsAbove?: readonly string[];
  } = {
    explains: [],
  },
): DetectorDefinition<Kind> {
  return { kind, detect, ...explained };
}

/** Share of the evidence (in z, or of the effect's distance from 1) that keeps a finding alive. */
const SUSTAIN = 0.6;

/** Standard deviations needed. */
export function needZ(z: number, evidence: Evidence): number {
  return evidence.sustaining ? z * SUSTAIN : z;
}

/** A multiplicative effect needed: 1.3 (up 30 %) or 0.65 (down 35 %), nearer 1 to sustain. */
export function needEffect(ratio: number, evidence: Evidence): number {
  return evidence.sustaining ? 1 + (ratio - 1) * SUSTAIN : ratio;
}

/** The largest chance of the data without a problem that still counts as one. */
export function needChance(chance: number, evidence: Evidence): number {
  return evidence.sustaining ? Math.sqrt(chance) : chance;
}

/** 0.5 exactly at the alarm threshold, towards 1 as the evidence grows (as in detectSeries). */
export function evidenceScore(z: number, threshold: number): number {
  const inverse = threshold / z;
  return 1 / (1 + inverse * inverse);
}

/** The same scale for a tail probability: 0.5 when `chance` equals the alarm threshold. */
export function chanceScore(chance: number, threshold: number): number {
  return evidenceScore(-Math.log(Math.max(chance, Number.MIN_VALUE)), -Math.log(threshold));
}

/**
 * Whether the days judged include learning (after launch or a significant edit), when metrics swing
 * widely: findings then need a larger effect and are said at info level, never louder.
 */
export function learningWithin(entity: EntityView, from: number, to: number): boolean {
  if (entity.learningNow) return true;
  for (let day = Math.max(0, from); day <= to; day++)
    if (entity.learningDays[day] === 1) return true;
  return false;
}
