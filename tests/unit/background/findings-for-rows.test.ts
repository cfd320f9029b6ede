import { afterEach, describe, expect, it } from 'vitest';
import { message } from '@/lib/anomaly/format';
import { handlers } from '@/entrypoints/background/handlers';
import { cacheDb } from '@/lib/cache/db';
import { putEntities } from '@/lib/cache/entities';
import { wipeCache } from '@/lib/cache/wipe';
import { entityRecord } from '../fixtures/entity';
import {
  summarizeRollUps,
  summarizeRowFindings,
  type StoredFinding,
} from '@/lib/readers/row-findings';
import {
  FindingsForRowsRequestSchema,
  FindingsForRowsResponseSchema,
} from '@/lib/schema/row-findings';

const finding = (
  entityId: string,
  severity: StoredFinding['severity'],
  score: number,
  summary = sentence(score),
): StoredFinding => ({ entityId, severity, score, summary });

/** A sentence told apart from others by its number. */
const sentence = (value: number) =>
  message('findingSpendSpikeBudgetNext', { type: 'count', value });

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
      { entityId: '1', severity: 'critical', count: 3, topSentence: sentence(0.7) },
      { entityId: '2', severity: 'info', count: 1, topSentence: sentence(0.5) },
    ]);
    expect(FindingsForRowsResponseSchema.safeParse({ findings: summaries }).success).toBe(true);
  });

  it('answers only for the entities asked about, once each, with valid sentences', () => {
    const summaries = summarizeRowFindings(
      ['5', '5'],
      [finding('5', 'warning', 0.5), finding('6', 'critical', 1)],
    );
    expect(summaries).toHaveLength(1);
    expect(FindingsForRowsResponseSchema.safeParse({ findings: summaries }).success).toBe(true);
  });

  it('gives no summary to entities without findings', () => {
    expect(summarizeRowFindings(['1'], [])).toEqual([]);
  });
});

describe('findings.forRows request', () => {
  const valid = { accountId: 'act_7', level: 'ad', entityIds: ['1', '2'] };
  const parses = (payload: unknown) => FindingsForRowsRequestSchema.safeParse(payload).success;

  it('accepts a bounded list of numeric ids for one account and level', () => {
    expect(parses(valid)).toBe(true);
    expect(parses({ ...valid, entityIds: Array.from({ length: 200 }, (_, i) => String(i)) })).toBe(
      true,
    );
  });

  it.each([
    ['too many ids', { ...valid, entityIds: Array.from({ length: 201 }, (_, i) => String(i)) }],
    ['no ids', { ...valid, entityIds: [] }],
    ['a non-numeric id', { ...valid, entityIds: ['1', 'x'] }],
    ['an unknown level', { ...valid, level: 'account' }],
    ['an unknown key', { ...valid, limit: 5 }],
    ['a malformed account', { ...valid, accountId: '7' }],
  ])('rejects %s', (_case, payload) => {
    expect(parses(payload)).toBe(false);
  });
});

describe('findings.forRows and rows.identifyByName handlers', () => {
  const context = { senderClass: 'content-script' } as const;
  const entity = (entityId: string, name: string) =>
    entityRecord({ accountId: 'act_7', level: 'campaign', entityId, name });

  afterEach(() => wipeCache());

  it('summarises the stored findings of the rows asked about, skipping invalid records', async () => {
    const stored = (entityId: string, level: string, severity: string) => ({
      accountId: 'act_7',
      findingId: `spend_spike:${entityId}:2026-01-10:${severity}`,
      parentId: null,
      kind: 'spend_spike',
      entityId,
      level,
      metric: 'spend',
      severity,
      direction: 'up',
      startDate: '2026-01-10',
      latestDate: '2026-01-12',
      actual: 30_000,
      expected: 10_000,
      lower: 8_000,
      upper: 12_000,
      score: 0.8,
      summary: sentence(Number(entityId)),
      nextStep: message('findingSpendSpikeNext'),
      detectedAt: 1,
    });
    // Written raw, as a record from an older or damaged cache may be.
    await cacheDb()
      .table('findings')
      .bulkAdd([
        stored('1', 'campaign', 'critical'),
        stored('1', 'campaign', 'warning'),
        stored('2', 'campaign', 'not-a-severity'),
        stored('3', 'adset', 'critical'),
        { ...stored('4', 'campaign', 'info'), accountId: 'act_8' },
      ]);
    const answer = await handlers['findings.forRows'](
      { accountId: 'act_7', level: 'campaign', entityIds: ['1', '2', '3', '4'] },
      context,
    );
    expect(answer).toEqual({
      findings: [{ entityId: '1', severity: 'critical', count: 2, topSentence: sentence(1) }],
      rollUps: [],
    });
  });

  it('rolls findings of ad sets and ads up to parents without findings of their own', () => {
    const below = [
      { entityId: 'a1', level: 'adset', severity: 'warning', score: 0.5, parents: ['c1', null] },
      { entityId: 'd1', level: 'ad', severity: 'critical', score: 0.4, parents: ['c1', 'a1'] },
      { entityId: 'd1', level: 'ad', severity: 'info', score: 0.9, parents: ['c1', 'a1'] },
      { entityId: 'd2', level: 'ad', severity: 'info', score: 0.9, parents: ['c2', 'a2'] },
    ] as const;
    expect(summarizeRollUps(['c1', 'c2', 'c3'], new Set(['c2']), below)).toEqual([
      { entityId: 'c1', below: 2, first: { level: 'ad', entityId: 'd1' } },
    ]);
  });

  it('identifies visible names by the cached entities, unique names only', async () => {
    await putEntities(
      [
        entity('1', 'Prospecting | US | Broad'),
        entity('2', 'Retargeting | US | Broad'),
        entity('3', 'Retargeting | US | Broad'),
      ],
      0,
    );
    const answer = await handlers['rows.identifyByName'](
      {
        accountId: 'act_7',
        level: 'campaign',
        names: ['Prospecting | US | Broad', 'Retargeting | US | Broad', 'Unknown'],
      },
      context,
    );
    expect(answer.matches).toEqual([
      { name: 'Prospecting | US | Broad', entityId: '1' },
      { name: 'Retargeting | US | Broad', entityId: null },
      { name: 'Unknown', entityId: null },
    ]);
  });
});
