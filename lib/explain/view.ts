import type { ExplainView, Explanation } from '@/lib/schema/explain';
import { EXPLAIN_MEASURES, type Measure } from './measures';
import { measureMessage } from './words';

/**
 * An explanation as the insight panel shows it: numbers and messages, which the panel writes in
 * the page's language (lib/util/finding-text).
 */
export function explainView(explanation: Explanation): ExplainView {
  const { baseline, affected } = explanation;
  // A segment's own sum is not comparable across periods of different lengths; its ratio is.
  const ratio = (EXPLAIN_MEASURES[explanation.metric] as Measure).denominator !== undefined;
  return {
    metric: explanation.metric,
    sentence: explanation.sentence,
    measure: measureMessage(explanation.metric),
    bars: explanation.segments.map((segment) => ({
      label: segment.label,
      before: segment.weightBefore,
      after: segment.weightAfter,
      named: segment.named,
      valueBefore: ratio ? segment.valueBefore : null,
      valueAfter: ratio ? segment.valueAfter : null,
    })),
    note: {
      key: 'explainNote',
      args: [
        { type: 'date', value: affected.since },
        { type: 'date', value: affected.until },
        { type: 'date', value: baseline.since },
        { type: 'date', value: baseline.until },
        { type: 'plural', value: explanation.requests },
      ],
    },
  };
}
