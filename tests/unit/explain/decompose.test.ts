import { describe, expect, it } from 'vitest';
import { buildExplanation, decomposeDimension } from '@/lib/explain';
import { pair, totals } from './fixtures';
import { englishFinding } from '@/tests/support/english-finding';

const periods = {
  baseline: { since: '2026-11-01', until: '2026-11-14' },
  affected: { since: '2026-11-15', until: '2026-11-21' },
};

describe('decomposeDimension', () => {
  it('splits a ratio change exactly into mix and rate parts that add up to the whole change', () => {
    const segments = [
      pair('facebook/feed', totals(60_000, 6_000_000), totals(50_000, 5_000_000)),
      pair('instagram/instagram_reels', totals(10_000, 2_000_000), totals(40_000, 2_500_000)),
      pair('instagram/stream', totals(30_000, 2_000_000), totals(30_000, 1_800_000)),
    ];
    const result = decomposeDimension('cpm', 'platform_position', segments);
    const sum = result.segments.reduce((total, s) => total + s.mix + s.rate, 0);
    expect(sum).toBeCloseTo(1, 10);
    for (const s of result.segments) expect(s.share).toBeCloseTo(s.mix + s.rate, 10);
  });

  it('names the placement whose share of impressions jumped at a higher price, not the others', () => {
    // CPM 10 → about 19: Reels goes from 10 % to 45 % of impressions and costs 3x the rest.
    const segments = [
      pair('facebook/feed', totals(54_000, 5_400_000), totals(30_000, 3_000_000)),
      pair('instagram/instagram_reels', totals(10_000, 1_000_000), totals(81_000, 2_700_000)),
      pair('instagram/stream', totals(36_000, 3_600_000), totals(33_000, 3_300_000)),
    ];
    const result = decomposeDimension('cpm', 'platform_position', segments);
    expect(result.named.map((s) => s.value)).toEqual(['instagram/instagram_reels']);
    const reels = result.named[0]!;
    expect(reels.share).toBeGreaterThan(0.7);
    expect(reels.weightBefore).toBeCloseTo(0.1, 5);
    expect(reels.weightAfter).toBeCloseTo(0.3, 5);
  });

  it('names nothing when every segment moved alike', () => {
    const segments = [
      pair('facebook/feed', totals(50_000, 5_000_000, 50), totals(60_000, 5_000_000, 40)),
      pair('instagram/stream', totals(30_000, 2_500_000, 30), totals(36_000, 2_500_000, 24)),
      pair(
        'instagram/instagram_reels',
        totals(20_000, 2_500_000, 20),
        totals(24_000, 2_500_000, 16),
      ),
    ];
    for (const metric of ['cpm', 'cpa', 'spend', 'roas'] as const) {
      expect(decomposeDimension(metric, 'platform_position', segments).named).toEqual([]);
    }
  });

  it('decomposes CPA through purchases per spend, so a segment losing every purchase stays finite', () => {
    const segments = [
      pair('18-24', totals(10_000, 1_000_000, 10), totals(40_000, 4_000_000, 0), 'age'),
      pair('25-34', totals(40_000, 4_000_000, 40), totals(20_000, 2_000_000, 20), 'age'),
      pair('35-44', totals(50_000, 5_000_000, 50), totals(40_000, 4_000_000, 40), 'age'),
    ];
    const result = decomposeDimension('cpa', 'age', segments);
    expect(result.named[0]?.value).toBe('18-24');
    expect(result.named[0]?.valueAfter).toBe(Infinity);
    expect(result.segments.every((s) => Number.isFinite(s.share))).toBe(true);
  });

  it('does not name a shift of a few purchases that chance explains', () => {
    const segments = [
      pair('18-24', totals(10_000, 1_000_000, 2), totals(10_000, 1_000_000, 4), 'age'),
      pair('25-34', totals(40_000, 4_000_000, 8), totals(40_000, 4_000_000, 7), 'age'),
    ];
    expect(decomposeDimension('cpa', 'age', segments).named).toEqual([]);
  });
});

describe('buildExplanation', () => {
  it('tells a mix shift in words: the share of the rise and the shares before and after', () => {
    // Reels always cost 3x; its share of impressions went from 10 % to 30 %.
    const segments = [
      pair('facebook/feed', totals(54_000, 5_400_000), totals(30_000, 3_000_000)),
      pair('instagram/instagram_reels', totals(30_000, 1_000_000), totals(90_000, 3_000_000)),
      pair('instagram/stream', totals(36_000, 3_600_000), totals(40_000, 4_000_000)),
    ];
    const explanation = buildExplanation({
      metric: 'cpm',
      segments,
      subject: 'account',
      ...periods,
      requests: 3,
      fetchedAt: 0,
    });
    expect(explanation.dimension).toBe('platform_position');
    expect(englishFinding(explanation.sentence)).toMatch(
      /^CPM up 33 %: \d+ % of the rise comes from Instagram Reels, whose share of impressions went from 10 % to 30 % at 1\.9 × the account's CPM\.$/,
    );
    expect(explanation.segments[0]).toMatchObject({
      label: { key: 'explainSegmentInstagramReels' },
      named: true,
    });
  });

  it('tells a rate change apart: the placement itself got dearer at a steady share', () => {
    const segments = [
      pair('facebook/feed', totals(60_000, 6_000_000), totals(60_000, 6_000_000)),
      pair('instagram/instagram_reels', totals(20_000, 2_000_000), totals(60_000, 2_000_000)),
      pair('instagram/stream', totals(20_000, 2_000_000), totals(20_000, 2_000_000)),
    ];
    const explanation = buildExplanation({
      metric: 'cpm',
      segments,
      subject: 'campaign',
      ...periods,
      requests: 3,
      fetchedAt: 0,
    });
    expect(englishFinding(explanation.sentence)).toBe(
      "CPM up 40 %: 100 % of the rise comes from Instagram Reels, whose own CPM moved up 200 % (at 2.1 × the campaign's CPM, 20 % of impressions).",
    );
    expect(explanation.segments[0]?.rate).toBeCloseTo(1, 5);
  });

  it('says nothing stands out instead of naming noise', () => {
    const segments = [
      pair('desktop', totals(10_000, 1_000_000), totals(10_100, 1_000_000), 'device_platform'),
      pair('mobile_app', totals(90_000, 9_000_000), totals(91_000, 9_000_000), 'device_platform'),
    ];
    const explanation = buildExplanation({
      metric: 'cpm',
      segments,
      subject: 'adset',
      ...periods,
      requests: 3,
      fetchedAt: 0,
    });
    expect(explanation.dimension).toBeNull();
    expect(englishFinding(explanation.sentence)).toContain('nothing stands out');
    expect(explanation.segments.every((s) => !s.named)).toBe(true);
  });
});
