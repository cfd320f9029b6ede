import { describe, expect, it } from 'vitest';
import { sumDaily } from '@/lib/insight/kpis';
import { trendOf } from '@/lib/insight/trend';
import { INSIGHT_METRICS } from '@/lib/schema/insights';

function dailyWithSpend(spend: number[]) {
  const values = INSIGHT_METRICS.map((metric) =>
    Float64Array.from(metric === 'spend' ? spend : spend.map(() => 0)),
  );
  return sumDaily([{ values }], spend.length);
}

describe('trendOf', () => {
  const steady = Array.from({ length: 42 }, (_, day) =>
    Math.round(10_000 + (day % 7) * 300 + Math.sin(day * 1.7) * 400),
  );

  it('marks a spend spike in the range and keeps ordinary days inside the band', () => {
    const spend = [...steady];
    spend[40] = 60_000;
    const trend = trendOf(dailyWithSpend(spend), 'spend', 14);
    expect(trend).toHaveLength(14);
    const spike = trend[14 - 2];
    expect(spike?.value).toBe(60_000);
    expect(spike?.anomalous).toBe(true);
    expect(spike && spike.value !== null && spike.value > spike.upper).toBe(true);
    const ordinary = trend.filter((day, index) => index !== 12);
    expect(ordinary.every((day) => !day.anomalous)).toBe(true);
    expect(ordinary.every((day) => day.lower <= day.expected && day.expected <= day.upper)).toBe(
      true,
    );
  });

  it('leaves days without a value as gaps, never anomalous', () => {
    const daily = dailyWithSpend(steady);
    const trend = trendOf(daily, 'cpa', 7);
    expect(trend.every((day) => day.value === null && !day.anomalous)).toBe(true);
  });
});
