import * as z from 'zod/mini';
import { boundedString } from './bounded';
import { IsoDateSchema } from './insights';

/**
 * A finding's sentence or next step as the engine leaves it: a catalogue key and typed arguments,
 * never words. The cache, the background's answers and the overlay carry this language-neutral
 * form; each surface renders it in its reader's language at display time (lib/util/finding-text),
 * so a German buyer reads "Kosten pro Kauf" where an English one reads "CPA" from the same record.
 */

/** Every message a finding may be told in: the catalogues have each in every language. */
export const FINDING_MESSAGE_KEYS = [
  'findingTrackingNone',
  'findingTrackingFew',
  'findingTrackingBreakRecovered',
  'findingTrackingBreakRecoveredAccount',
  'findingTrackingBreakOngoing',
  'findingTrackingBreakOngoingAccount',
  'findingTrackingBreakRecoveredNext',
  'findingTrackingBreakOngoingNext',
  'findingDeliveryStopAccount',
  'findingDeliveryStop',
  'findingDeliveryStopBudgetElsewhere',
  'findingDeliveryStopAccountNext',
  'findingDeliveryStopAdElsewhereNext',
  'findingDeliveryStopAdNext',
  'findingDeliveryStopSiblingsNext',
  'findingDeliveryStopNext',
  'findingSpendSpikeBudget',
  'findingSpendSpike',
  'findingSpendSpikeBudgetNext',
  'findingSpendSpikeNext',
  'findingOverspend',
  'findingOverspendSoFar',
  'findingOverspendNext',
  'findingUnderDelivery',
  'findingUnderDeliveryNext',
  'findingCpmSurge',
  'findingCpmSurgeBroad',
  'findingCpaFollowed',
  'findingCpmSurgeNext',
  'findingCpmSurgeBroadNext',
  'findingCreativeFatigue',
  'findingCreativeFatigueAdNext',
  'findingCreativeFatigueAdsetNext',
  'findingCreativeFatigueCampaignNext',
  'findingCreativeWearOut',
  'findingCreativeWearOutNext',
  'findingAudienceSaturation',
  'findingAudienceSaturationNext',
  'findingCpaRose',
  'findingCpaImproved',
  'findingCpaNoConversions',
  'findingCpaWorseNext',
  'findingCpaBetterNext',
  'findingRoasValueLost',
  'findingRoasFell',
  'findingRoasRose',
  'findingRoasValueLostNext',
  'findingRoasWorseNext',
  'findingRoasBetterNext',
] as const;
export type FindingMessageKey = (typeof FINDING_MESSAGE_KEYS)[number];

const finite = z.number().check(z.refine(Number.isFinite));

/**
 * One placeholder's value and how it reads: `money` in the currency's minor units (Meta's offsets),
 * `count` a whole number, `plural` a count a plural form is chosen by (shown as its `#`),
 * `percent` a share (0.012 = 1.2 %), `change` a share said in whole percent, `decimal` a ratio
 * with one decimal (ROAS, frequency), `date` an account day.
 */
export const FindingValueSchema = z.union([
  z.strictObject({ type: z.literal('money'), value: finite, currency: boundedString(8) }),
  z.strictObject({
    type: z.enum(['count', 'plural', 'percent', 'change', 'decimal']),
    value: finite,
  }),
  z.strictObject({ type: z.literal('date'), value: IsoDateSchema }),
]);
export type FindingValue = z.infer<typeof FindingValueSchema>;

const MAX_ARGS = 9;

/** A part of a sentence that is itself a message ("; CPA followed, …"), or nothing. */
export const FindingClauseSchema = z.strictObject({
  type: z.literal('clause'),
  message: z.nullable(
    z.strictObject({
      key: z.enum(FINDING_MESSAGE_KEYS),
      args: z.array(FindingValueSchema).check(z.maxLength(MAX_ARGS)),
    }),
  ),
});

export const FindingArgSchema = z.union([FindingValueSchema, FindingClauseSchema]);
export type FindingArg = z.infer<typeof FindingArgSchema>;

export const FindingMessageSchema = z.strictObject({
  key: z.enum(FINDING_MESSAGE_KEYS),
  args: z.array(FindingArgSchema).check(z.maxLength(MAX_ARGS)),
});
export type FindingMessage = z.infer<typeof FindingMessageSchema>;
