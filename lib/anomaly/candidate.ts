import type { EntityView } from './account-view';
import type { FindingKind, Metric, Severity } from './types';

/** A finding before root-cause grouping, still tied to its entity in the tree. */
export interface Candidate {
  readonly kind: FindingKind;
  readonly entity: EntityView;
  readonly metric: Metric;
  readonly severity: Severity;
  readonly direction: 'up' | 'down';
  /** First and last affected day indices. */
  readonly from: number;
  readonly to: number;
  readonly actual: number;
  readonly expected: number;
  readonly lower: number;
  readonly upper: number;
  readonly score: number;
  readonly summary: string;
  readonly nextStep: string;
  /** Money at stake per day (minor units), to rank findings of equal severity. */
  readonly stake: number;
  /** Conversions missing against expectation, for findings about conversion counts. */
  readonly shortfall?: number;
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
