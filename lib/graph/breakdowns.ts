import * as z from 'zod/mini';
import type { Dimension } from '@/lib/explain/dimensions';
import { boundedString } from '@/lib/schema/bounded';
import { GraphInsightsRowSchema, type GraphInsightsRow } from '@/lib/schema/graph-ads';
import type { GraphClient } from './client';

/**
 * Insights of one entity split by breakdowns, for Explain (issue #18): one request per group of
 * breakdowns Meta accepts together, covering both periods at once with `time_ranges`, so the rows
 * come back per period (their `date_start`/`date_stop`). Read only when the user asks; the sync
 * never reads breakdowns.
 */

const LabelSchema = z.optional(boundedString(200));

export const GraphBreakdownRowSchema = z.extend(GraphInsightsRowSchema, {
  publisher_platform: LabelSchema,
  platform_position: LabelSchema,
  device_platform: LabelSchema,
  age: LabelSchema,
  gender: LabelSchema,
  region: LabelSchema,
});
export type GraphBreakdownRow = GraphInsightsRow & Partial<Record<Dimension, string>>;

export interface Period {
  readonly since: string;
  readonly until: string;
}

const BREAKDOWN_FIELDS = [
  'spend',
  'impressions',
  'reach',
  'clicks',
  'inline_link_clicks',
  'actions',
  'action_values',
];
/** Placement × device is the largest group: 13 placements × 3 devices × 2 periods fits one page. */
const PAGE_SIZE = 500;

export async function fetchBreakdownRows(
  graph: GraphClient,
  node: string,
  accountId: string,
  group: readonly Dimension[],
  periods: readonly Period[],
): Promise<GraphBreakdownRow[]> {
  return graph.getAll(
    `/${node}/insights`,
    GraphBreakdownRowSchema,
    {
      fields: BREAKDOWN_FIELDS,
      params: {
        breakdowns: group,
        time_ranges: periods,
        // Conversions as Ads Manager counts them, like the sync's reads.
        use_unified_attribution_setting: true,
        limit: PAGE_SIZE,
      },
    },
    { account: accountId },
  );
}
