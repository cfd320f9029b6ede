import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@/lib/snapshots/build/create';
import { layoutSnapshotCard, paintCard, type CardContext } from '@/lib/snapshots/render/image';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/snapshots/build/redact';
import type { Reader } from '@/lib/util/message-keys';
import { readerFor } from '../i18n/reader';
import { CREATED_AT, HOSTILE_NAME, sampleSource } from './fixtures';

/** Every character 8 units wide: enough to exercise wrapping and cutting. */
const measure = (text: string) => text.length * 8;
const full = createSnapshot(sampleSource(), CREATED_AT);
const english = readerFor('en');
const texts = (snapshot = full, reader: Reader = english) =>
  layoutSnapshotCard(snapshot, reader, measure).ops.flatMap((op) =>
    op.kind === 'text' ? [op.text.replace(/[\u00a0\u202f]/g, ' ')] : [],
  );

describe('the PNG card', () => {
  it('holds the subject, period, redaction, KPI rows and findings', () => {
    const card = texts(redactSnapshot(full, DEFAULT_REDACTION));
    expect(card).toEqual(
      expect.arrayContaining([
        'Adlens snapshot: Campaign A',
        'May 1, 2024 – May 14, 2024, against Apr 17, 2024 – Apr 30, 2024',
        'Names replaced with aliases, ids removed, money as an index',
        'Amount spent (index)',
        '119.0',
        '+19.0%',
        'Critical: Ad set A.1',
      ]),
    );
  });

  it('wraps long sentences and cuts what cannot fit', () => {
    const longName = 'x'.repeat(400);
    const snapshot = {
      ...full,
      entities: full.entities.map((entity, index) =>
        index === 2 ? { ...entity, name: longName } : entity,
      ),
    };
    const card = layoutSnapshotCard(snapshot, english, measure);
    for (const op of card.ops) {
      if (op.kind === 'text' && op.align !== 'right')
        expect(measure(op.text)).toBeLessThanOrEqual(card.width - op.x);
    }
    expect(texts(snapshot)).toContain(`Critical: ${'x'.repeat(104)}…`);
    expect(texts().filter((text) => text.includes(HOSTILE_NAME.slice(0, 10)))).toHaveLength(1);
    expect(card.height).toBeGreaterThan(400);
  });

  it('is drawn in the reader’s language, its numbers and dates too', () => {
    const redacted = redactSnapshot(full, DEFAULT_REDACTION);
    expect(texts(full, readerFor('de'))).toEqual(
      expect.arrayContaining([
        'Adlens-Snapshot: Summer Sale — Nordics',
        '01.05.2024 – 14.05.2024, im Vergleich zu 17.04.2024 – 30.04.2024',
        'Kennzahl',
        'Ausgegebener Betrag',
        '2.142,00 €',
        '+19,0 %',
        'Tägliche Verläufe',
        'Befunde',
        'Kritisch: Lookalike 2% DE',
      ]),
    );
    expect(texts(redacted, readerFor('zh_CN'))).toEqual(
      expect.arrayContaining([
        'Adlens 快照：广告系列 A',
        '2024年5月1日 – 2024年5月14日，对比 2024年4月17日 – 2024年4月30日',
        '名称已替换为别名，编号已移除，金额以指数表示',
        '花费金额（指数）',
        '严重：广告组 A.1',
      ]),
    );
  });

  it('says how many findings it leaves out, with the plural the language needs', () => {
    const finding = full.findings[0]!;
    const many = (count: number) => ({ ...full, findings: Array(count).fill(finding) });
    expect(texts(many(5))).toContain('and 1 more finding in the snapshot');
    expect(texts(many(7))).toContain('and 3 more findings in the snapshot');
    expect(texts(many(5), readerFor('de'))).toContain('und 1 weiterer Befund im Snapshot');
    expect(texts(many(7), readerFor('de'))).toContain('und 3 weitere Befunde im Snapshot');
  });

  it('wraps Chinese, which has no spaces, between its characters and never before punctuation', () => {
    const sentence =
      '花费金额在三天内上涨了百分之四十，远高于预期范围，请检查出价策略和预算设置。'.repeat(4);
    const snapshot = { ...full, findings: [{ ...full.findings[0]!, sentence }] };
    const card = layoutSnapshotCard(snapshot, readerFor('zh_CN'), measure);
    const lines = card.ops.flatMap((op) =>
      op.kind === 'text' && op.text.length > 10 && sentence.includes(op.text) ? [op.text] : [],
    );
    expect(lines.length).toBe(2);
    expect(lines.join('')).toBe(sentence);
    for (const line of lines) {
      expect(measure(line)).toBeLessThanOrEqual(card.width - 80);
      expect(line).not.toMatch(/^[，。]/);
    }
  });

  it('paints every operation on a canvas context', () => {
    const calls: string[] = [];
    const context = new Proxy(
      {},
      {
        get:
          (_target, name: string) =>
          (...args: unknown[]) =>
            calls.push(`${name}(${args.join(',')})`),
        set: () => true,
      },
    ) as unknown as CardContext;
    const card = layoutSnapshotCard(full, english, measure);
    paintCard(context, card);
    expect(calls[0]).toBe(`fillRect(0,0,${card.width},${card.height})`);
    expect(calls.filter((call) => call.startsWith('fillText('))).toHaveLength(
      card.ops.filter((op) => op.kind === 'text').length,
    );
    expect(calls.filter((call) => call === 'stroke()')).toHaveLength(
      card.ops.filter((op) => op.kind !== 'text').length,
    );
  });
});
