import * as z from 'zod/mini';
import { AccountIdSchema } from './account';
import { boundedString } from './bounded';
import { GraphIdSchema } from './graph';
import { FindingMessageSchema } from './finding-message';
import { IsoDateSchema } from './insights';
import { FindingSeveritySchema } from './row-findings';
import { SYNC_PROBLEMS } from './sync';
import { SUBJECT_LEVELS, type Metric } from './vocabulary';

/**
 * `insight.get`: what the insight panel in Ads Manager shows of one campaign, ad set or ad, or of
 * the account: KPIs for the page's range and the period before it, daily trends with their
 * expected band, findings, recent changes and how fresh the cache is. Computed in the background
 * from the cache; nothing in it is a secret, and its size is bounded.
 */

export const INSIGHT_SUBJECT_LEVELS = SUBJECT_LEVELS;
export const InsightSubjectLevelSchema = z.enum(INSIGHT_SUBJECT_LEVELS);
export type InsightSubjectLevel = z.infer<typeof InsightSubjectLevelSchema>;

/** The panel's KPIs, named as snapshots name them; lib/insight/kpis.ts computes them. */
export const KPI_METRICS = [
  'spend',
  'impressions',
  'cpm',
  'link_clicks',
  'ctr',
  'cpc',
  'conversions',
  'cpa',
  'conversion_value',
  'roas',
  'frequency',
] as const satisfies readonly Metric[];
export const InsightKpiMetricSchema = z.enum(KPI_METRICS);
export type KpiMetric = z.infer<typeof InsightKpiMetricSchema>;

export const MAX_INSIGHT_RANGE_DAYS = 400;
export const MAX_PANEL_FINDINGS = 20;
export const MAX_PANEL_CHANGES = 20;
const MAX_TRENDS = 4;
const TEXT_MAX_LENGTH = 1000;
const NAME_MAX_LENGTH = 512;

const DAY_MS = 86_400_000;
const span = (since: string, until: string) => (Date.parse(until) - Date.parse(since)) / DAY_MS + 1;

export const InsightGetRequestSchema = z
  .strictObject({
    accountId: AccountIdSchema,
    level: InsightSubjectLevelSchema,
    /** Null for the account. */
    entityId: z.nullable(GraphIdSchema),
    since: IsoDateSchema,
    until: IsoDateSchema,
    /**
     * Sync now, as far as Ads Manager may ask for it: the background syncs this one account unless
     * it synced or tried within the last few minutes.
     */
    refresh: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      ({ since, until }) => span(since, until) >= 1 && span(since, until) <= MAX_INSIGHT_RANGE_DAYS,
      `since must be on or before until, at most ${MAX_INSIGHT_RANGE_DAYS} days apart`,
    ),
    z.refine(
      ({ level, entityId }) => (level === 'account') === (entityId === null),
      'entityId is null exactly for the account',
    ),
  );
export type InsightGetRequest = z.infer<typeof InsightGetRequestSchema>;

const RangeSchema = z.strictObject({ since: IsoDateSchema, until: IsoDateSchema });
const value = z.nullable(z.number().check(z.refine(Number.isFinite)));
const finite = z.number().check(z.refine(Number.isFinite));

export const InsightKpiSchema = z.strictObject({
  metric: InsightKpiMetricSchema,
  /** Money in minor units of `currency`; null when undefined or not synced. */
  current: value,
  previous: value,
});
export type InsightKpi = z.infer<typeof InsightKpiSchema>;

export const InsightTrendSchema = z.strictObject({
  metric: InsightKpiMetricSchema,
  days: z
    .array(
      z.strictObject({
        value,
        expected: finite,
        lower: finite,
        upper: finite,
        anomalous: z.boolean(),
      }),
    )
    .check(z.maxLength(MAX_INSIGHT_RANGE_DAYS)),
});
export type InsightTrend = z.infer<typeof InsightTrendSchema>;

export const InsightFindingSchema = z.strictObject({
  severity: FindingSeveritySchema,
  /** The campaign, ad set or ad it is about (advertiser text: shown as text). */
  subject: boundedString(NAME_MAX_LENGTH),
  /** Language-neutral: the overlay says them in the page's language. */
  sentence: FindingMessageSchema,
  nextStep: FindingMessageSchema,
  startDate: IsoDateSchema,
  /** What Explain (findings.explain) asks about; explainable when Explain breaks its metric down. */
  findingId: boundedString(200),
  explainable: z.boolean(),
});
export type InsightFinding = z.infer<typeof InsightFindingSchema>;

export const InsightChangeSchema = z.strictObject({
  subject: boundedString(NAME_MAX_LENGTH),
  field: z.enum(['dailyBudgetMinor', 'lifetimeBudgetMinor', 'status', 'effectiveStatus', 'name']),
  /** Budgets in minor units, statuses and names as text. */
  before: z.nullable(z.union([z.int(), boundedString(NAME_MAX_LENGTH)])),
  after: z.nullable(z.union([z.int(), boundedString(NAME_MAX_LENGTH)])),
  time: finite,
});
export type InsightChange = z.infer<typeof InsightChangeSchema>;

export const InsightFreshnessSchema = z.strictObject({
  lastSyncAt: z.nullable(finite),
  syncing: z.boolean(),
  /** Why the last sync stopped short: data is then served from the cache as it is. */
  problem: z.nullable(
    z.strictObject({ kind: z.enum(SYNC_PROBLEMS), message: boundedString(TEXT_MAX_LENGTH) }),
  ),
  /** Whether this request started a sync (Sync now, or a stale account). */
  refreshStarted: z.boolean(),
});
export type InsightFreshness = z.infer<typeof InsightFreshnessSchema>;

export const InsightGetResponseSchema = z.strictObject({
  accountId: AccountIdSchema,
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  subject: z.strictObject({
    level: InsightSubjectLevelSchema,
    entityId: z.nullable(GraphIdSchema),
    name: boundedString(NAME_MAX_LENGTH),
  }),
  range: RangeSchema,
  previous: RangeSchema,
  /** Whether the cache holds every day of each period; a period it does not has null KPIs. */
  covered: z.strictObject({ current: z.boolean(), previous: z.boolean() }),
  kpis: z.array(InsightKpiSchema).check(z.maxLength(KPI_METRICS.length)),
  trends: z.array(InsightTrendSchema).check(z.maxLength(MAX_TRENDS)),
  findings: z.array(InsightFindingSchema).check(z.maxLength(MAX_PANEL_FINDINGS)),
  changes: z.array(InsightChangeSchema).check(z.maxLength(MAX_PANEL_CHANGES)),
  freshness: InsightFreshnessSchema,
});
export type InsightGetResponse = z.infer<typeof InsightGetResponseSchema>;
