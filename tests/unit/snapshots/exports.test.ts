import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@/lib/snapshots/build/create';
import { snapshotCsv } from '@/lib/snapshots/render/csv';
import { formatChange, formatMetric } from '@/lib/snapshots/render/format';
import { snapshotMarkdown } from '@/lib/snapshots/render/markdown';
import { describeSnapshot } from '@/lib/snapshots/render/preview';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/snapshots/build/redact';
import type { Snapshot } from '@/lib/snapshots/format/schema';
import { kpiRows, seriesViews } from '@/lib/snapshots/render/view';
import { readerFor } from '../i18n/reader';
import { CREATED_AT, HOSTILE_NAME, sampleSource } from './fixtures';

const full = createSnapshot(sampleSource(), CREATED_AT);
const redacted = redactSnapshot(full, DEFAULT_REDACTION);
const english = readerFor('en');
const german = readerFor('de');
const chinese = readerFor('zh_CN');

/** Intl separates numbers from units with no-break spaces; the expectations are written with spaces. */
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const facts = (snapshot: Snapshot, reader = english) =>
  describeSnapshot(snapshot, reader).map((line): [string, string] => [line.label, line.value]);

/** One day, one campaign, one finding: every count a plural form depends on is 1. */
const single: Snapshot = {
  ...redacted,
  range: { since: '2024-05-14', until: '2024-05-14' },
  entities: redacted.entities.slice(0, 2),
  series: [],
  findings: [{ ...redacted.findings[0]!, entity: 1 }],
};

describe('describeSnapshot', () => {
  it('lists what a redacted snapshot holds', () => {
    expect(Object.fromEntries(facts(redacted))).toMatchObject({
      Period: 'May 1, 2024 – May 14, 2024, against Apr 17, 2024 – Apr 30, 2024 (14 days each)',
      About: 'Campaign A',
      Entities: '1 account, 1 campaign, 2 ad sets, and 1 ad',
      Names: 'Replaced with aliases (Ad account, Campaign A, and Ad set A.1)',
      Ids: 'Removed',
      KPIs: 'Amount spent, Impressions, CTR (link), Cost per purchase, and ROAS, this period and the one before',
      'Daily series': 'Amount spent, Impressions, and Cost per purchase, one value per day',
      Findings: '2 findings (1 critical and 1 warning), each a sentence and a next step',
    });
    expect(Object.fromEntries(facts(redacted)).Money).toMatch(/^An index, no amounts or currency/);
  });

  it('says when names, ids and amounts are included', () => {
    const lines = Object.fromEntries(facts(full));
    expect(lines.Names).toBe('Real names, as in Ads Manager');
    expect(lines.Ids).toMatch(/^Included/);
    expect(lines.Money).toBe('Amounts in EUR');
  });

  it('in German: German words, dates and plural forms', () => {
    expect(facts(redacted, german)).toEqual([
      ['Zeitraum', '01.05.2024 – 14.05.2024, im Vergleich zu 17.04.2024 – 30.04.2024 (je 14 Tage)'],
      ['Betrifft', 'Kampagne A'],
      ['Objekte', '1 Werbekonto, 1 Kampagne, 2 Anzeigengruppen und 1 Anzeige'],
      ['Namen', 'Durch Aliasnamen ersetzt (Werbekonto, Kampagne A und Anzeigengruppe A.1)'],
      ['IDs', 'Entfernt'],
      [
        'Geldbeträge',
        'Ein Index, keine Beträge und keine Währung (KPIs: vorheriger Zeitraum = 100; tägliche Reihen: erster Tag = 100)',
      ],
      [
        'KPIs',
        'Ausgegebener Betrag, Impressionen, CTR (Link), Kosten pro Kauf und ROAS, dieser und der vorherige Zeitraum',
      ],
      [
        'Tägliche Verläufe',
        'Ausgegebener Betrag, Impressionen und Kosten pro Kauf, ein Wert pro Tag',
      ],
      [
        'Befunde',
        '2 Befunde (1 kritisch und 1 Warnung), jeweils ein Satz und ein nächster Schritt',
      ],
      [
        'Sonst nichts',
        'Kein Zugriffstoken, keine Unternehmensdaten, keine Einstellungen, keine Links.',
      ],
    ]);
  });

  it('in Chinese: Chinese words and dates', () => {
    const lines = Object.fromEntries(facts(redacted, chinese));
    expect(lines['时间段']).toBe(
      '2024年5月1日 – 2024年5月14日，对比 2024年4月17日 – 2024年4月30日（各 14 天）',
    );
    expect(lines['对象数量']).toBe('1 个广告账户、1 个广告系列、2 个广告组和1 个广告');
    expect(lines['发现']).toMatch(/^2 项发现（1 个严重和1 个警告）/);
  });

  it('chooses the singular where a count is one, in each language', () => {
    expect(Object.fromEntries(facts(single))).toMatchObject({
      Period: 'May 14, 2024 – May 14, 2024, against May 13, 2024 – May 13, 2024 (1 day each)',
      Entities: '1 account and 1 campaign',
      Findings: '1 finding (1 critical), each a sentence and a next step',
    });
    expect(Object.fromEntries(facts(single, german))).toMatchObject({
      Zeitraum: '14.05.2024 – 14.05.2024, im Vergleich zu 13.05.2024 – 13.05.2024 (je 1 Tag)',
      Objekte: '1 Werbekonto und 1 Kampagne',
      Befunde: '1 Befund (1 kritisch), jeweils ein Satz und ein nächster Schritt',
    });
  });
});

