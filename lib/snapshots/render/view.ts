import { formatDay, previousPeriod } from '@/lib/util/dates';
import { percent } from '@/lib/util/finding-text';
import { keyFor, type Reader } from '@/lib/util/message-keys';
import { metricLabel } from '@/lib/insight/format';
import { formatChange, formatMetric, metricHeading } from './format';
import { LEVEL_LABELS } from '@/lib/snapshots/build/aliases';
import {
  ALIAS_PATTERN,
  REGION_ALIAS_PATTERN,
  type EntityLevel,
  type Explanation,
  type Metric,
  type Severity,
  type Snapshot,
} from '@/lib/snapshots/format/schema';
import { listFormat } from '@/lib/util/intl';

/**
 * A snapshot as display text in its reader's language: what the viewer, the Markdown summary and
 * the image all show. Names and finding sentences are the snapshot's own text, as its sender wrote
 * them.
 */

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

/** The KPI table's column headings, as the insight panel has them. */
export const KPI_COLUMN_KEYS = [
  'kpiColumnMetric',
  'kpiColumnCurrent',
  'kpiColumnPrevious',
  'kpiColumnChange',
] as const;

export function kpiRows(snapshot: Snapshot, reader: Reader): KpiRowView[] {
  const { currency } = snapshot;
  return snapshot.kpis.map(({ metric, current, previous }) => ({
    metric,
    label: metricHeading(metric, currency, reader),
    current: formatMetric(metric, current, currency, reader.locale),
    previous: formatMetric(metric, previous, currency, reader.locale),
    change: formatChange(current, previous, reader.locale),
  }));
}

export function findingViews(snapshot: Snapshot, reader: Reader): FindingView[] {
  return snapshot.findings.map((finding) => ({
    severity: finding.severity,
    subject: nameShown(snapshot, finding.entity, reader),
    sentence: finding.sentence,
    nextStep: finding.nextStep,
    ...(finding.explanation
      ? { explanation: explanationView(finding.explanation, snapshot.currency, reader) }
      : {}),
  }));
}

function explanationView(
  explanation: Explanation,
  currency: string,
  reader: Reader,
): ExplanationView {
  const value = (amount: number | null) =>
    formatMetric(explanation.metric, amount, currency, reader.locale);
  return {
    sentence: explanation.sentence,
    measure: explanation.measure,
    valueLabel: metricHeading(explanation.metric, currency, reader),
    bars: explanation.segments.map(({ dimension, label, before, after, named, values }) => ({
      label: dimension === 'region' ? regionShown(label, reader) : label,
      before,
      after,
      named,
      shares: `${percent(before, reader.locale)} → ${percent(after, reader.locale)}`,
      ...(values ? { values: `${value(values.before)} → ${value(values.after)}` } : {}),
    })),
  };
}

export function seriesViews(snapshot: Snapshot, reader: Reader): SeriesView[] {
  return snapshot.series.map(({ metric, values }) => ({
    metric,
    label: metricHeading(metric, snapshot.currency, reader),
    values,
    latest: formatMetric(metric, values.at(-1) ?? null, snapshot.currency, reader.locale),
  }));
}

export interface EntityView {
  readonly name: string;
  readonly levelLabel: string;
  readonly parent: number | null;
}

export function entityViews(snapshot: Snapshot, reader: Reader): EntityView[] {
  return snapshot.entities.map((entity, index) => ({
    name: nameShown(snapshot, index, reader),
    levelLabel: reader.t(keyFor('levelLabel', entity.level)),
    parent: entity.parent,
  }));
}

export function subjectName(snapshot: Snapshot, reader: Reader): string {
  return nameShown(snapshot, snapshot.subject, reader);
}

/**
 * An entity's name as the reader sees it. Stand-in names are part of the file format and English
 * ("Campaign A.1"); a redacted snapshot shows them with the reader's word for the level
 * ("Kampagne A.1"). A real name is shown as it is.
 */
export function nameShown(snapshot: Snapshot, index: number, reader: Reader): string {
  const entity = snapshot.entities[index];
  if (!entity) return '';
  return snapshot.redaction.names === 'kept' ? entity.name : aliasShown(entity, reader);
}

/** A region's stand-in name ("Region 2") in the reader's words; a real region name as it is. */
function regionShown(label: string, { t }: Reader): string {
  return REGION_ALIAS_PATTERN.test(label)
    ? t('snapshotRegionAlias', Number(label.slice(label.indexOf(' ') + 1)))
    : label;
}

/** "Campaign A.1" with the reader's word for the level; anything else as it is. */
export function aliasShown(
  { name, level }: { readonly name: string; readonly level: EntityLevel },
  { t }: Reader,
): string {
  const english = LEVEL_LABELS[level];
  if (!ALIAS_PATTERN.test(name) || !name.startsWith(english)) return name;
  const path = name.slice(english.length).trim();
  const word = t(keyFor('levelLabel', level));
  return path ? `${word} ${path}` : word;
}

/** "May 1, 2024 – May 28, 2024, against Apr 3, 2024 – Apr 30, 2024", as the insight panel says it. */
export function periodText(snapshot: Snapshot, { t, locale }: Reader): string {
  const before = previousPeriod(snapshot.range);
  const day = (date: string) => formatDay(date, locale);
  return t(
    'panelPeriod',
    day(snapshot.range.since),
    day(snapshot.range.until),
    day(before.since),
    day(before.until),
  );
}

/** "Amount spent, Impressions and Purchases": a list as the reader's language writes one. */
export function metricList(metrics: readonly Metric[], { t, locale }: Reader): string {
  return listText(
    metrics.map((metric) => metricLabel(metric, t)),
    locale,
  );
}

export function listText(items: readonly string[], locale: string | undefined): string {
  return listFormat(locale, { type: 'conjunction' }).format(items);
}
