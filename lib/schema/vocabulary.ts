import { keyFor, type MessageKey } from '@/lib/util/message-keys';

/**
 * Adlens' vocabulary, declared once: the levels of Meta's entity tree, Meta's delivery statuses,
 * severities with their one order, and the metrics with their units and labels. Every module names
 * these words from here; a list elsewhere is a choice among them (the panel's trends, what Explain
 * decomposes), typed against them. The kinds of finding are declared where their detectors are
 * listed (lib/anomaly/detectors/index.ts). The snapshot format keeps its own frozen copy on purpose
 * (lib/snapshots/format/schema.ts; tests/unit/schema/vocabulary.test.ts says where it differs).
 */

/** The levels of an ad account's tree Adlens keeps entities and series for. */
export const ENTITY_LEVELS = ['campaign', 'adset', 'ad'] as const;
export type EntityLevel = (typeof ENTITY_LEVELS)[number];

/** What a finding, the insight panel or a snapshot can be about: the account or one entity. */
export const SUBJECT_LEVELS = ['account', ...ENTITY_LEVELS] as const;
export type SubjectLevel = (typeof SUBJECT_LEVELS)[number];

/**
 * Graph `effective_status` of campaigns, ad sets and ads. Only `ACTIVE` is expected to deliver:
 * every other status (paused, archived, deleted, in review, rejected, with issues, billing) explains
 * silence, so a silent entity with such a status is never a delivery stop.
 */
export type EffectiveStatus =
  | 'ACTIVE'
  | 'PAUSED'
  | 'DELETED'
  | 'ARCHIVED'
  | 'IN_PROCESS'
  | 'WITH_ISSUES'
  | 'CAMPAIGN_PAUSED'
  | 'ADSET_PAUSED'
  | 'DISAPPROVED'
  | 'PENDING_REVIEW'
  | 'PREAPPROVED'
  | 'PENDING_BILLING_INFO';

/** Severities from the mildest to the most severe: the one order every list of findings uses. */
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** A sort order: the most severe first, then the strongest evidence. */
export function mostSevereFirst(
  a: { readonly severity: Severity; readonly score: number },
  b: { readonly severity: Severity; readonly score: number },
): number {
  return severityRank(b.severity) - severityRank(a.severity) || b.score - a.score;
}

/**
 * Every metric Adlens shows or reasons about, named as the panel and snapshots name them (the
 * cache stores Graph's columns, lib/schema/insights.ts; lib/insight/kpis.ts derives these).
 */
export const METRICS = [
  'spend',
  'impressions',
  'reach',
  'frequency',
  'clicks',
  'link_clicks',
  'ctr',
  'cpc',
  'cpm',
  'conversions',
  'cpa',
  'conversion_value',
  'roas',
] as const;
export type Metric = (typeof METRICS)[number];

/**
 * How a metric's numbers read: `money` in the account currency (minor units inside Adlens), `count`
 * events, `fraction` a share (0.012 = 1.2 %), `ratio` a plain multiple (frequency, ROAS).
 */
export type MetricUnit = 'money' | 'count' | 'fraction' | 'ratio';
export const METRIC_UNITS: Readonly<Record<Metric, MetricUnit>> = {
  spend: 'money',
  impressions: 'count',
  reach: 'count',
  frequency: 'ratio',
  clicks: 'count',
  link_clicks: 'count',
  ctr: 'fraction',
  cpc: 'money',
  cpm: 'money',
  conversions: 'count',
  cpa: 'money',
  conversion_value: 'money',
  roas: 'ratio',
};

/** A metric's name in the catalogues (`kpiLinkClicks`); the trade's abbreviations stay as they are. */
export function metricLabelKey(metric: Metric): MessageKey {
  return keyFor('kpi', metric);
}
