import { describe, expect, it } from 'vitest';
import {
  chosenFindings,
  chosenTree,
  type FindingRecord,
  type TreeRecord,
} from '@/lib/snapshots/build/source';
import { MAX_ENTITIES, MAX_FINDINGS } from '@/lib/snapshots/format/schema';

/** Two campaigns; the first has two ad sets with an ad each, the second one ad set. */
const records: TreeRecord[] = [
  { entityId: '11', level: 'ad', name: 'Ad one', campaignId: '1', adsetId: '10' },
  { entityId: '10', level: 'adset', name: 'Set one', campaignId: '1', adsetId: null },
  { entityId: '1', level: 'campaign', name: 'Spring', campaignId: null, adsetId: null },
  { entityId: '20', level: 'adset', name: 'Set two', campaignId: '1', adsetId: null },
  { entityId: '21', level: 'ad', name: 'Ad two', campaignId: '1', adsetId: '20' },
  { entityId: '2', level: 'campaign', name: 'Autumn', campaignId: null, adsetId: null },
  { entityId: '30', level: 'adset', name: 'Set three', campaignId: '2', adsetId: null },
];

const ids = (tree: ReturnType<typeof chosenTree>) => tree?.map((entity) => entity.id);

describe('chosenTree', () => {
  it('takes the campaigns for the whole account', () => {
    expect(chosenTree(null, records)).toEqual([
      { id: '1', level: 'campaign', name: 'Spring', parentId: null },
      { id: '2', level: 'campaign', name: 'Autumn', parentId: null },
    ]);
  });

  it('takes a campaign with everything under it, parents first', () => {
    const tree = chosenTree({ level: 'campaign', entityId: '1' }, records);
    expect(ids(tree)).toEqual(['1', '10', '20', '11', '21']);
    expect(tree?.find((entity) => entity.id === '21')?.parentId).toBe('20');
  });

  it('takes an ad set with its campaign above and its ads below, and nothing beside it', () => {
    expect(ids(chosenTree({ level: 'adset', entityId: '20' }, records))).toEqual(['1', '20', '21']);
  });

  it('takes an ad with its campaign and ad set', () => {
    expect(ids(chosenTree({ level: 'ad', entityId: '11' }, records))).toEqual(['1', '10', '11']);
  });

  it('knows no subject the cache does not hold, even under another level', () => {
    expect(chosenTree({ level: 'ad', entityId: '99' }, records)).toBeUndefined();
    expect(chosenTree({ level: 'adset', entityId: '1' }, records)).toBeUndefined();
  });

  it('leaves out the deepest entities beyond the format’s limit, never a parent', () => {
    const many: TreeRecord[] = [
      { entityId: '1', level: 'campaign', name: 'Big', campaignId: null, adsetId: null },
      ...Array.from({ length: MAX_ENTITIES }, (_, index): TreeRecord => ({
        entityId: String(1000 + index),
        level: index < 10 ? 'adset' : 'ad',
        name: `Entity ${index}`,
        campaignId: '1',
        adsetId: index < 10 ? null : '1000',
      })),
    ];
    const tree = chosenTree({ level: 'campaign', entityId: '1' }, many) ?? [];
    expect(tree).toHaveLength(MAX_ENTITIES - 1);
    expect(tree.filter((entity) => entity.level === 'adset')).toHaveLength(10);
  });
});

describe('chosenFindings', () => {
  const finding = (
    entityId: string,
    severity: FindingRecord['severity'],
    score: number,
  ): FindingRecord => ({
    kind: 'spend_spike',
    severity,
    entityId,
    score,
    summary: `${entityId} ${severity} ${score}`,
    nextStep: 'Check the budget.',
  });

  it('keeps findings on the chosen entities, most severe and strongest first', () => {
    const chosen = chosenFindings(
      [
        finding('10', 'info', 0.9),
        finding('30', 'critical', 1),
        finding('10', 'critical', 0.6),
        finding('act_1', 'warning', 0.7),
        finding('20', 'critical', 0.8),
      ],
      new Set(['act_1', '1', '10', '20']),
    );
    expect(chosen.map((entry) => entry.sentence)).toEqual([
      '20 critical 0.8',
      '10 critical 0.6',
      'act_1 warning 0.7',
      '10 info 0.9',
    ]);
    expect(chosen[0]).toEqual({
      kind: 'spend_spike',
      severity: 'critical',
      entityId: '20',
      sentence: '20 critical 0.8',
      nextStep: 'Check the budget.',
    });
  });

  it('stops at the format’s limit', () => {
    const many = Array.from({ length: MAX_FINDINGS + 5 }, () => finding('1', 'info', 0.5));
    expect(chosenFindings(many, new Set(['1']))).toHaveLength(MAX_FINDINGS);
  });
});
