/**
 * The evidence a detector asks for before it speaks, and how sure a finding is, on one scale for
 * every kind: 0.5 at the alarm threshold, towards 1 as the evidence grows.
 */

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
 * The range the panel draws around an expectation: two standard deviations either side, floored at
 * zero since no count or price goes below it.
 */
export function twoSdBand(expected: number, sd: number): { lower: number; upper: number } {
  return { lower: Math.max(0, expected - 2 * sd), upper: expected + 2 * sd };
}
