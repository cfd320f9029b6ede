import { redactionSummary } from './preview';
import type { Snapshot } from './schema';
import { findingViews, kpiRows, periodText, subjectName } from './view';

/**
 * A summary to paste into a chat. Names and sentences are someone's text: Markdown syntax in them
 * is escaped and line breaks flattened, so they cannot restyle the message or add links.
 */
export function snapshotMarkdown(snapshot: Snapshot): string {
  const lines = [
    `**Adlens snapshot: ${escapeMarkdown(subjectName(snapshot))}**`,
    periodText(snapshot),
    `_${redactionSummary(snapshot)}_`,
  ];
  const rows = kpiRows(snapshot);
  if (rows.length > 0) {
    lines.push(
      '',
      '| Metric | This period | Previous period | Change |',
      '| --- | ---: | ---: | ---: |',
    );
    for (const row of rows) {
      lines.push(`| ${row.label} | ${row.current} | ${row.previous} | ${row.change} |`);
    }
  }
  const findings = findingViews(snapshot);
  if (findings.length > 0) {
    lines.push('', '**Findings**');
    for (const finding of findings) {
      const next = finding.nextStep ? ` Next: ${escapeMarkdown(finding.nextStep)}` : '';
      lines.push(
        `- ${finding.severity.toUpperCase()}, ${escapeMarkdown(finding.subject)}: ${escapeMarkdown(finding.sentence)}${next}`,
      );
      const explanation = finding.explanation;
      if (explanation) {
        lines.push(`  - Explain: ${escapeMarkdown(explanation.sentence)}`);
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
