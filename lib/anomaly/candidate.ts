import type { AccountView, EntityView } from './account-view';
import type { Evidence } from './evidence';
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
