import { keyFor, type Reader } from '@/lib/util/message-keys';
import { redactionSummary } from './preview';
import type { Snapshot } from '@/lib/snapshots/format/schema';
import { findingViews, KPI_COLUMN_KEYS, kpiRows, periodText, subjectName } from './view';

/**
 * A summary to paste into a chat, in the reader's language. Names and sentences are someone's
 * text: Markdown syntax in them is escaped and line breaks flattened, so they cannot restyle the
 * message or add links.
 */
export function snapshotMarkdown(snapshot: Snapshot, reader: Reader): string {
  const { t, locale } = reader;
  const lines = [
    `**${escapeMarkdown(t('snapshotTitle', subjectName(snapshot, reader)))}**`,
    periodText(snapshot, reader),
    `_${redactionSummary(snapshot, reader)}_`,
  ];
  const rows = kpiRows(snapshot, reader);
  if (rows.length > 0) {
    lines.push(
      '',
      `| ${KPI_COLUMN_KEYS.map((key) => t(key)).join(' | ')} |`,
      '| --- | ---: | ---: | ---: |',
    );
    for (const row of rows) {
      lines.push(`| ${row.label} | ${row.current} | ${row.previous} | ${row.change} |`);
    }
  }
  const findings = findingViews(snapshot, reader);
  if (findings.length > 0) {
    lines.push('', `**${t('panelFindings')}**`);
    for (const finding of findings) {
      const severity = t(keyFor('severity', finding.severity)).toLocaleUpperCase(locale);
      const next = finding.nextStep
        ? ` ${t('findingNextStep', escapeMarkdown(finding.nextStep))}`
        : '';
      lines.push(
        `- ${severity}, ${escapeMarkdown(finding.subject)}: ${escapeMarkdown(finding.sentence)}${next}`,
      );
      const explanation = finding.explanation;
      if (explanation) {
        lines.push(`  - ${t('explainButton')}: ${escapeMarkdown(explanation.sentence)}`);
        for (const bar of explanation.bars) {
          const values = bar.values ? `; ${explanation.valueLabel} ${bar.values}` : '';
          lines.push(
            `  - ${escapeMarkdown(bar.label)}: ${escapeMarkdown(explanation.measure)} ${bar.shares}${values}`,
          );
        }
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|~]/g, '\\$&');
}
