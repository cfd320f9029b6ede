import { ADDITIVE_METRICS } from '@/lib/insight/kpis';
import type { Dimension } from './dimensions';
import {
  EXPLAIN_MEASURES,
  metricValue,
  type ExplainMetric,
  type Measure,
  type SegmentTotals,
} from './measures';

/**
 * Which segments explain a metric's move between a baseline and an affected period, after
 * Adtributor (Bhagwan et al., NSDI 2014): per segment, its *explanatory power* (its part of the
 * change) and its *surprise* (Jensen–Shannon divergence between its share before and after, of
 * the numerator and the denominator). A ratio's change is split exactly into a mix part (the
 * segment's share of the denominator moved, and it is dearer or cheaper than the whole) and a rate
 * part (the segment's own ratio moved), with midpoint weights so the parts add up to the change.
 * A segment is named only when it explains far more than its size would and its shares moved
 * beyond noise; otherwise the change is spread across segments and nothing stands out.
 */

export interface SegmentPair {
  readonly dimension: Dimension;
  readonly value: string;
  readonly before: SegmentTotals;
  readonly after: SegmentTotals;
}

export interface SegmentEffect {
  readonly dimension: Dimension;
  readonly value: string;
  /** Part of the change this segment explains (1 = all of it; may exceed 1 or be negative). */
  readonly share: number;
  readonly mix: number;
  readonly rate: number;
  readonly surprise: number;
  /** Share of the denominator (of the metric itself when additive), before and after. */
  readonly weightBefore: number;
  readonly weightAfter: number;
  /** The segment's own metric, before and after, as the finding states the metric. */
  readonly valueBefore: number;
  readonly valueAfter: number;
}

export interface DimensionResult {
  readonly dimension: Dimension;
  /** Summed surprise of the segments named; 0 when none. */
  readonly surprise: number;
  readonly named: readonly SegmentEffect[];
  /** Every segment, largest part of the change first, for the chart. */
  readonly segments: readonly SegmentEffect[];
}

/** Adtributor's thresholds: a set explains enough at 2/3; a member must explain a tenth. */
const ENOUGH_EXPLAINED = 0.67;
const MIN_MEMBER_SHARE = 0.1;
/** A named segment explains at least this much of the change ... */
const MIN_NAMED_SHARE = 0.3;
/** Every named segment explains this much more than its part of the numerator before (what a uniform move would give it). */
const MIN_EXCESS_SHARE = 0.2;
/** Jensen–Shannon surprise below this is day-to-day jitter of shares (measured on clean worlds). */
const MIN_SURPRISE = 0.003;
/** Sparse counts (purchases, clicks) must move this many standard deviations. */
const MIN_Z = 3;

const safeDiv = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** The whole of one side, summed over a dimension's segments (each dimension sums to the entity). */
function totalsOf(segments: readonly SegmentPair[], side: 'before' | 'after'): SegmentTotals {
  const totals = Object.fromEntries(ADDITIVE_METRICS.map((key) => [key, 0])) as Record<
    keyof SegmentTotals,
    number
  >;
  for (const segment of segments)
    for (const key of ADDITIVE_METRICS) totals[key] += segment[side][key];
  return totals;
}

/** One segment's term of the Jensen–Shannon divergence between shares p (before) and q (after). */
export function jsTerm(p: number, q: number): number {
  const m = (p + q) / 2;
  const term = (x: number) => (x > 0 ? x * Math.log(x / m) : 0);
  return m > 0 ? (term(p) + term(q)) / 2 : 0;
}

/** The decomposed ratio as a rate per unit of denominator (CPA: purchases per unit of spend). */
function rateOf(measure: Measure, totals: SegmentTotals): number {
  return measure.denominator
    ? safeDiv(totals[measure.numerator], totals[measure.denominator])
    : totals[measure.numerator];
}

function weightOf(measure: Measure, totals: SegmentTotals): number {
  return totals[measure.denominator ?? measure.numerator];
}

/** Poisson z of a sparse count against what it would be had the segment moved like the whole. */
function sparseZ(measure: Measure, segment: SegmentPair, growth: number): number {
  if (!measure.sparse) return Infinity;
  const before = segment.before[measure.sparse];
  const after = segment.after[measure.sparse];
  const expected = before * growth;
  return Math.abs(after - expected) / Math.sqrt(expected + after + 1);
}

