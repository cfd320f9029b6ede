import * as z from 'zod/mini';
import { AccountIdSchema } from './account';
import { GraphIdSchema } from './graph';
import { EntityLevelSchema, INSIGHT_METRICS, IsoDateSchema, type InsightMetric } from './insights';

/**
 * `series.get`: the daily series of the entities a page shows (the rows' sparklines), read from
 * the cache over a date range.
 */

/** The overlay asks for at most this many entities, over at most this many days, per request. */
export const MAX_INSIGHT_SERIES = 200;
export const MAX_INSIGHT_DAYS = 400;

const DAY_MS = 86_400_000;
const span = (since: string, until: string) => (Date.parse(until) - Date.parse(since)) / DAY_MS + 1;

export const SeriesGetRequestSchema = z
  .strictObject({
    accountId: AccountIdSchema,
    level: EntityLevelSchema,
    entityIds: z.optional(
      z.array(GraphIdSchema).check(z.minLength(1), z.maxLength(MAX_INSIGHT_SERIES)),
    ),
    since: IsoDateSchema,
    until: IsoDateSchema,
  })
  .check(
    z.refine(
      ({ since, until }) => span(since, until) >= 1 && span(since, until) <= MAX_INSIGHT_DAYS,
      `since must be on or before until, at most ${MAX_INSIGHT_DAYS} days apart`,
    ),
  );
export type SeriesGetRequest = z.infer<typeof SeriesGetRequestSchema>;

const column = z.array(z.number()).check(z.maxLength(MAX_INSIGHT_DAYS));
const MetricColumnsSchema = z.strictObject(
  Object.fromEntries(INSIGHT_METRICS.map((metric) => [metric, column])) as Record<
    InsightMetric,
    typeof column
  >,
);

export const InsightSeriesSchema = z.strictObject({
  entityId: GraphIdSchema,
  /** Day by day from `since`: whether Meta reported a row (no row means no delivery). */
  hasRow: z.array(z.boolean()).check(z.maxLength(MAX_INSIGHT_DAYS)),
  /** Money in minor units of `currency`, frequency and ROAS in millionths. */
  metrics: MetricColumnsSchema,
});
export type InsightSeries = z.infer<typeof InsightSeriesSchema>;

const RangeSchema = z.strictObject({ since: IsoDateSchema, until: IsoDateSchema });

export const SeriesGetResponseSchema = z.strictObject({
  accountId: AccountIdSchema,
  level: EntityLevelSchema,
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  since: IsoDateSchema,
  until: IsoDateSchema,
  /** The part of the range the cache has synced; days outside it are unknown, not zero. */
  coverage: z.nullable(RangeSchema),
  /** The account's today, whose numbers are never final; null before the first sync. */
  today: z.nullable(IsoDateSchema),
  series: z.array(InsightSeriesSchema).check(z.maxLength(MAX_INSIGHT_SERIES)),
  /** More entities had data than fit; the biggest spenders are kept. */
  truncated: z.boolean(),
});
export type SeriesGetResponse = z.infer<typeof SeriesGetResponseSchema>;
