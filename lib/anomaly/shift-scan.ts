import type { EntityView } from './account-view';
import { robustScale } from './robust';

/**
 * Tests of "the last k days differ from the weeks before them", for k from a few days up to six
 * weeks, so a problem is judged against the baseline from before it began and never quietly becomes
 * the new normal while it lasts.
 *
 * Rates are judged with their volume: events (clicks, conversions, conversion value) against
 * exposure (impressions, link clicks, conversions) under a quasi-Poisson model whose dispersion is
 * measured on the baseline, so a CTR drop on 40 impressions is noise and one on 400,000 is not.
 * A drift allowance of {@link LEVEL_DRIFT} keeps huge volumes from making tiny moves significant.
 */

/** Weeks of history a shift is compared against. */
export const BASELINE_DAYS = 28;
const MIN_BASELINE_DAYS = 10;
/** Relative wobble of a rate's level from one month to the next that is nobody's problem. */
const LEVEL_DRIFT = 0.05;
/** The floor of a log-ratio test's observed share: zero would have no logarithm. */
const MIN_LOG_RATIO_SHARE = 1e-3;
/** Prices never hold perfectly still from day to day: at least this spread of a day's log price. */
const MIN_PRICE_SPREAD = 0.02;
/** Orders never all cost the same: at least this spread of one order's log value. */
const MIN_VALUE_SPREAD = 0.1;
/** Trimmed mean of χ²(1) without its top tenth, to rescale a trimmed dispersion estimate. */
const TRIMMED_CHI_SQUARE_MEAN = 0.624;

/**
 * How a detector reads an entity for a scan: its events and their exposure, with its learning days
 * kept out of baselines.
 */
export function scanSeriesOf(
  observed: (entity: EntityView) => Float64Array,
  exposure: (entity: EntityView) => Float64Array,
): (entity: EntityView) => ScanSeries {
  return (entity) => ({
    observed: observed(entity),
    exposure: exposure(entity),
    excluded: entity.learningDays,
  });
}

export interface ScanSeries {
  /** Events per day. */
  readonly observed: Float64Array;
  /** Exposure per day, already scaled by weekday rhythm (and conversion completeness). */
  readonly exposure: Float64Array;
  /** 1 on days that must not serve as baseline (learning). */
  readonly excluded: Uint8Array;
}

export interface ShiftTest {
  /** First day of the tested window; the window ends on the last day. */
  readonly from: number;
  readonly observed: number;
  readonly expected: number;
  /** Variance of `observed` around `expected` without a shift. */
  readonly variance: number;
  /** Standardised difference; negative for a drop. */
  readonly z: number;
  /** observed / expected. */
  readonly ratio: number;
  /**
   * Baseline events per unit of exposure, and how many draws it rests on: events, or days for the
   * log-ratio scan of a price.
   */
  readonly baselineRate: number;
  readonly baselineEvents: number;
  /** Quasi-Poisson dispersion of the baseline (1 for log-ratio scans). */
  readonly dispersion: number;
  /** Whether z was measured on counts or on the log scale. */
  readonly scale: 'count' | 'log';
}

/**
 * The same test's z for another expectation of the same window (a mix-adjusted one): the count
 * variance is scaled with the expectation, which errs on the cautious side when it shrinks.
 */
export function zFor(test: ShiftTest, observed: number, expected: number): number {
  if (expected <= 0) return 0;
  if (test.scale === 'log') {
    const relativeSd = Math.sqrt(test.variance) / test.expected;
    return Math.log(Math.max(MIN_LOG_RATIO_SHARE, observed / expected)) / relativeSd;
  }
  return (observed - expected) / Math.sqrt((test.variance * expected) / test.expected);
}

export interface ScanLimits {
  readonly last: number;
  readonly minDays: number;
  readonly maxDays: number;
  /** With fewer baseline events or less exposure the rate is not known well enough to judge. */
  readonly minBaselineEvents: number;
  readonly minBaselineExposure: number;
}

