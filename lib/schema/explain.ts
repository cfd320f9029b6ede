import * as z from 'zod/mini';
import { AccountIdSchema } from './account';
import { boundedString } from './bounded';
import { FindingValueSchema } from './finding-message';
import { GraphIdSchema } from './graph';
import { InsightSubjectLevelSchema } from './insight';
import { IsoDateSchema } from './insights';

/**
 * `findings.explain`: which segments (placement, device, age, gender, region) explain a finding's
 * move, or the move of a KPI over the page's range against the period before. Read from Meta on
 * request only, kept with the finding. Numbers only and Meta's segment names: nothing secret.
 */

/** The breakdowns Explain reads, as the Graph API names them (lib/explain/dimensions groups them). */
export const DIMENSIONS = [
  'publisher_platform',
  'platform_position',
  'device_platform',
  'age',
  'gender',
  'region',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Finding metrics Explain decomposes (lib/explain/measures says how). */
export const EXPLAIN_METRICS = [
  'spend',
  'impressions',
  'conversions',
  'cpm',
  'ctr',
  'cpc',
  'cpa',
  'roas',
] as const;
export type ExplainMetric = (typeof EXPLAIN_METRICS)[number];

export const ExplainMetricSchema = z.enum(EXPLAIN_METRICS);

/** The whole an explanation's segments are part of, as its sentence names it. */
export const EXPLAIN_SUBJECTS = ['account', 'campaign', 'adset', 'ad', 'selection'] as const;
export type ExplainSubject = (typeof EXPLAIN_SUBJECTS)[number];

/**
 * Every message an explanation is told in (lib/explain/words builds them): whole sentences, their
 * clauses, the segments' names Meta's Breakdown menu uses, the chart's measure and its note. Like a
 * finding's, an explanation is kept and sent as a key with typed values, never as words, and each
 * surface renders it in its reader's language (lib/util/finding-text).
 */
export const EXPLAIN_MESSAGE_KEYS = [
  'explainNoDelivery',
  'explainNothingStandsOut',
  'explainNamedRise',
  'explainNamedFall',
  'explainAlsoNamed',
  'explainHeadUp',
  'explainHeadDown',
  'explainHeadUnchanged',
  'explainHeadFromNothing',
  'explainHeadNoPurchasesSince',
  'explainLookAtAccount',
  'explainLookAtCampaign',
  'explainLookAtAdset',
  'explainLookAtAd',
  'explainLookAtSelection',
  'explainRelativeAccount',
  'explainRelativeCampaign',
  'explainRelativeAdset',
  'explainRelativeAd',
  'explainRelativeSelection',
  'explainWithNoPurchases',
  'explainShareAndRelative',
  'explainOwnUp',
  'explainOwnDown',
  'explainOwnChanged',
  'explainShareMovedSpend',
  'explainShareMovedImpressions',
  'explainShareMovedLinkClicks',
  'explainShareMovedPurchases',
  'explainPartOfSpend',
  'explainPartOfImpressions',
  'explainPartOfLinkClicks',
  'explainPartOfPurchases',
  'explainMeasureSpend',
  'explainMeasureImpressions',
  'explainMeasureLinkClicks',
  'explainMeasurePurchases',
  'explainNote',
  'explainMetricSpend',
  'explainMetricImpressions',
  'explainMetricConversions',
  'explainMetricCpm',
  'explainMetricCtr',
  'explainMetricCpc',
  'explainMetricCpa',
  'explainMetricRoas',
  'explainSegmentFacebook',
  'explainSegmentInstagram',
  'explainSegmentAudienceNetwork',
  'explainSegmentMessenger',
  'explainSegmentThreads',
  'explainSegmentFacebookFeed',
  'explainSegmentFacebookReels',
  'explainSegmentFacebookStories',
  'explainSegmentFacebookMarketplace',
  'explainSegmentFacebookVideoFeeds',
  'explainSegmentFacebookRightColumn',
  'explainSegmentFacebookSearch',
  'explainSegmentInstagramFeed',
  'explainSegmentInstagramReels',
  'explainSegmentInstagramStories',
  'explainSegmentInstagramExplore',
  'explainSegmentAudienceNetworkRewardedVideo',
  'explainSegmentMessengerInbox',
  'explainSegmentMessengerStories',
  'explainSegmentMobileApp',
  'explainSegmentMobileWeb',
  'explainSegmentDesktop',
  'explainSegmentWomen',
  'explainSegmentMen',
  'explainSegmentUnknownGender',
  'explainSegmentAges',
  'explainSegmentPlatformPosition',
  'explainSegmentAsSent',
] as const;
export type ExplainMessageKey = (typeof EXPLAIN_MESSAGE_KEYS)[number];

/** Meta's own words where the catalogue has none (a region, an age range): shown as text. */
const TextValueSchema = z.strictObject({ type: z.literal('text'), value: boundedString(200) });
const MAX_ARGS = 5;
/** Sentences nest clauses this deep at most (two sentences, a segment's clause, its ratio, a name). */
const MAX_DEPTH = 5;

type MessageSchema = z.ZodMiniType<ExplainMessage>;
export interface ExplainMessage {
  readonly key: ExplainMessageKey;
  readonly args: readonly ExplainArg[];
}
export type ExplainArg =
  | z.infer<typeof FindingValueSchema>
  | z.infer<typeof TextValueSchema>
  | { readonly type: 'clause'; readonly message: ExplainMessage };

/** Bounded in depth as in breadth: a hostile snapshot cannot nest its way into a deep recursion. */
function messageSchema(depth: number): MessageSchema {
  const values = [FindingValueSchema, TextValueSchema] as const;
  const arg =
    depth > 1
      ? z.union([
          ...values,
          z.strictObject({ type: z.literal('clause'), message: messageSchema(depth - 1) }),
        ])
      : z.union(values);
  return z.strictObject({
    key: z.enum(EXPLAIN_MESSAGE_KEYS),
    args: z.array(arg).check(z.maxLength(MAX_ARGS)),
  });
}

export const ExplainMessageSchema = messageSchema(MAX_DEPTH);
export const DimensionSchema = z.enum(DIMENSIONS);

export const ExplainRequestSchema = z.union([
  z.strictObject({ accountId: AccountIdSchema, findingId: boundedString(200) }),
  z.strictObject({
    accountId: AccountIdSchema,
    level: InsightSubjectLevelSchema,
    entityId: z.nullable(GraphIdSchema),
    metric: ExplainMetricSchema,
    since: IsoDateSchema,
    until: IsoDateSchema,
  }),
]);
export type ExplainRequest = z.infer<typeof ExplainRequestSchema>;

const PeriodSchema = z.strictObject({ since: IsoDateSchema, until: IsoDateSchema });
/** A ratio with no denominator (CPA without purchases) is null, as JSON has no infinity. */
const FiniteOrNull = z.nullable(z.number());

export const MAX_EXPLAINED_SEGMENTS = 5;

export const ExplainedSegmentSchema = z.strictObject({
  dimension: DimensionSchema,
  value: boundedString(200),
  label: ExplainMessageSchema,
  /** Part of the change it explains, and its mix and rate parts (fractions of the change). */
  share: z.number(),
  mix: z.number(),
  rate: z.number(),
  /** Share of the weighting volume (impressions for CPM, spend for CPA and ROAS) before and after. */
  weightBefore: z.number(),
  weightAfter: z.number(),
  valueBefore: FiniteOrNull,
  valueAfter: FiniteOrNull,
  /** Named as part of the explanation, not just drawn. */
  named: z.boolean(),
});
export type ExplainedSegment = z.infer<typeof ExplainedSegmentSchema>;

export const ExplanationSchema = z.strictObject({
  metric: ExplainMetricSchema,
  baseline: PeriodSchema,
  affected: PeriodSchema,
  before: FiniteOrNull,
  after: FiniteOrNull,
  sentence: ExplainMessageSchema,
  /** The breakdown that explains it; null when nothing stands out. */
  dimension: z.nullable(DimensionSchema),
  segments: z.array(ExplainedSegmentSchema).check(z.maxLength(MAX_EXPLAINED_SEGMENTS)),
  /** Graph requests this explanation cost. */
  requests: z.int(),
  fetchedAt: z.number(),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

/** What the panel shows: the sentence, the chart's bars (shares and ratios before and after), a note. */
export const ExplainResponseSchema = z.strictObject({
  metric: ExplainMetricSchema,
  sentence: ExplainMessageSchema,
  measure: ExplainMessageSchema,
  note: ExplainMessageSchema,
  bars: z
    .array(
      z.strictObject({
        label: ExplainMessageSchema,
        before: z.number(),
        after: z.number(),
        named: z.boolean(),
        /** The segment's own ratio (CPM, CTR, CPC, CPA, ROAS) before and after; null for a sum. */
        valueBefore: FiniteOrNull,
        valueAfter: FiniteOrNull,
      }),
    )
    .check(z.maxLength(MAX_EXPLAINED_SEGMENTS)),
});
export type ExplainView = z.infer<typeof ExplainResponseSchema>;
