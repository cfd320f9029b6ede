import { describe, expect, it } from 'vitest';
import {
  changeOf,
  dailyKpi,
  kpisOf,
  sumDaily,
  totalsOf,
  type MetricColumns,
} from '@/lib/insight/kpis';
import { compareKpis, comparisonWindow } from '@/lib/insight/comparison';
import { covers } from '@/lib/insight/periods';
import { INSIGHT_METRICS, type InsightMetric } from '@/lib/schema/insights';

/** An entity's days as the cache returns them, from per-metric arrays (missing metrics are 0). */
function entity(columns: Partial<Record<InsightMetric, number[]>>, days: number): MetricColumns {
  return {
    values: INSIGHT_METRICS.map((metric) =>
      Float64Array.from(columns[metric] ?? new Array(days).fill(0)),
    ),
  };
}

describe('KPIs of a period', () => {
  it('adds money in minor units exactly, where adding major-unit floats would drift', () => {
    // 0.1 + 0.2 is not 0.3 in floating point; 10 + 20 cents is 30 cents.
    const days = 3;
    const series = [
      entity({ spend: [10, 20, 33], impressions: [1000, 1000, 1000] }, days),
      entity({ spend: [20, 10, 1] }, days),
    ];
    const totals = totalsOf(sumDaily(series, days), 0, 2);
    expect(totals.spend).toBe(94);
    expect(kpisOf(totals).spend).toBe(94);
  });

  it('derives the ratios from the period sums, not by averaging daily ratios', () => {
    const days = 2;
    const series = [
      entity(
        {
          spend: [1000, 3000],
          impressions: [1000, 1000],
          reach: [500, 800],
          inlineLinkClicks: [10, 30],
          purchases: [1, 1],
          purchaseValue: [4000, 2000],
          // Per-row ratios are not additive and must be ignored.
          costPerPurchase: [1000, 3000],
          purchaseRoas: [4_000_000, 666_667],
        },
        days,
      ),
    ];
    const kpis = kpisOf(totalsOf(sumDaily(series, days), 0, 1));
    expect(kpis).toEqual({
      spend: 4000,
      impressions: 2000,
      cpm: 2000,
      link_clicks: 40,
      ctr: 0.02,
      cpc: 100,
      conversions: 2,
      cpa: 2000,
      conversion_value: 6000,
      roas: 1.5,
      frequency: 2000 / 1300,
    });
  });

  it('leaves a ratio empty rather than dividing by zero', () => {
    const kpis = kpisOf(totalsOf(sumDaily([entity({ spend: [500] }, 1)], 1), 0, 0));
    expect(kpis.spend).toBe(500);
    expect(kpis.cpm).toBeNull();
    expect(kpis.cpa).toBeNull();
    expect(kpis.ctr).toBeNull();
    expect(kpis.frequency).toBeNull();
    expect(kpis.roas).toBe(0);
  });

  it('sums only the days asked for, so the current and previous periods are apart', () => {
    const days = 4;
    const daily = sumDaily([entity({ spend: [1, 2, 30, 40] }, days)], days);
    expect(totalsOf(daily, 0, 1).spend).toBe(3);
    expect(totalsOf(daily, 2, 3).spend).toBe(70);
  });

  it('gives each day its own ratio for the trend charts', () => {
    const days = 3;
    const daily = sumDaily([entity({ spend: [100, 200, 300], purchases: [1, 0, 3] }, days)], days);
    expect(dailyKpi(daily, 'cpa')).toEqual([100, null, 100]);
    expect(dailyKpi(daily, 'spend')).toEqual([100, 200, 300]);
  });
});

describe('change against the previous period', () => {
  it('is relative, and empty without a previous value to compare with', () => {
    expect(changeOf(150, 100)).toBeCloseTo(0.5);
    expect(changeOf(50, 100)).toBeCloseTo(-0.5);
    expect(changeOf(50, 0)).toBeNull();
    expect(changeOf(null, 100)).toBeNull();
    expect(changeOf(100, null)).toBeNull();
  });
});

describe('coverage', () => {
  it('counts a period only when every day of it was synced', () => {
    const synced = { since: '2026-09-01', until: '2026-11-22' };
    expect(covers(synced, { since: '2026-11-01', until: '2026-11-22' })).toBe(true);
    expect(covers(synced, { since: '2026-08-31', until: '2026-09-05' })).toBe(false);
    expect(covers(synced, { since: '2026-11-20', until: '2026-11-23' })).toBe(false);
    expect(covers(null, { since: '2026-11-20', until: '2026-11-21' })).toBe(false);
  });
});

describe('a range against the period before it', () => {
  // 2024-05-01..03 against 2024-04-28..30, with two lead days for a trend's band.
  const window = comparisonWindow({ since: '2024-05-01', until: '2024-05-03' }, 5);
  const spendByDay = [7, 7, 100, 200, 300, 1000, 2000, 3000];
  const daily = sumDaily([entity({ spend: spendByDay }, spendByDay.length)], spendByDay.length);
  const spendOf = (coverage: { since: string; until: string } | null) =>
    compareKpis(daily, window, coverage, []).kpis.find((kpi) => kpi.metric === 'spend');

  it('reads the previous period and the lead days before the range', () => {
    expect(window.previous).toEqual({ since: '2024-04-28', until: '2024-04-30' });
    expect(window.lastDay - window.firstDay + 1).toBe(spendByDay.length);
  });

  it('sums each period from its own days', () => {
    expect(spendOf({ since: '2024-04-01', until: '2024-05-03' })).toEqual({
      metric: 'spend',
      current: 6000,
      previous: 600,
    });
  });

  it('leaves a period the synced days do not cover unknown, never zero', () => {
    expect(spendOf({ since: '2024-04-29', until: '2024-05-03' })).toEqual({
      metric: 'spend',
      current: 6000,
      previous: null,
    });
    expect(compareKpis(daily, window, null, []).covered).toEqual({
      current: false,
      previous: false,
    });
  });
});
