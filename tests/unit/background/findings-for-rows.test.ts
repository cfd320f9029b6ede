import { describe, expect, it } from 'vitest';
import {
  summarizeRowFindings,
  type StoredFinding,
} from '@/entrypoints/background/handlers/findings-for-rows';
import { FindingsForRowsResponseSchema } from '@/lib/schema/row-findings';

const finding = (
  entityId: string,
  severity: StoredFinding['severity'],
  score: number,
  summary = `${severity} ${score}`,
): StoredFinding => ({ entityId, severity, score, summary });

describe('summarizeRowFindings', () => {
  it('counts each entity’s findings and picks the most severe, then strongest, sentence', () => {
    const summaries = summarizeRowFindings(
      ['1', '2', '3'],
      [
        finding('1', 'warning', 0.9),
        finding('1', 'critical', 0.6),
        finding('1', 'critical', 0.7),
        finding('2', 'info', 0.5),
      ],
    );
    expect(summaries).toEqual([
      { entityId: '1', severity: 'critical', count: 3, topSentence: 'critical 0.7' },
      { entityId: '2', severity: 'info', count: 1, topSentence: 'info 0.5' },
    ]);
    expect(FindingsForRowsResponseSchema.safeParse({ findings: summaries }).success).toBe(true);
  });

  it('answers only for the entities asked about, once each, with bounded sentences', () => {
    const long = 'x'.repeat(2_000);
    const summaries = summarizeRowFindings(
      ['5', '5'],
      [finding('5', 'warning', 0.5, long), finding('6', 'critical', 1)],
    );
    expect(summaries).toHaveLength(1);
    expect(FindingsForRowsResponseSchema.safeParse({ findings: summaries }).success).toBe(true);
  });

  it('gives no summary to entities without findings', () => {
    expect(summarizeRowFindings(['1'], [])).toEqual([]);
  });
});
