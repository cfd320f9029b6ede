import { medianOf, robustScale, sortedMiddle } from './robust';

/**
 * A generic detector for one numeric series (daily or hourly): a robust seasonal baseline, in the
 * spirit of STL with medians instead of means, and a robust spread around it.
 *
 * 1. A running median as long as the cycle gives a trend the cycle cannot bend.
 * 2. The median deviation from that trend at each phase of the cycle is the seasonal pattern (the
 *    weekday rhythm of CPM and conversion rates, zero-spend days of a schedule).
 * 3. A running median of the deseasonalised series plus the pattern is the expected value.
 * 4. Residuals are measured in robust standard deviations; beyond {@link FLAG_Z} a point is flagged.
 *
 * Running medians step over a change of level within half a window, so a budget doubling
 * re-baselines instead of alarming; isolated spikes and dips stay visible.
 */

export interface SeriesDetection {
  /** 0 = as expected; 0.5 = on the edge of the band (the flag threshold); towards 1 = far out. */
  readonly score: number[];
  readonly flags: boolean[];
  readonly expected: number[];
  readonly lower: number[];
  readonly upper: number[];
}

/** Robust standard deviations from the expected value at which a point is flagged. */
const FLAG_Z = 3.5;
/** Two cycles are enough to see a weekly rhythm (14 days); see {@link seasonalPattern}. */
const MIN_CYCLES_FOR_SEASON = 2;
const DEFAULT_PERIOD = 7;
const WINDOW_WITHOUT_SEASON = 7;

export function detectSeries(
  values: readonly number[],
  options?: { period?: number },
): SeriesDetection {
  const n = values.length;
  const { data, magnitude } = normalise(values);
  if (magnitude === 0) return flatResult(values);
  const period = seasonalPeriod(options?.period ?? DEFAULT_PERIOD, n);
  const window = Math.min(oddAtLeast(period > 1 ? period : WINDOW_WITHOUT_SEASON), oddAtMost(n));
  const scratch = new Float64Array(n);
  const trend = runningMedian(data, window, scratch);
  const seasonal = seasonalPattern(data, trend, period, scratch);
  // Seasonal value of each point, then the series without it (reusing `trend`'s storage).
  const seasonOf = new Float64Array(n);
  for (let t = 0, phase = 0; t < n; t++, phase = phase + 1 === period ? 0 : phase + 1) {
    seasonOf[t] = seasonal[phase] ?? 0;
    trend[t] = (data[t] ?? Number.NaN) - (seasonOf[t] ?? 0);
  }
  const level = runningMedian(trend, window, scratch);
  // A window with no finite value at all borrows the series' overall level.
  const fallback = level.some(Number.isNaN) ? medianOf(trend, 0, n, scratch) : 0;
  const expected = new Float64Array(n);
  const residuals = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const base = level[t] ?? Number.NaN;
    const centre =
      (Number.isFinite(base) ? base : Number.isFinite(fallback) ? fallback : 0) +
      (seasonOf[t] ?? 0);
    expected[t] = centre;
    residuals[t] = (data[t] ?? Number.NaN) - centre;
  }
  const scale = robustScale(residuals, scratch);
  return assemble(residuals, expected, scale, magnitude);
}

/** Values divided by their largest magnitude, so no arithmetic on huge inputs can overflow. */
function normalise(values: readonly number[]): { data: Float64Array; magnitude: number } {
  let magnitude = 0;
  for (const value of values) {
    if (Number.isFinite(value)) magnitude = Math.max(magnitude, Math.abs(value));
  }
  const data = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) {
    const value = values[t] ?? Number.NaN;
    data[t] = Number.isFinite(value) && magnitude > 0 ? value / magnitude : Number.NaN;
  }
  return { data, magnitude };
}

/** All zero or nothing finite: the only expectation is zero and nothing stands out. */
function flatResult(values: readonly number[]): SeriesDetection {
  const zeros = values.map(() => 0);
  return {
    score: zeros,
    flags: values.map(() => false),
    expected: zeros.slice(),
    lower: zeros.slice(),
    upper: zeros.slice(),
  };
}

function seasonalPeriod(requested: number, n: number): number {
  const period = Math.floor(requested);
  const usable = Number.isFinite(period) && period >= 2 && n >= MIN_CYCLES_FOR_SEASON * period;
  return usable ? period : 1;
}

function oddAtLeast(value: number): number {
  return value % 2 === 1 ? value : value + 1;
}

