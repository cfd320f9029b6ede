import { cpaShift, roasShift } from './conversion-shifts';
import { cpmSurge } from './cpm-surge';
import { creativeFatigue } from './creative-fatigue';
import { deliveryStop } from './delivery-stop';
import { overspend, spendSpike } from './spend';
import { trackingBreak } from './tracking-break';
import { underDelivery } from './under-delivery';

/**
 * Every kind of finding the engine raises, one line each, from the most fundamental cause to the
 * most derived effect: the engine runs them in this order, and root-cause grouping settles a
 * circle of explanations in favour of the earlier kind. A new kind is its detector file (its
 * definition beside its detector), its line here, and its sentences in the catalogues.
 */
export const DETECTORS = [
  deliveryStop,
  trackingBreak,
  spendSpike,
  overspend,
  underDelivery,
  creativeFatigue,
  cpmSurge,
  cpaShift,
  roasShift,
] as const;

type KindsOf<Definitions extends readonly { readonly kind: string }[]> = {
  readonly [Index in keyof Definitions]: Definitions[Index]['kind'];
};

function kindsOf<Definitions extends readonly { readonly kind: string }[]>(
  definitions: Definitions,
): KindsOf<Definitions> {
  // A mapped tuple type: `map` keeps length and order, which TypeScript cannot see.
  return definitions.map((definition) => definition.kind) as KindsOf<Definitions>;
}

/** The kinds of finding, in {@link DETECTORS}' order; the cache and the messages validate against it. */
export const FINDING_KINDS = kindsOf(DETECTORS);
export type FindingKind = (typeof FINDING_KINDS)[number];
