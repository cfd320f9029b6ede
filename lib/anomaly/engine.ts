import { buildAccountView, type AccountView, type EntityView } from './account-view';
import type { Candidate } from './candidate';
import { detectCpaShift, detectRoasShift } from './detect-conversion-shifts';
import { detectCpmSurge } from './detect-cpm-surge';
import { detectCreativeFatigue } from './detect-creative-fatigue';
import { detectDeliveryStop } from './detect-delivery-stop';
import { detectOverspend, detectSpendSpike } from './detect-spend';
import { detectTrackingBreak } from './detect-tracking-break';
import { detectUnderDelivery } from './detect-under-delivery';
import { groupByRootCause } from './root-cause';
import type { AccountInput, DetectOptions, Finding } from './types';

type Detector = (entity: EntityView, view: AccountView) => Candidate | undefined;

const DETECTORS: readonly Detector[] = [
  detectTrackingBreak,
  detectDeliveryStop,
  detectSpendSpike,
  detectOverspend,
  detectUnderDelivery,
  detectCpmSurge,
  detectCreativeFatigue,
  detectCpaShift,
  detectRoasShift,
];

/**
 * What needs attention in one ad account as of its last complete day: findings sorted by severity
 * and money at stake, one per root cause, each with the findings it explains under `related`.
 * Pure and deterministic; throws a RangeError only when `asOf` is not a `YYYY-MM-DD` date.
 */
export function detectAnomalies(input: AccountInput, options: DetectOptions): Finding[] {
  const view = buildAccountView(input, options);
  const candidates: Candidate[] = [];
  for (const entity of view.entities) {
    for (const detect of DETECTORS) {
      const candidate = detect(entity, view);
      if (candidate) candidates.push(candidate);
    }
  }
  return groupByRootCause(candidates, view);
}