/** One quasi-Poisson test per window length, longest baseline-backed windows included. */
export function scanCountShift(series: ScanSeries, limits: ScanLimits): ShiftTest[] {
  const tests: ShiftTest[] = [];
  for (let days = limits.minDays; days <= limits.maxDays; days++) {
    const from = limits.last - days + 1;
    const baseline = baselineDaysBefore(from, series);
    if (!baseline) break;
    let baselineEvents = 0;
    let baselineExposure = 0;
    for (const day of baseline) {
      baselineEvents += series.observed[day] ?? 0;
      baselineExposure += series.exposure[day] ?? 0;
    }
    if (!enoughBaseline(baselineEvents, baselineExposure, limits)) continue;
    const rate = baselineEvents / baselineExposure;
    const dispersion = countDispersion(series, baseline, rate);
    let observed = 0;
    let exposure = 0;
    for (let day = from; day <= limits.last; day++) {
      observed += series.observed[day] ?? 0;
      exposure += series.exposure[day] ?? 0;
    }
    const expected = rate * exposure;
    if (expected <= 0) continue;
    // The baseline rate is itself estimated from a count: its error adds to the window's.
    const variance =
      dispersion * expected +
      (expected * expected * dispersion) / Math.max(1, baselineEvents) +
      (LEVEL_DRIFT * expected) ** 2;
    tests.push({
      from,
      observed,
      expected,
      variance,
      z: (observed - expected) / Math.sqrt(variance),
      ratio: observed / expected,
      baselineRate: rate,
      baselineEvents,
      dispersion,
      scale: 'count',
    });
  }
  return tests;
}

/**
 * One test per window length on a ratio judged on the log scale (CPM: spend per impression), with
 * the day-to-day spread measured on the baseline: each day is one draw.
 */
export function scanLogRatioShift(series: ScanSeries, limits: ScanLimits): ShiftTest[] {
  return scanLogShift(series, limits, 'days');
}

/**
 * One test per window length of value per event (value per conversion), judged on the log scale
 * with its volume: the spread of one order's value is measured on the baseline (each day's
 * deviation weighted by the root of its orders), and a window's mean rests on its own orders, so
 * five orders at half the usual value say more than one, and fifty more than five.
 */
export function scanValuePerEventShift(series: ScanSeries, limits: ScanLimits): ShiftTest[] {
  return scanLogShift(series, limits, 'events');
}

/** What one independent draw of the ratio is: a day (a price), or an event (an order's value). */
type Draw = 'days' | 'events';

function scanLogShift(series: ScanSeries, limits: ScanLimits, draw: Draw): ShiftTest[] {
  const tests: ShiftTest[] = [];
  for (let days = limits.minDays; days <= limits.maxDays; days++) {
    const from = limits.last - days + 1;
    const baseline = baselineDaysBefore(from, series);
    if (!baseline) break;
    let baselineValue = 0;
    let baselineExposure = 0;
    for (const day of baseline) {
      baselineValue += series.observed[day] ?? 0;
      baselineExposure += series.exposure[day] ?? 0;
    }
    if (!enoughBaseline(baselineValue, baselineExposure, limits)) continue;
    const rate = baselineValue / baselineExposure;
    let value = 0;
    let exposure = 0;
    let activeDays = 0;
    for (let day = from; day <= limits.last; day++) {
      value += series.observed[day] ?? 0;
      exposure += series.exposure[day] ?? 0;
      if ((series.exposure[day] ?? 0) > 0) activeDays++;
    }
    if (exposure <= 0) continue;
    // A value that vanished entirely (a broken value parameter) is as far down as it gets.
    const logRatio = Math.log(Math.max(MIN_LOG_RATIO_SHARE, value / exposure / rate));
    const dayToDay = Math.max(MIN_PRICE_SPREAD, logSpread(series, baseline, rate));
    const byDays = logSd(dayToDay, activeDays, baseline.length);
    // Order values wander with each order and with the day (a promotion, a big client): whichever
    // says less is known counts.
    const sd =
      draw === 'days'
        ? byDays
        : Math.max(
            byDays,
            logSd(
              Math.max(MIN_VALUE_SPREAD, perEventSpread(series, baseline, rate)),
              exposure,
              baselineExposure,
            ),
          );
    const expected = rate * exposure;
    tests.push({
      from,
      observed: value,
      expected,
      variance: (sd * expected) ** 2,
      z: logRatio / sd,
      ratio: value / expected,
      baselineRate: rate,
      baselineEvents: draw === 'days' ? baseline.length : baselineExposure,
      dispersion: 1,
      scale: 'log',
    });
  }
  return tests;
}

