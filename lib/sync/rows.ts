import type { GraphActionList, GraphInsightsRow } from '@/lib/schema/graph-ads';
import { INSIGHT_METRICS, type InsightMetric } from '@/lib/schema/insights';
import { minorUnitDigits } from '@/lib/util/currency';
import { parseScaledDecimal } from '@/lib/util/decimal';

/**
 * One insights row as exact integers, in INSIGHT_METRICS order: money (major units on the wire) in
 * minor units of the account currency, ratios in millionths, counts as they are. A missing metric
 * or action is zero (Graph leaves out what it has nothing to report for).
 */

/** The main conversion event, as Meta names it, most inclusive first (meta-graph-api.md §3.4). */
export const PURCHASE_ACTION_TYPES = [
  'omni_purchase',
  'purchase',
  'offsite_conversion.fb_pixel_purchase',
] as const;

const MICROS = 6;

function purchaseValue(list: GraphActionList | undefined): string | undefined {
  if (!list) return undefined;
  for (const type of PURCHASE_ACTION_TYPES) {
    const entry = list.find((action) => action.action_type === type);
    if (entry) return entry.value;
  }
  return undefined;
}

function scaled(text: string | undefined, scale: number): number {
  return text === undefined ? 0 : parseScaledDecimal(text, scale);
}

export function rowMetrics(row: GraphInsightsRow, currency: string): Record<InsightMetric, number> {
  const money = minorUnitDigits(currency);
  return {
    spend: scaled(row.spend, money),
    impressions: scaled(row.impressions, 0),
    reach: scaled(row.reach, 0),
    frequency: scaled(row.frequency, MICROS),
    clicks: scaled(row.clicks, 0),
    inlineLinkClicks: scaled(row.inline_link_clicks, 0),
    purchases: scaled(purchaseValue(row.actions), 0),
    purchaseValue: scaled(purchaseValue(row.action_values), money),
    costPerPurchase: scaled(purchaseValue(row.cost_per_action_type), money),
    purchaseRoas: scaled(purchaseValue(row.purchase_roas), MICROS),
  };
}

/** The same values as an array in INSIGHT_METRICS order, for the column store. */
export function rowValues(row: GraphInsightsRow, currency: string): number[] {
  const metrics = rowMetrics(row, currency);
  return INSIGHT_METRICS.map((metric) => metrics[metric]);
}
