import type { Metric } from '@/lib/anomaly';
import type { AdditiveMetric } from '@/lib/insight/kpis';
import { EXPLAIN_METRICS, type ExplainMetric } from '@/lib/schema/explain';

export { EXPLAIN_METRICS, type ExplainMetric };

/**
 * How each finding metric is built from additive columns, for decomposing its change by segment.
 * A ratio is `numerator / denominator`; its segments are weighted by their share of the
 * denominator (CPM by impressions, ROAS by spend). CPA is decomposed through its inverse,
 * purchases per unit of spend (weighted by spend), so a segment whose purchases fall to zero still
 * has a finite rate and the decomposition stays exact. Frequency is left out: reach is not additive
 * across segments.
 */
export type SegmentTotals = Readonly<Record<AdditiveMetric, number>>;

export interface Measure {
  readonly numerator: AdditiveMetric;
  /** Absent for an additive metric (spend, impressions, purchases). */
  readonly denominator?: AdditiveMetric;
  /** The finding's metric is the inverse of the decomposed ratio (CPA = 1 / purchases per spend). */
  readonly inverted?: boolean;
  /** Counts too small for shares to be trusted without a significance test. */
  readonly sparse?: AdditiveMetric;
}

export const EXPLAIN_MEASURES = {
  spend: { numerator: 'spend' },
  impressions: { numerator: 'impressions' },
  conversions: { numerator: 'purchases', sparse: 'purchases' },
  cpm: { numerator: 'spend', denominator: 'impressions' },
  ctr: { numerator: 'inlineLinkClicks', denominator: 'impressions', sparse: 'inlineLinkClicks' },
  cpc: { numerator: 'spend', denominator: 'inlineLinkClicks', sparse: 'inlineLinkClicks' },
  cpa: { numerator: 'purchases', denominator: 'spend', inverted: true, sparse: 'purchases' },
  roas: { numerator: 'purchaseValue', denominator: 'spend', sparse: 'purchases' },
} as const satisfies Record<ExplainMetric, Measure> & Partial<Record<Metric, Measure>>;

export function isExplainMetric(metric: string): metric is ExplainMetric {
  return (EXPLAIN_METRICS as readonly string[]).includes(metric);
}

/** The metric as a finding states it (CPM per thousand, CPA as cost per purchase). */
export function metricValue(metric: ExplainMetric, totals: SegmentTotals): number {
  const measure: Measure = EXPLAIN_MEASURES[metric];
  const numerator = totals[measure.numerator];
  if (!measure.denominator) return numerator;
  const denominator = totals[measure.denominator];
  const scale = metric === 'cpm' ? 1000 : 1;
  if (measure.inverted) return numerator > 0 ? (denominator / numerator) * scale : Infinity;
  return denominator > 0 ? (numerator / denominator) * scale : 0;
}
