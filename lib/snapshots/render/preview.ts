import { daysInRange } from '@/lib/util/dates';
import { keyFor, type Reader } from '@/lib/util/message-keys';
import { aliasNames } from '@/lib/snapshots/build/aliases';
import { ENTITY_LEVELS, SEVERITIES, type Snapshot } from '@/lib/snapshots/format/schema';
import { aliasShown, listText, metricList, periodText, subjectName } from './view';

/** One line of "what this snapshot holds", shown before anything is exported or saved. */
export interface PreviewLine {
  readonly label: string;
  readonly value: string;
}

/**
 * Exactly what the snapshot carries, field by field of the format, in the reader's language. The
 * format is strict, so there is nothing else in it; the last line says so.
 */
export function describeSnapshot(snapshot: Snapshot, reader: Reader): PreviewLine[] {
  const { t } = reader;
  const days = daysInRange(snapshot.range.since, snapshot.range.until);
  const { kpis, series } = snapshot;
  return [
    {
      label: t('snapshotFactPeriod'),
      value: t('snapshotFactPeriodValue', periodText(snapshot, reader), days),
    },
    { label: t('snapshotFactAbout'), value: subjectName(snapshot, reader) },
    { label: t('snapshotFactEntities'), value: entityCounts(snapshot, reader) },
    { label: t('snapshotFactNames'), value: namesText(snapshot, reader) },
    {
      label: t('snapshotFactIds'),
      value: t(snapshot.redaction.ids === 'kept' ? 'snapshotIdsKept' : 'snapshotIdsDropped'),
    },
    {
      label: t('snapshotFactMoney'),
      value:
        snapshot.redaction.money === 'amounts'
          ? t('snapshotMoneyAmounts', snapshot.currency)
          : t('snapshotMoneyIndex'),
    },
    {
      label: t('panelKpis'),
      value: kpis.length
        ? t(
            'snapshotKpisValue',
            metricList(
              kpis.map((kpi) => kpi.metric),
              reader,
            ),
          )
        : t('snapshotNone'),
    },
    {
      label: t('snapshotSeries'),
      value: series.length
        ? t(
            'snapshotSeriesValue',
            metricList(
              series.map((line) => line.metric),
              reader,
            ),
          )
        : t('snapshotNone'),
    },
    { label: t('panelFindings'), value: findingsText(snapshot, reader) },
    { label: t('snapshotFactNothingElse'), value: t('snapshotNothingElse') },
  ];
}

/** "Names replaced with aliases, ids removed, money as an index": the redaction in one line. */
export function redactionSummary({ redaction, currency }: Snapshot, { t }: Reader): string {
  return t(
    'snapshotRedaction',
    t(redaction.names === 'aliased' ? 'snapshotRedactionAliased' : 'snapshotRedactionRealNames'),
    t(redaction.ids === 'dropped' ? 'snapshotRedactionIdsDropped' : 'snapshotRedactionIdsKept'),
    redaction.money === 'index'
      ? t('snapshotRedactionIndex')
      : t('snapshotRedactionAmounts', currency),
  );
}

/** "1 account, 1 campaign, 2 ad sets and 1 ad", each count with its plural form. */
function entityCounts({ entities }: Snapshot, { t, locale }: Reader): string {
  const counts = ENTITY_LEVELS.map(
    (level) => [level, entities.filter((entity) => entity.level === level).length] as const,
  ).filter(([, count]) => count > 0);
  return listText(
    counts.map(([level, count]) => t(keyFor('snapshotCount', level), count)),
    locale,
  );
}

function namesText(snapshot: Snapshot, reader: Reader): string {
  const { t, locale } = reader;
  if (snapshot.redaction.names === 'kept') return t('snapshotNamesKept');
  const aliases = aliasNames(snapshot.entities)
    .slice(0, 3)
    .map((name, index) => aliasShown({ name, level: snapshot.entities[index]!.level }, reader));
  return t('snapshotNamesAliased', listText(aliases, locale));
}

/**
 * "2 findings (1 critical and 1 warning), each a sentence and a next step", and how many carry
 * Explain's answer.
 */
function findingsText({ findings }: Snapshot, { t, locale }: Reader): string {
  if (findings.length === 0) return t('snapshotNone');
  const bySeverity = SEVERITIES.map((severity) => ({
    severity,
    count: findings.filter((item) => item.severity === severity).length,
  }))
    .filter(({ count }) => count > 0)
    .reverse()
    .map(({ severity, count }) => t(keyFor('snapshotSeverityCount', severity), count));
  const explained = findings.filter((item) => item.explanation).length;
  const value = t('snapshotFindingsValue', findings.length, listText(bySeverity, locale));
  return explained ? t('snapshotFindingsExplained', value, explained) : value;
}