describe('numbers', () => {
  it('format by unit, with money as an index when redacted', () => {
    expect(kpiRows(full, english)[0]).toEqual({
      metric: 'spend',
      label: 'Amount spent',
      current: '€2,142.00',
      previous: '€1,800.00',
      change: '+19.0%',
    });
    expect(kpiRows(redacted, english)[0]).toMatchObject({
      label: 'Amount spent (index)',
      current: '119.0',
      previous: '100.0',
    });
    expect(formatMetric('ctr', 0.0123, 'EUR', 'en')).toBe('1.23%');
    expect(formatMetric('impressions', null, 'EUR', 'en')).toBe('—');
    expect(formatChange(5, 0, 'en')).toBe('—');
  });

  it('shows money with the decimals Meta keeps for the currency, not the ISO ones', () => {
    // Meta counts TWD in whole dollars (offset 1), where ISO 4217 gives it two decimals.
    expect(formatMetric('spend', 1234, 'TWD', 'en')).toBe('NT$1,234');
    expect(formatMetric('spend', 1234.5, 'EUR', 'en')).toBe('€1,234.50');
    expect(formatMetric('spend', 1234, 'JPY', 'en')).toBe('¥1,234');
    expect(spaced(formatMetric('spend', 1234, 'JPY', 'de'))).toBe('1.234 ¥');
  });

  it('are written as German and Chinese write them', () => {
    const rows = kpiRows(full, german).map((row) => Object.values(row).slice(1).map(spaced));
    expect(rows).toEqual([
      ['Ausgegebener Betrag', '2.142,00 €', '1.800,00 €', '+19,0 %'],
      ['Impressionen', '512.345', '498.000', '+2,9 %'],
      ['CTR (Link)', '1,23 %', '1,18 %', '+4,2 %'],
      ['Kosten pro Kauf', '21,50 €', '—', '—'],
      ['ROAS', '3,40', '3,10', '+9,7 %'],
    ]);
    expect(kpiRows(redacted, german)[0]).toMatchObject({
      label: 'Ausgegebener Betrag (Index)',
      current: '119,0',
    });
    expect(seriesViews(full, german)[1]).toMatchObject({ label: 'Impressionen', latest: '55.650' });
    expect(kpiRows(full, chinese)[0]).toMatchObject({ label: '花费金额', current: '€2,142.00' });
  });
});

describe('snapshotMarkdown', () => {
  it('summarises KPIs and findings, escaping Markdown in names and sentences', () => {
    const markdown = snapshotMarkdown(full, english);
    expect(markdown).toContain('**Adlens snapshot: Summer Sale — Nordics**');
    expect(markdown).toContain('| Metric | This period | Previous period | Change |');
    expect(markdown).toContain('| Amount spent | €2,142.00 | €1,800.00 | +19.0% |');
    expect(markdown).toContain('- CRITICAL, Lookalike 2% DE: Lookalike 2% DE spent €1,240.50');
    expect(markdown).toContain('Next step: Check the budget');
    expect(markdown).not.toContain(HOSTILE_NAME);
    expect(markdown).toContain('\\<script\\>alert(2)\\</script\\>');
  });

  it('keeps the redaction of the snapshot', () => {
    const markdown = snapshotMarkdown(redacted, english);
    expect(markdown).toContain('_Names replaced with aliases, ids removed, money as an index_');
    expect(markdown).toContain('| Amount spent (index) | 119.0 | 100.0 | +19.0% |');
  });

  it('is written in the reader’s language, the sender’s sentences as they are', () => {
    const markdown = spaced(snapshotMarkdown(full, german)).split('\n');
    expect(markdown.slice(0, 3)).toEqual([
      '**Adlens-Snapshot: Summer Sale — Nordics**',
      '01.05.2024 – 14.05.2024, im Vergleich zu 17.04.2024 – 30.04.2024',
      '_Echte Namen, Meta-IDs enthalten, Geldbeträge in EUR_',
    ]);
    expect(markdown).toContain(
      '| Kennzahl | Dieser Zeitraum | Vorheriger Zeitraum | Veränderung |',
    );
    expect(markdown).toContain('| Ausgegebener Betrag | 2.142,00 € | 1.800,00 € | +19,0 % |');
    expect(markdown).toContain('**Befunde**');
    expect(markdown.find((line) => line.startsWith('- KRITISCH, Lookalike 2% DE: '))).toContain(
      'Nächster Schritt: Check the budget',
    );
    const zh = snapshotMarkdown(redacted, chinese);
    // Stand-in names take the reader's word for the level.
    expect(zh).toContain('**Adlens 快照：广告系列 A**');
    expect(zh).toContain('_名称已替换为别名，编号已移除，金额以指数表示_');
    expect(zh).toContain('| 指标 | 本期 | 上一期 | 变化 |');
  });
});

describe('snapshotCsv', () => {
  it('has a date column and one column per series, empty where a value is undefined', () => {
    const lines = snapshotCsv(redacted, english).split('\r\n');
    expect(lines[0]).toBe('date,Amount spent (index),Impressions,Cost per purchase (index)');
    expect(lines[1]).toBe('2024-05-01,0,36150,100');
    expect(lines[4]).toBe('2024-05-04,108,40650,');
    expect(lines).toHaveLength(16);
  });

  it('heads its columns in the reader’s language and keeps its cells machine-readable', () => {
    const lines = snapshotCsv(redacted, german).split('\r\n');
    expect(lines[0]).toBe('Datum,Ausgegebener Betrag (Index),Impressionen,Kosten pro Kauf (Index)');
    expect(lines[1]).toBe('2024-05-01,0,36150,100');
  });
});