function oddAtMost(value: number): number {
  return value % 2 === 1 ? value : Math.max(1, value - 1);
}

/**
 * Centred running median of the finite values. The first and last half-windows reuse the nearest
 * full window (R's "constant" end rule), so the freshest points are judged against a full window
 * instead of a truncated one that a two-day shift could already tip. The window is kept sorted as
 * it slides, one removal and one insertion per step.
 */
function runningMedian(data: Float64Array, window: number, sorted: Float64Array): Float64Array {
  const n = data.length;
  const half = window >> 1;
  const out = new Float64Array(n);
  let size = 0;
  let windowFrom = 0;
  let windowTo = 0;
  for (let t = 0; t < n; t++) {
    const from = Math.min(Math.max(0, t - half), Math.max(0, n - window));
    const to = Math.min(n, from + window);
    for (; windowFrom < from; windowFrom++) size = removeSorted(sorted, size, data[windowFrom]);
    for (; windowTo < to; windowTo++) size = insertSorted(sorted, size, data[windowTo]);
    out[t] = middleOfSorted(sorted, size);
  }
  return out;
}

function insertSorted(sorted: Float64Array, size: number, value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return size;
  let i = size;
  for (; i > 0 && (sorted[i - 1] ?? 0) > value; i--) sorted[i] = sorted[i - 1] ?? 0;
  sorted[i] = value;
  return size + 1;
}

function removeSorted(sorted: Float64Array, size: number, value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return size;
  let i = 0;
  while (i < size && sorted[i] !== value) i++;
  for (; i < size - 1; i++) sorted[i] = sorted[i + 1] ?? 0;
  return size - 1;
}

function middleOfSorted(sorted: Float64Array, size: number): number {
  if (size === 0) return Number.NaN;
  const half = size >> 1;
  const upper = sorted[half] ?? Number.NaN;
  return size % 2 === 1 ? upper : ((sorted[half - 1] ?? upper) + upper) / 2;
}

/**
 * Median detrended value at each phase, centred so the pattern averages to zero. With only two
 * cycles a median is a mean, and one spike would become half the pattern (and flag its twin a week
 * later as a dip): the deviation smaller in size is taken instead, which a real weekly rhythm shows
 * in both weeks.
 */
function seasonalPattern(
  data: Float64Array,
  trend: Float64Array,
  period: number,
  scratch: Float64Array,
): Float64Array {
  const pattern = new Float64Array(period);
  if (period === 1) return pattern;
  for (let phase = 0; phase < period; phase++) {
    let count = 0;
    for (let t = phase; t < data.length; t += period) {
      const value = (data[t] ?? Number.NaN) - (trend[t] ?? Number.NaN);
      if (Number.isFinite(value)) scratch[count++] = value;
    }
    const middle =
      count === 2 ? smallerInSize(scratch[0] ?? 0, scratch[1] ?? 0) : sortedMiddle(scratch, count);
    pattern[phase] = Number.isFinite(middle) ? middle : 0;
  }
  const mean = pattern.reduce((sum, value) => sum + value, 0) / period;
  return pattern.map((value) => value - mean);
}

function smallerInSize(a: number, b: number): number {
  return Math.abs(a) <= Math.abs(b) ? a : b;
}

function assemble(
  residuals: Float64Array,
  expected: Float64Array,
  scale: number,
  magnitude: number,
): SeriesDetection {
  const n = residuals.length;
  const result: SeriesDetection = { score: [], flags: [], expected: [], lower: [], upper: [] };
  const halfBand = FLAG_Z * scale;
  for (let t = 0; t < n; t++) {
    const centre = expected[t] ?? 0;
    const residual = residuals[t] ?? Number.NaN;
    const score = Number.isFinite(residual) ? scoreOf(residual, scale) : 0;
    result.score.push(score);
    result.flags.push(score >= 0.5);
    result.expected.push(finite(centre * magnitude));
    result.lower.push(finite((centre - halfBand) * magnitude));
    result.upper.push(finite((centre + halfBand) * magnitude));
  }
  return result;
}

/**
 * z² / (z² + FLAG_Z²): 0.5 exactly at the flag threshold, approaching 1 far beyond it. Written as
 * 1 / (1 + (FLAG_Z / z)²) so an enormous z cannot overflow into NaN.
 */
function scoreOf(residual: number, scale: number): number {
  if (residual === 0) return 0;
  const inverse = (FLAG_Z * scale) / residual;
  return 1 / (1 + inverse * inverse);
}

function finite(value: number): number {
  return Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, value));
}
