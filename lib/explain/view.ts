import type { ExplainMetric, ExplainView, Explanation } from '@/lib/schema/explain';
import { EXPLAIN_MEASURES, type Measure } from './measures';

/** An explanation as the insight panel shows it; formatted in the background to keep the page's script small. */
const WEIGHT: Readonly<Record<ExplainMetric, string>> = {
  spend: 'Share of spend',
  impressions: 'Share of impressions',
  conversions: 'Share of purchases',
  cpm: 'Share of impressions',
  ctr: 'Share of impressions',
  cpc: 'Share of link clicks',
  cpa: 'Share of spend',
  roas: 'Share of spend',
};

export function explainView(explanation: Explanation): ExplainView {
  const { baseline, affected } = explanation;
  // A segment's own sum is not comparable across periods of different lengths; its ratio is.
  const ratio = (EXPLAIN_MEASURES[explanation.metric] as Measure).denominator !== undefined;
  return {
    metric: explanation.metric,
    sentence: explanation.sentence,
    measure: WEIGHT[explanation.metric],
    bars: explanation.segments.map((segment) => ({
      label: segment.label,
      before: segment.weightBefore,
      after: segment.weightAfter,
      named: segment.named,
      valueBefore: ratio ? segment.valueBefore : null,
      valueAfter: ratio ? segment.valueAfter : null,
    })),
    note: `${affected.since} – ${affected.until} against ${baseline.since} – ${baseline.until}; read from Meta on request (${explanation.requests} requests), kept with the finding.`,
  };
}
