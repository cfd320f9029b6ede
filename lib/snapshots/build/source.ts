import type { SourceEntity, SourceFinding } from './create';
import type { FindingKind } from '@/lib/anomaly';
import { mostSevereFirst } from '@/lib/schema/vocabulary';
import {
  FINDING_KINDS,
  MAX_ENTITIES,
  MAX_FINDINGS,
  type Finding,
} from '@/lib/snapshots/format/schema';

/**
 * The parts of a snapshot source that come from the synced cache as it is, chosen for the subject:
 * the slice of the entity tree and the findings on it. The caller reads the cache; this decides.
 */

export interface TreeRecord {
  readonly entityId: string;
  readonly level: 'campaign' | 'adset' | 'ad';
  readonly name: string;
  readonly campaignId: string | null;
  readonly adsetId: string | null;
}

export interface FindingRecord extends Omit<SourceFinding, 'sentence' | 'kind'> {
  /** Any kind the engine raises; the snapshot format names only the kinds it was frozen with. */
  readonly kind: FindingKind;
  /** The engine's sentence with the numbers. */
  readonly summary: string;
  /** Strength of the evidence, 0..1: orders findings of one severity. */
  readonly score: number;
}

export interface Subject {
  readonly level: TreeRecord['level'];
  readonly entityId: string;
}

/**
 * The chosen part of the tree, parents first: the campaigns for the whole account; otherwise the
 * subject's ancestors, the subject, and everything under it. `undefined` when the cache does not
 * know the subject. Beyond the format's limit the deepest entities are left out, never a parent.
 */
export function chosenTree(
  subject: Subject | null,
  records: readonly TreeRecord[],
): SourceEntity[] | undefined {
  let chosen: TreeRecord[];
  if (subject === null) chosen = records.filter((record) => record.level === 'campaign');
  else {
    const target = records.find(
      (record) => record.level === subject.level && record.entityId === subject.entityId,
    );
    if (!target) return undefined;
    const under = (record: TreeRecord) =>
      record !== target &&
      (subject.level === 'campaign'
        ? record.campaignId === target.entityId
        : subject.level === 'adset' && record.adsetId === target.entityId);
    const ancestor = (level: TreeRecord['level'], id: string | null) =>
      records.filter(
        (record) => record !== target && record.level === level && record.entityId === id,
      );
    chosen = [
      ...ancestor('campaign', target.campaignId),
      ...ancestor('adset', target.adsetId),
      target,
      ...records.filter((record) => under(record) && record.level === 'adset'),
      ...records.filter((record) => under(record) && record.level === 'ad'),
    ];
  }
  return chosen.slice(0, MAX_ENTITIES - 1).map((record) => ({
    id: record.entityId,
    level: record.level,
    name: record.name,
    parentId: parentOf(record),
  }));
}

function parentOf(record: TreeRecord): string | null {
  if (record.level === 'ad') return record.adsetId;
  if (record.level === 'adset') return record.campaignId;
  return null;
}

/**
 * The findings on the chosen entities, most severe and strongest first, within the format's cap.
 * A kind newer than the snapshot format is left out: a viewer of this version could not read it.
 */
export function chosenFindings(
  findings: readonly FindingRecord[],
  entityIds: ReadonlySet<string>,
): SourceFinding[] {
  return findings
    .filter(inFormat)
    .filter((finding) => entityIds.has(finding.entityId))
    .sort(mostSevereFirst)
    .slice(0, MAX_FINDINGS)
    .map(({ kind, severity, entityId, summary, nextStep, explanation }) => ({
      kind,
      severity,
      entityId,
      sentence: summary,
      nextStep,
      ...(explanation ? { explanation } : {}),
    }));
}

function inFormat<T extends { kind: FindingKind }>(
  finding: T,
): finding is T & { kind: Finding['kind'] } {
  return (FINDING_KINDS as readonly string[]).includes(finding.kind);
}
