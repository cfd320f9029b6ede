import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@/lib/share/create';
import { snapshotCsv } from '@/lib/share/csv';
import { formatChange, formatMetric } from '@/lib/share/format';
import { snapshotMarkdown } from '@/lib/share/markdown';
import { describeSnapshot } from '@/lib/share/preview';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/share/redact';
import { kpiRows } from '@/lib/share/view';
import { CREATED_AT, HOSTILE_NAME, sampleSource } from './fixtures';

const full = createSnapshot(sampleSource(), CREATED_AT);
const redacted = redactSnapshot(full, DEFAULT_REDACTION);

describe('describeSnapshot', () => {
  it('lists what a redacted snapshot holds', () => {
    const lines = Object.fromEntries(
      describeSnapshot(redacted).map((line) => [line.label, line.value]),
    );
    expect(lines).toMatchObject({
      Period: '2024-05-01 to 2024-05-14, against 2024-04-17 to 2024-04-30 (14 days each)',
      About: 'Campaign A',
      Entities: '1 account, 1 campaign, 2 ad sets, 1 ad',
      Names: 'Replaced with aliases (Account, Campaign A, Ad set A.1)',
      Ids: 'Removed',
      KPIs: 'Spend, Impressions, CTR, CPA, ROAS, this period and the one before',
      'Daily series': 'Spend, Impressions, CPA, one value per day',
      Findings: '2 (1 critical, 1 warning), each a sentence and a next step',
    });
    expect(lines.Money).toMatch(/^An index, no amounts or currency/);
  });

  it('says when names, ids and amounts are included', () => {
    const lines = Object.fromEntries(
      describeSnapshot(full).map((line) => [line.label, line.value]),
    );
    expect(lines.Names).toBe('Real names, as in Ads Manager');
    expect(lines.Ids).toMatch(/^Included/);
    expect(lines.Money).toBe('Amounts in EUR');
  });
});

describe('numbers', () => {
  it('format by unit, with money as an index when redacted', () => {
    expect(kpiRows(full)[0]).toEqual({
      metric: 'spend',
      label: 'Spend',
      current: '€2,142.00',
      previous: '€1,800.00',
      change: '+19.0 %',
    });
    expect(kpiRows(redacted)[0]).toMatchObject({
      label: 'Spend (index)',
      current: '119.0',
      previous: '100.0',
    });
    expect(formatMetric('ctr', 0.0123, 'EUR')).toBe('1.23 %');
    expect(formatMetric('impressions', null, 'EUR')).toBe('—');
    expect(formatChange(5, 0)).toBe('—');
  });

  it('shows money with the decimals Meta keeps for the currency, not the ISO ones', () => {
    // Meta counts TWD in whole dollars (offset 1), where ISO 4217 gives it two decimals.
    expect(formatMetric('spend', 1234, 'TWD')).toBe('NT$1,234');
    expect(formatMetric('spend', 1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatMetric('spend', 1234, 'JPY')).toBe('¥1,234');
  });
});

describe('snapshotMarkdown', () => {
  it('summarises KPIs and findings, escaping Markdown in names and sentences', () => {
    const markdown = snapshotMarkdown(full);
    expect(markdown).toContain('**Adlens snapshot: Summer Sale — Nordics**');
    expect(markdown).toContain('| Spend | €2,142.00 | €1,800.00 | +19.0 % |');
    expect(markdown).toContain('- CRITICAL, Lookalike 2% DE: Lookalike 2% DE spent €1,240.50');
    expect(markdown).not.toContain(HOSTILE_NAME);
    expect(markdown).toContain('\\<script\\>alert(2)\\</script\\>');
  });

  it('keeps the redaction of the snapshot', () => {
    const markdown = snapshotMarkdown(redacted);
    expect(markdown).toContain('_Names replaced with aliases, ids removed, money as an index_');
    expect(markdown).toContain('| Spend (index) | 119.0 | 100.0 | +19.0 % |');
  });
});

describe('snapshotCsv', () => {
  it('has a date column and one column per series, empty where a value is undefined', () => {
    const lines = snapshotCsv(redacted).split('\r\n');
    expect(lines[0]).toBe('date,Spend (index),Impressions,CPA (index)');
    expect(lines[1]).toBe('2024-05-01,0,36150,100');
    expect(lines[4]).toBe('2024-05-04,108,40650,');
    expect(lines).toHaveLength(16);
  });
});
