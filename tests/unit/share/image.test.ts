import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@/lib/share/create';
import { layoutSnapshotCard, paintCard, type CardContext } from '@/lib/share/image';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/share/redact';
import { CREATED_AT, HOSTILE_NAME, sampleSource } from './fixtures';

/** Every character 8 units wide: enough to exercise wrapping and cutting. */
const measure = (text: string) => text.length * 8;
const full = createSnapshot(sampleSource(), CREATED_AT);
const texts = (snapshot = full) =>
  layoutSnapshotCard(snapshot, measure).ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []));

describe('the PNG card', () => {
  it('holds the subject, period, redaction, KPI rows and findings', () => {
    const card = texts(redactSnapshot(full, DEFAULT_REDACTION));
    expect(card).toEqual(
      expect.arrayContaining([
        'Adlens snapshot: Campaign A',
        '2024-05-01 to 2024-05-14, against 2024-04-17 to 2024-04-30',
        'Names replaced with aliases, ids removed, money as an index',
        'Spend (index)',
        '119.0',
        '+19.0 %',
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
    const card = layoutSnapshotCard(snapshot, measure);
    for (const op of card.ops) {
      if (op.kind === 'text' && op.align !== 'right')
        expect(measure(op.text)).toBeLessThanOrEqual(card.width - op.x);
    }
    expect(texts(snapshot)).toContain(`Critical: ${'x'.repeat(104)}…`);
    expect(texts().filter((text) => text.includes(HOSTILE_NAME.slice(0, 10)))).toHaveLength(1);
    expect(card.height).toBeGreaterThan(400);
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
    const card = layoutSnapshotCard(full, measure);
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
