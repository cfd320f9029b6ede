import { LEVEL_LABELS } from './aliases';
import { previousPeriod } from '@/lib/util/dates';
import { formatChange, formatMetric, METRIC_LABELS, metricHeading } from './format';
import type { Explanation, Metric, Severity, Snapshot } from './schema';

/** A snapshot as display text: what the viewer, the Markdown summary and the image all show. */

export interface KpiRowView {
  readonly metric: Metric;
  readonly label: string;
  readonly current: string;
  readonly previous: string;
  readonly change: string;
}

export interface FindingView {
  readonly severity: Severity;
  readonly subject: string;
  readonly sentence: string;
  readonly nextStep: string;
  readonly explanation?: ExplanationView;
}

/** Explain's answer as the viewer's chart and the Markdown summary show it. */
export interface ExplanationView {
  readonly sentence: string;
  /** "Share of impressions": what the shares are of. */
  readonly measure: string;
  /** "CPM": what the segments' values are, when they have any. */
  readonly valueLabel: string;
  readonly bars: readonly {
    readonly label: string;
    readonly before: number;
    readonly after: number;
    readonly named: boolean;
    /** "12 % → 41 %". */
    readonly shares: string;
    /** "¥312 → ¥1,270"; absent for a sum, or for money redacted to an index. */
    readonly values?: string;
  }[];
}

export interface SeriesView {
  readonly metric: Metric;
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** The last day's value, formatted. */
  readonly latest: string;
}

export function kpiRows(snapshot: Snapshot): KpiRowView[] {
  return snapshot.kpis.map(({ metric, current, previous }) => ({
    metric,
    label: metricHeading(metric, snapshot.currency),
    current: formatMetric(metric, current, snapshot.currency),
    previous: formatMetric(metric, previous, snapshot.currency),
    change: formatChange(current, previous),
  }));
}

export function findingViews(snapshot: Snapshot): FindingView[] {
  return snapshot.findings.map((finding) => ({
    severity: finding.severity,
    subject: snapshot.entities[finding.entity]?.name ?? '',
    sentence: finding.sentence,
    nextStep: finding.nextStep,
    ...(finding.explanation
      ? { explanation: explanationView(finding.explanation, snapshot.currency) }
      : {}),
  }));
}

const share = (fraction: number) => `${Math.round(fraction * 100)} %`;

function explanationView(explanation: Explanation, currency: string): ExplanationView {
  const value = (amount: number | null) => formatMetric(explanation.metric, amount, currency);
  return {
    sentence: explanation.sentence,
    measure: explanation.measure,
    valueLabel: metricHeading(explanation.metric, currency),
    bars: explanation.segments.map(({ label, before, after, named, values }) => ({
      label,
      before,
      after,
      named,
      shares: `${share(before)} → ${share(after)}`,
      ...(values ? { values: `${value(values.before)} → ${value(values.after)}` } : {}),
    })),
  };
}

export function seriesViews(snapshot: Snapshot): SeriesView[] {
  return snapshot.series.map(({ metric, values }) => ({
    metric,
    label: metricHeading(metric, snapshot.currency),
    values,
    latest: formatMetric(metric, values.at(-1) ?? null, snapshot.currency),
  }));
}

export interface EntityView {
  readonly name: string;
  readonly levelLabel: string;
  readonly parent: number | null;
}

export function entityViews(snapshot: Snapshot): EntityView[] {
  return snapshot.entities.map((entity) => ({
    name: entity.name,
    levelLabel: LEVEL_LABELS[entity.level],
    parent: entity.parent,
  }));
}

export function subjectName(snapshot: Snapshot): string {
  return snapshot.entities[snapshot.subject]?.name ?? '';
}

/** "2024-05-01 to 2024-05-28, against 2024-04-03 to 2024-04-30". */
export function periodText(snapshot: Snapshot): string {
  const before = previousPeriod(snapshot.range);
  return `${snapshot.range.since} to ${snapshot.range.until}, against ${before.since} to ${before.until}`;
}

export function metricList(metrics: readonly Metric[]): string {
  return metrics.map((metric) => METRIC_LABELS[metric]).join(', ');
}
