import * as z from 'zod/mini';
import { AccountIdSchema } from './account';
import { boundedString } from './bounded';
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
  label: boundedString(300),
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
  sentence: boundedString(1000),
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
  sentence: boundedString(1000),
  measure: boundedString(100),
  note: boundedString(300),
  bars: z
    .array(
      z.strictObject({
        label: boundedString(300),
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
