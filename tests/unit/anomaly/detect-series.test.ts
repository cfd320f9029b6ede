import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSeries } from '@/lib/anomaly/detect-series';

/** A daily series with a weekend dip and a little wobble, deterministic. */
function weekly(days: number, level = 100): number[] {
  return Array.from({ length: days }, (_, t) => {
    const weekend = t % 7 === 5 || t % 7 === 6;
    return level * (weekend ? 0.6 : 1) * (1 + 0.03 * Math.sin(t * 1.7));
  });
}

describe('detectSeries', () => {
  it('answers an empty series with empty arrays', () => {
    expect(detectSeries([])).toEqual({ score: [], flags: [], expected: [], lower: [], upper: [] });
  });

  it('finds nothing in a constant or all-zero series and expects the constant', () => {
    for (const value of [0, 42]) {
      const result = detectSeries(Array.from({ length: 30 }, () => value));
      expect(result.flags.every((flag) => !flag)).toBe(true);
      expect(result.expected.every((expected) => expected === value)).toBe(true);
    }
  });

  it('skips missing (non-finite) points without flagging them and fills their expectation', () => {
    const values = weekly(35);
    values[10] = Number.NaN;
    values[20] = Number.POSITIVE_INFINITY;
    const result = detectSeries(values);
    expect(result.flags[10]).toBe(false);
    expect(result.flags[20]).toBe(false);
    expect(result.expected[10]).toBeGreaterThan(50);
    expect(result.expected.every(Number.isFinite)).toBe(true);
  });

  it('flags a spike on a weekly series but not its weekends', () => {
    const values = weekly(56);
    values[40] = 300;
    const result = detectSeries(values);
    expect(result.flags[40]).toBe(true);
    expect(result.flags.filter(Boolean)).toHaveLength(1);
    expect(result.upper[40]).toBeLessThan(300);
  });

  it('sees the weekly rhythm in two weeks of data and still flags a spike', () => {
    const values = weekly(14);
    expect(detectSeries(values).flags.some(Boolean)).toBe(false);
    values[9] = 300;
    expect(
      detectSeries(values)
        .flags.map((flag, t) => (flag ? t : -1))
        .filter((t) => t >= 0),
    ).toEqual([9]);
  });

  it('flags the freshest day when it collapses', () => {
    const values = weekly(42);
    values[41] = 5;
    expect(detectSeries(values).flags[41]).toBe(true);
  });

  it('re-baselines after a budget doubling instead of flagging the new level', () => {
    const values = weekly(60).map((value, t) => (t >= 30 ? 2 * value : value));
    const flagged = detectSeries(values).flags.filter(Boolean).length;
    expect(flagged).toBeLessThanOrEqual(2);
  });

  it('follows a daily cycle with period 24 on hourly data', () => {
    const hourly = Array.from(
      { length: 24 * 7 },
      (_, h) => 50 + 40 * Math.sin(((h % 24) / 24) * 2 * Math.PI) + ((h * 7) % 5),
    );
    hourly[100] = 400;
    const result = detectSeries(hourly, { period: 24 });
    expect(result.flags.filter(Boolean)).toEqual([true]);
    expect(result.flags[100]).toBe(true);
  });

  it('handles short series', () => {
    for (const values of [[5], [5, 6], [1, 2, 3, 4, 5], [3, 3, 3, 90, 3, 3, 3]]) {
      const result = detectSeries(values);
      expect(result.score).toHaveLength(values.length);
    }
    expect(detectSeries([3, 3, 3, 90, 3, 3, 3]).flags[3]).toBe(true);
  });

  it('keeps its invariants on any input', () => {
    const value = fc.oneof(
      fc.double(),
      fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE),
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 200 }),
        fc.option(fc.integer({ min: -3, max: 30 }), { nil: undefined }),
        (values, period) => {
          const result = detectSeries(values, period === undefined ? undefined : { period });
          for (const column of Object.values(result) as unknown[][]) {
            expect(column).toHaveLength(values.length);
          }
          values.forEach((_, t) => {
            const score = result.score[t] ?? Number.NaN;
            const [lower, expected, upper] = [result.lower[t], result.expected[t], result.upper[t]];
            expect(score >= 0 && score <= 1).toBe(true);
            expect(result.flags[t]).toBe(score >= 0.5);
            expect([lower, expected, upper].every((x) => Number.isFinite(x))).toBe(true);
            expect((lower ?? 0) <= (expected ?? 0) && (expected ?? 0) <= (upper ?? 0)).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
