import type { Explanation, ExplainedSegment, ExplainSubject } from '@/lib/schema/explain';
import { MAX_EXPLAINED_SEGMENTS } from '@/lib/schema/explain';
import { decompose, type SegmentEffect, type SegmentPair } from './decompose';
import { DIMENSIONS } from './dimensions';
import type { ExplainMetric } from './measures';
import { explanationSentence, segmentLabel } from './words';

export { decompose, decomposeDimension, type SegmentPair } from './decompose';
export { DIMENSIONS, REQUEST_GROUPS, type Dimension } from './dimensions';
export { EXPLAIN_METRICS, isExplainMetric, type ExplainMetric } from './measures';
export { segmentsFromRows } from './segments';

export interface Period {
  readonly since: string;
  readonly until: string;
}

export interface ExplainInput {
  readonly metric: ExplainMetric;
  readonly segments: readonly SegmentPair[];
  /** The whole the segments are part of (the account, the ad set). */
  readonly subject: ExplainSubject;
  readonly baseline: Period;
  readonly affected: Period;
  readonly requests: number;
  readonly fetchedAt: number;
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

function toSegment(effect: SegmentEffect, named: boolean): ExplainedSegment {
  return {
    dimension: effect.dimension,
    value: effect.value,
    label: segmentLabel(effect.dimension, effect.value),
    share: effect.share,
    mix: effect.mix,
    rate: effect.rate,
    weightBefore: effect.weightBefore,
    weightAfter: effect.weightAfter,
    valueBefore: finite(effect.valueBefore),
    valueAfter: finite(effect.valueAfter),
    named,
  };
}

/**
 * The explanation the panel shows: the sentence, and for the chart the named segments first, then
 * the largest others of the same breakdown. When nothing stands out, the chart shows the largest
 * placements, so the user sees they all moved alike.
 */
export function buildExplanation(input: ExplainInput): Explanation {
  const decomposition = decompose(input.metric, input.segments, DIMENSIONS);
  const best = decomposition.best;
  const shown = best ?? decomposition.dimensions[0];
  const named = new Set(best?.named.map((segment) => segment.value));
  const others = [...(shown?.segments ?? [])]
    .filter((segment) => !named.has(segment.value))
    .sort((a, b) => b.weightAfter + b.weightBefore - (a.weightAfter + a.weightBefore));
  const segments = [
    ...(best?.named ?? []).map((segment) => toSegment(segment, true)),
    ...others.map((segment) => toSegment(segment, false)),
  ].slice(0, MAX_EXPLAINED_SEGMENTS);
  return {
    metric: input.metric,
    baseline: input.baseline,
    affected: input.affected,
    before: finite(decomposition.before),
    after: finite(decomposition.after),
    sentence: explanationSentence(decomposition, input.subject),
    dimension: best?.dimension ?? null,
    segments,
    requests: input.requests,
    fetchedAt: input.fetchedAt,
  };
}
