import { describe, expect, it } from 'vitest';
import { buildExplanation, type SegmentPair } from '@/lib/explain';
import type { SegmentTotals } from '@/lib/explain/measures';
import { explainView } from '@/lib/explain/view';
import { ExplainResponseSchema } from '@/lib/schema/explain';

const totals = (spend: number, impressions: number): SegmentTotals => ({
  spend,
  impressions,
  reach: impressions,
  clicks: impressions / 100,
  inlineLinkClicks: impressions / 100,
  purchases: 0,
  purchaseValue: 0,
});

const segments: SegmentPair[] = [
  {
    dimension: 'platform_position',
    value: 'facebook/feed',
    before: totals(60_000, 6_000_000),
    after: totals(50_000, 5_000_000),
  },
  {
    dimension: 'platform_position',
    value: 'instagram/instagram_reels',
    before: totals(10_000, 2_000_000),
    after: totals(40_000, 2_500_000),
  },
];

const explanation = (metric: 'cpm' | 'spend') =>
  buildExplanation({
    metric,
    segments,
    subject: 'campaign',
    baseline: { since: '2026-11-01', until: '2026-11-14' },
    affected: { since: '2026-11-15', until: '2026-11-21' },
    requests: 3,
    fetchedAt: 0,
  });

describe('explainView', () => {
  it('gives each bar the segment’s own CPM before and after, in minor units per thousand', () => {
    const view = ExplainResponseSchema.parse(explainView(explanation('cpm')));
    expect(view.metric).toBe('cpm');
    const reels = view.bars.find((bar) => bar.label.key === 'explainSegmentInstagramReels')!;
    // 10,000 cents over 2,000,000 impressions: 5 cents per thousand; then 16.
    expect([reels.valueBefore, reels.valueAfter]).toEqual([5, 16]);
    expect(reels.before).toBeCloseTo(0.25, 10);
    expect(reels.after).toBeCloseTo(2_500_000 / 7_500_000, 10);
  });

  it('gives no values for a sum: a segment’s spend over periods of different lengths does not compare', () => {
    const view = ExplainResponseSchema.parse(explainView(explanation('spend')));
    expect(view.bars.length).toBeGreaterThan(0);
    for (const bar of view.bars) expect([bar.valueBefore, bar.valueAfter]).toEqual([null, null]);
  });
});
