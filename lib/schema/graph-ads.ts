import * as z from 'zod/mini';
import { boundedString } from './bounded';
import { GraphIdSchema } from './graph';
import { IsoDateSchema } from './insights';

/**
 * Ad objects, insights rows and async report runs as the Graph API sends them (meta-graph-api.md
 * §3–§5). Metrics are strings; they are checked to be plain decimals here and parsed into exact
 * integers by lib/util/decimal. Objects are not strict: Meta adds fields over time.
 */

/** `"142.87"`, `"185"`, `"-0.5"`: what Graph writes for every number. */
export const DecimalStringSchema = z.string().check(z.regex(/^-?\d{1,18}(\.\d{1,12})?$/));
/** `2026-03-21T22:33:56-0700`. */
const GraphTimeSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/));

export const ENTITY_NAME_MAX_LENGTH = 2048;
const StatusSchema = z.string().check(z.regex(/^[A-Z_]{1,40}$/));

export const GraphAdObjectSchema = z.object({
  id: GraphIdSchema,
  name: boundedString(ENTITY_NAME_MAX_LENGTH),
  status: StatusSchema,
  effective_status: StatusSchema,
  campaign_id: z.optional(GraphIdSchema),
  adset_id: z.optional(GraphIdSchema),
  objective: z.optional(StatusSchema),
  daily_budget: z.optional(DecimalStringSchema),
  lifetime_budget: z.optional(DecimalStringSchema),
  created_time: z.optional(GraphTimeSchema),
  updated_time: z.optional(GraphTimeSchema),
  start_time: z.optional(GraphTimeSchema),
});
export type GraphAdObject = z.infer<typeof GraphAdObjectSchema>;

const ActionStatSchema = z.object({
  action_type: boundedString(200),
  value: DecimalStringSchema,
});
const ActionListSchema = z.optional(z.array(ActionStatSchema).check(z.maxLength(500)));
const MetricSchema = z.optional(DecimalStringSchema);

export const GraphInsightsRowSchema = z.object({
  date_start: IsoDateSchema,
  date_stop: IsoDateSchema,
  campaign_id: z.optional(GraphIdSchema),
  adset_id: z.optional(GraphIdSchema),
  ad_id: z.optional(GraphIdSchema),
  spend: MetricSchema,
  impressions: MetricSchema,
  reach: MetricSchema,
  frequency: MetricSchema,
  clicks: MetricSchema,
  inline_link_clicks: MetricSchema,
  actions: ActionListSchema,
  action_values: ActionListSchema,
  cost_per_action_type: ActionListSchema,
  purchase_roas: ActionListSchema,
});
export type GraphInsightsRow = z.infer<typeof GraphInsightsRowSchema>;
export type GraphActionList = NonNullable<GraphInsightsRow['actions']>;

/** `POST …/insights` answers with the id of the async report run. */
export const GraphReportRunCreatedSchema = z.object({ report_run_id: GraphIdSchema });

export const GraphReportRunSchema = z.object({
  id: GraphIdSchema,
  async_status: boundedString(64),
  async_percent_completion: z.optional(z.number()),
  error_code: z.optional(z.number()),
  error_subcode: z.optional(z.number()),
  error_message: z.optional(boundedString(2000)),
  error_user_msg: z.optional(boundedString(2000)),
});
export type GraphReportRun = z.infer<typeof GraphReportRunSchema>;