/** The standard deviation of a window's log ratio against its baseline's. */
function logSd(spread: number, windowDraws: number, baselineDraws: number): number {
  return Math.sqrt(
    (spread * spread) / windowDraws + (spread * spread) / baselineDraws + LEVEL_DRIFT ** 2,
  );
}

/** The spread of one event's log value: each day's log deviation times the root of its events. */
function perEventSpread(series: ScanSeries, days: readonly number[], rate: number): number {
  const residuals = new Float64Array(days.length);
  let count = 0;
  for (const day of days) {
    const value = series.observed[day] ?? 0;
    const events = series.exposure[day] ?? 0;
    if (value > 0 && events > 0) {
      residuals[count++] = Math.log(value / events / rate) * Math.sqrt(events);
    }
  }
  return robustScale(residuals.subarray(0, count), residuals);
}

function enoughBaseline(events: number, exposure: number, limits: ScanLimits): boolean {
  return (
    events > 0 &&
    exposure > 0 &&
    events >= limits.minBaselineEvents &&
    exposure >= limits.minBaselineExposure
  );
}

/**
 * Up to {@link BASELINE_DAYS} usable days before `from`: not excluded, with exposure. Undefined
 * when fewer than {@link MIN_BASELINE_DAYS} exist, as no longer window can do better.
 */
function baselineDaysBefore(from: number, series: ScanSeries): number[] | undefined {
  const days: number[] = [];
  const earliest = Math.max(0, from - BASELINE_DAYS);
  for (let day = from - 1; day >= earliest; day--) {
    if (series.excluded[day] === 1 || (series.exposure[day] ?? 0) <= 0) continue;
    days.push(day);
  }
  return days.length >= MIN_BASELINE_DAYS ? days : undefined;
}

/** Quasi-Poisson dispersion: trimmed mean of squared Pearson residuals, at least 1. */
function countDispersion(series: ScanSeries, days: readonly number[], rate: number): number {
  let count = 0;
  let sum = 0;
  // The largest squares, dropped from the mean: a tenth of the days, at most a handful.
  const largest = [0, 0, 0];
  for (const day of days) {
    const expected = rate * (series.exposure[day] ?? 0);
    if (expected <= 0) continue;
    const residual = (series.observed[day] ?? 0) - expected;
    const square = (residual * residual) / expected;
    count++;
    sum += square;
    keepLargest(largest, square);
  }
  if (count === 0) return 1;
  const dropped = Math.min(largest.length, count - Math.max(1, Math.floor(count * 0.9)));
  const droppedSum = largest.slice(0, dropped).reduce((total, value) => total + value, 0);
  return Math.max(1, (sum - droppedSum) / (count - dropped) / TRIMMED_CHI_SQUARE_MEAN);
}

/** Keeps `largest` as the biggest values seen so far, in descending order. */
function keepLargest(largest: number[], value: number): void {
  for (let i = 0; i < largest.length; i++) {
    if (value <= (largest[i] ?? 0)) continue;
    largest.splice(i, 0, value);
    largest.pop();
    return;
  }
}

function logSpread(series: ScanSeries, days: readonly number[], rate: number): number {
  const residuals = new Float64Array(days.length);
  let count = 0;
  for (const day of days) {
    const value = series.observed[day] ?? 0;
    const exposure = series.exposure[day] ?? 0;
    if (value > 0 && exposure > 0) residuals[count++] = Math.log(value / exposure / rate);
  }
  return robustScale(residuals.subarray(0, count), residuals);
}
