import { aliasNames } from './aliases';
import { daysInRange } from '@/lib/util/dates';
import type { EntityLevel, Snapshot } from './schema';
import { metricList, periodText, subjectName } from './view';

/** One line of "what this snapshot holds", shown before anything is exported or saved. */
export interface PreviewLine {
  readonly label: string;
  readonly value: string;
}

const LEVEL_NOUNS: Readonly<Record<EntityLevel, [string, string]>> = {
  account: ['account', 'accounts'],
  campaign: ['campaign', 'campaigns'],
  adset: ['ad set', 'ad sets'],
  ad: ['ad', 'ads'],
};

/**
 * Exactly what the snapshot carries, field by field of the format. The format is strict, so there
 * is nothing else in it; the last line says so.
 */
export function describeSnapshot(snapshot: Snapshot): PreviewLine[] {
  const days = daysInRange(snapshot.range.since, snapshot.range.until);
  return [
    { label: 'Period', value: `${periodText(snapshot)} (${plural(days, 'day', 'days')} each)` },
    { label: 'About', value: subjectName(snapshot) },
    { label: 'Entities', value: entityCounts(snapshot) },
    { label: 'Names', value: namesText(snapshot) },
    { label: 'Ids', value: idsText(snapshot) },
    { label: 'Money', value: moneyText(snapshot) },
    {
      label: 'KPIs',
      value: snapshot.kpis.length
        ? `${metricList(snapshot.kpis.map((kpi) => kpi.metric))}, this period and the one before`
        : 'None',
    },
    {
      label: 'Daily series',
      value: snapshot.series.length
        ? `${metricList(snapshot.series.map((line) => line.metric))}, one value per day`
        : 'None',
    },
    { label: 'Findings', value: findingsText(snapshot) },
    {
      label: 'Nothing else',
      value: 'No access token, no business details, no settings, no links.',
    },
  ];
}

/** "Names replaced with aliases, ids removed, money as an index": the redaction in one line. */
export function redactionSummary({ redaction, currency }: Snapshot): string {
  return [
    redaction.names === 'aliased' ? 'Names replaced with aliases' : 'Real names',
    redaction.ids === 'dropped' ? 'ids removed' : 'Meta ids included',
    redaction.money === 'index' ? 'money as an index' : `money in ${currency}`,
  ].join(', ');
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function entityCounts({ entities }: Snapshot): string {
  return (Object.keys(LEVEL_NOUNS) as EntityLevel[])
    .map((level) => [level, entities.filter((entity) => entity.level === level).length] as const)
    .filter(([, count]) => count > 0)
    .map(([level, count]) => plural(count, ...LEVEL_NOUNS[level]))
    .join(', ');
}

function namesText(snapshot: Snapshot): string {
  if (snapshot.redaction.names === 'kept') return 'Real names, as in Ads Manager';
  const examples = aliasNames(snapshot.entities).slice(0, 3).join(', ');
  return `Replaced with aliases (${examples})`;
}

function idsText(snapshot: Snapshot): string {
  return snapshot.redaction.ids === 'kept'
    ? 'Included: the Meta ids of the account and of each entity'
    : 'Removed';
}

function moneyText(snapshot: Snapshot): string {
  return snapshot.redaction.money === 'amounts'
    ? `Amounts in ${snapshot.currency}`
    : 'An index, no amounts or currency (KPIs: previous period = 100; daily series: first day = 100)';
}

function findingsText({ findings }: Snapshot): string {
  if (findings.length === 0) return 'None';
  const bySeverity = (['critical', 'warning', 'info'] as const)
    .map(
      (severity) =>
        [severity, findings.filter((item) => item.severity === severity).length] as const,
    )
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(', ');
  const explained = findings.filter((item) => item.explanation).length;
  const explanations = explained
    ? `; ${explained} with Explain's answer (its sentence and the top segments' shares)`
    : '';
  return `${findings.length} (${bySeverity}), each a sentence and a next step${explanations}`;
}
