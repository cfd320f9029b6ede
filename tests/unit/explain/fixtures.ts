import type { SegmentPair } from '@/lib/explain';
import type { SegmentTotals } from '@/lib/explain/measures';

/** A segment's totals from spend and impressions: a click per hundred impressions. */
export const totals = (spend: number, impressions: number, purchases = 0): SegmentTotals => ({
  spend,
  impressions,
  reach: impressions,
  clicks: impressions / 100,
  inlineLinkClicks: impressions / 100,
  purchases,
  purchaseValue: purchases * 5000,
});

export const pair = (
  value: string,
  before: SegmentTotals,
  after: SegmentTotals,
  dimension: SegmentPair['dimension'] = 'platform_position',
): SegmentPair => ({ dimension, value, before, after });
