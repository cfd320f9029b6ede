import type { GraphBreakdownRow } from '@/lib/graph/breakdowns';
import { rowMetrics } from '@/lib/sync/rows';
import type { SegmentPair } from './decompose';
import { segmentValue, type Dimension } from './dimensions';
import type { SegmentTotals } from './measures';

/**
 * Breakdown rows of both periods (told apart by their dates) summed per segment of each dimension
 * the request broke down by: a row for Instagram Reels on mobile counts for Instagram, for Instagram
 * Reels and for mobile.
 */
const ZERO: SegmentTotals = {
  spend: 0,
  impressions: 0,
  reach: 0,
  clicks: 0,
  inlineLinkClicks: 0,
  purchases: 0,
  purchaseValue: 0,
};

export function segmentsFromRows(
  rows: readonly GraphBreakdownRow[],
  dimensions: readonly Dimension[],
  baselineStart: string,
  affectedStart: string,
  currency: string,
): SegmentPair[] {
  const pairs = new Map<
    string,
    { dimension: Dimension; value: string; before: SegmentTotals; after: SegmentTotals }
  >();
  for (const row of rows) {
    const side =
      row.date_start === affectedStart
        ? 'after'
        : row.date_start === baselineStart
          ? 'before'
          : undefined;
    if (!side) continue;
    const metrics = rowMetrics(row, currency);
    for (const dimension of dimensions) {
      const value = segmentValue(dimension, row);
      if (value === undefined) continue;
      const key = `${dimension}\u0000${value}`;
      const pair = pairs.get(key) ?? { dimension, value, before: ZERO, after: ZERO };
      const totals = pair[side];
      pair[side] = {
        spend: totals.spend + metrics.spend,
        impressions: totals.impressions + metrics.impressions,
        reach: totals.reach + metrics.reach,
        clicks: totals.clicks + metrics.clicks,
        inlineLinkClicks: totals.inlineLinkClicks + metrics.inlineLinkClicks,
        purchases: totals.purchases + metrics.purchases,
        purchaseValue: totals.purchaseValue + metrics.purchaseValue,
      };
      pairs.set(key, pair);
    }
  }
  return [...pairs.values()];
}
