import { describe, expect, it } from 'vitest';
import * as snapshotFormat from '@/lib/snapshots/format/schema';
import { chosenFindings, type FindingRecord } from '@/lib/snapshots/build/source';
import { FINDING_KINDS, type FindingKind } from '@/lib/anomaly';
import {
  ENTITY_LEVELS,
  METRICS,
  METRIC_UNITS,
  SEVERITIES,
  SUBJECT_LEVELS,
  mostSevereFirst,
} from '@/lib/schema/vocabulary';

/**
 * The snapshot format (lib/snapshots/format/schema.ts) keeps a frozen copy of the vocabulary on purpose, so a
 * file written today reads the same later. These are the places the two may differ, and how.
 */
describe('the snapshot format against the vocabulary', () => {
  it('calls the account a level, where the app keeps levels for entities only', () => {
    expect(snapshotFormat.ENTITY_LEVELS).toEqual(['account', ...ENTITY_LEVELS]);
    expect(snapshotFormat.ENTITY_LEVELS).toEqual(SUBJECT_LEVELS);
  });

  it('names only metrics, kinds and severities the app knows, with the same units', () => {
    expect(METRICS).toEqual(expect.arrayContaining([...snapshotFormat.METRICS]));
    for (const metric of snapshotFormat.METRICS) {
      expect(snapshotFormat.METRIC_UNITS[metric]).toBe(METRIC_UNITS[metric]);
    }
    expect(FINDING_KINDS).toEqual(expect.arrayContaining([...snapshotFormat.FINDING_KINDS]));
    expect(snapshotFormat.SEVERITIES).toEqual(SEVERITIES);
  });

  it('leaves out of a snapshot a finding of a kind newer than the format', () => {
    const newer = 'a_kind_from_a_later_version' as FindingKind;
    const finding = (kind: FindingKind): FindingRecord => ({
      kind,
      severity: 'critical',
      entityId: '1',
      score: 1,
      summary: kind,
      nextStep: 'Look.',
    });
    const chosen = chosenFindings([finding(newer), finding('spend_spike')], new Set(['1']));
    expect(chosen.map((entry) => entry.kind)).toEqual(['spend_spike']);
  });
});

describe('the one severity order', () => {
  it('puts the most severe first, then the strongest evidence', () => {
    const findings = [
      { severity: 'info', score: 0.9 },
      { severity: 'critical', score: 0.5 },
      { severity: 'warning', score: 0.6 },
      { severity: 'critical', score: 0.8 },
    ] as const;
    expect([...findings].sort(mostSevereFirst)).toEqual([
      { severity: 'critical', score: 0.8 },
      { severity: 'critical', score: 0.5 },
      { severity: 'warning', score: 0.6 },
      { severity: 'info', score: 0.9 },
    ]);
  });
});