export function decomposeDimension(
  metric: ExplainMetric,
  dimension: Dimension,
  segments: readonly SegmentPair[],
): DimensionResult {
  const measure: Measure = EXPLAIN_MEASURES[metric];
  const own = segments.filter((segment) => segment.dimension === dimension);
  const before = totalsOf(own, 'before');
  const after = totalsOf(own, 'after');
  const weight0 = weightOf(measure, before);
  const weight1 = weightOf(measure, after);
  const rate0 = rateOf(measure, before);
  const rate1 = rateOf(measure, after);
  const change = measure.denominator
    ? rate1 - rate0
    : after[measure.numerator] - before[measure.numerator];
  const meanRate = (rate0 + rate1) / 2;
  const num0 = before[measure.numerator];
  const num1 = after[measure.numerator];
  const sparseGrowth = measure.sparse ? safeDiv(after[measure.sparse], before[measure.sparse]) : 1;

  const effects = own.map((segment): Candidate => {
    const w0 = safeDiv(weightOf(measure, segment.before), weight0);
    const w1 = safeDiv(weightOf(measure, segment.after), weight1);
    const has0 = weightOf(measure, segment.before) > 0;
    const has1 = weightOf(measure, segment.after) > 0;
    // A segment absent on one side takes its other side's rate: its whole effect is then mix.
    const r0 = has0 ? rateOf(measure, segment.before) : rateOf(measure, segment.after);
    const r1 = has1 ? rateOf(measure, segment.after) : r0;
    let mix: number;
    let rate: number;
    if (measure.denominator) {
      mix = (w1 - w0) * ((r0 + r1) / 2 - meanRate);
      rate = ((w0 + w1) / 2) * (r1 - r0);
    } else {
      mix = 0;
      rate = segment.after[measure.numerator] - segment.before[measure.numerator];
    }
    const share = safeDiv(mix + rate, change);
    const numShare0 = safeDiv(segment.before[measure.numerator], num0);
    const numShare1 = safeDiv(segment.after[measure.numerator], num1);
    const countSurprise = jsTerm(numShare0, numShare1);
    // Impressions and spend are large volumes: a moved share of them is never sampling noise.
    const weightSurprise = measure.denominator ? jsTerm(w0, w1) : 0;
    const significant =
      weightSurprise >= MIN_SURPRISE ||
      (countSurprise >= MIN_SURPRISE && sparseZ(measure, segment, sparseGrowth) >= MIN_Z);
    return {
      dimension,
      value: segment.value,
      share,
      mix: safeDiv(mix, change),
      rate: safeDiv(rate, change),
      surprise: countSurprise + weightSurprise,
      weightBefore: w0,
      weightAfter: w1,
      valueBefore: metricValue(metric, segment.before),
      valueAfter: metricValue(metric, segment.after),
      // Had every segment moved alike, each would explain its part of the numerator before.
      excess: share - numShare0,
      significant,
    };
  });

  const named: SegmentEffect[] = [];
  let explained = 0;
  const candidates = [...effects]
    .filter((e) => e.share >= MIN_MEMBER_SHARE && e.significant && e.excess >= MIN_EXCESS_SHARE)
    .sort((a, b) => b.surprise - a.surprise);
  for (const candidate of candidates) {
    if (explained >= ENOUGH_EXPLAINED) break;
    if (named.length === 0 && candidate.share < MIN_NAMED_SHARE) continue;
    named.push(strip(candidate));
    explained += candidate.share;
  }
  return {
    dimension,
    surprise: named.reduce((s, e) => s + e.surprise, 0),
    named,
    segments: effects.map(strip).sort((a, b) => b.share - a.share),
  };
}

type Candidate = SegmentEffect & { readonly excess: number; readonly significant: boolean };

function strip(effect: Candidate): SegmentEffect {
  const { excess: _excess, significant: _significant, ...rest } = effect;
  return rest;
}

export interface Decomposition {
  readonly metric: ExplainMetric;
  readonly before: number;
  readonly after: number;
  /** The dimension that explains the change best; absent when nothing stands out. */
  readonly best?: DimensionResult;
  readonly dimensions: readonly DimensionResult[];
}

/**
 * Decomposes the change in every dimension and picks the one whose named segments are most
 * surprising. A coarser dimension that only restates a finer one (Instagram for Instagram Reels)
 * loses to it when the finer segment explains nearly as much.
 */
export function decompose(
  metric: ExplainMetric,
  segments: readonly SegmentPair[],
  dimensions: readonly Dimension[],
): Decomposition {
  const results = dimensions
    .map((dimension) => decomposeDimension(metric, dimension, segments))
    .filter((result) => result.segments.length > 0);
  const withNamed = results.filter((result) => result.named.length > 0);
  let best = [...withNamed].sort((a, b) => b.surprise - a.surprise)[0];
  const platform = withNamed.find((r) => r.dimension === 'publisher_platform');
  const position = withNamed.find((r) => r.dimension === 'platform_position');
  if (best === platform && position?.named[0] && platform?.named[0]) {
    const top = position.named[0];
    if (
      top.value.startsWith(`${platform.named[0].value}/`) &&
      top.share >= 0.8 * platform.named[0].share
    ) {
      best = position;
    }
  }
  const first = results[0]?.dimension;
  const own = segments.filter((segment) => segment.dimension === first);
  const whole = (side: 'before' | 'after') => metricValue(metric, totalsOf(own, side));
  return {
    metric,
    before: whole('before'),
    after: whole('after'),
    ...(best ? { best } : {}),
    dimensions: results,
  };
}
