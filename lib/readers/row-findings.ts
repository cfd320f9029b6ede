import { listEntities } from '@/lib/cache/entities';
import {
  readAccountFindings,
  readFindingsOfEntities,
  type StoredFinding as CachedFinding,
} from '@/lib/cache/findings';
import { mostSevereFirst } from '@/lib/schema/vocabulary';
import type {
  FindingsForRowsRequest,
  RowFindings,
  RowRollUp,
  TableLevel,
} from '@/lib/schema/row-findings';

/*
 * What the Ads Manager overlay's badges say of the rows on screen: each row's own findings summed
 * up, and for a parent row without any, the findings below it (roll-ups).
 */

/** What a badge needs of one stored finding. */
export type StoredFinding = Pick<CachedFinding, 'entityId' | 'severity' | 'score' | 'summary'>;

/** A finding below the rows asked about, with the parents it sits under. */
export interface FindingBelow extends Pick<StoredFinding, 'entityId' | 'severity' | 'score'> {
  readonly level: TableLevel;
  /** The campaign and ad set it belongs to (null where it is one itself). */
  readonly parents: readonly (string | null)[];
}

const MAX_COUNT = 999;

type Ranked = Pick<StoredFinding, 'severity' | 'score'>;

function outranks(a: Ranked, b: Ranked): boolean {
  return mostSevereFirst(a, b) < 0;
}

/**
 * One summary per entity, in the order the entities were asked for: how many findings, and the
 * most severe (then strongest) one's sentence, which also sets the badge's severity.
 */
export function summarizeRowFindings(
  entityIds: readonly string[],
  findings: readonly StoredFinding[],
): RowFindings[] {
  const byEntity = new Map<string, { top: StoredFinding; count: number }>();
  for (const finding of findings) {
    const entry = byEntity.get(finding.entityId);
    if (!entry) byEntity.set(finding.entityId, { top: finding, count: 1 });
    else {
      entry.count += 1;
      if (outranks(finding, entry.top)) entry.top = finding;
    }
  }
  return [...new Set(entityIds)].flatMap((entityId) => {
    const entry = byEntity.get(entityId);
    if (!entry) return [];
    return {
      entityId,
      severity: entry.top.severity,
      count: Math.min(entry.count, MAX_COUNT),
      topSentence: entry.top.summary,
    };
  });
}

/**
 * Roll-ups of the parent rows asked about that have no findings of their own: how many distinct
 * ad sets and ads below each have findings, and the first of them (most severe, then strongest).
 */
export function summarizeRollUps(
  entityIds: readonly string[],
  withOwnFindings: ReadonlySet<string>,
  below: readonly FindingBelow[],
): RowRollUp[] {
  const byParent = new Map<string, { first: FindingBelow; ids: Set<string> }>();
  for (const finding of below) {
    for (const parent of finding.parents) {
      if (parent === null) continue;
      const entry = byParent.get(parent);
      if (!entry) byParent.set(parent, { first: finding, ids: new Set([finding.entityId]) });
      else {
        entry.ids.add(finding.entityId);
        if (outranks(finding, entry.first)) entry.first = finding;
      }
    }
  }
  return [...new Set(entityIds)].flatMap((entityId) => {
    const entry = byParent.get(entityId);
    if (!entry || withOwnFindings.has(entityId)) return [];
    const { level, entityId: firstId } = entry.first;
    return { entityId, below: Math.min(entry.ids.size, 9999), first: { level, entityId: firstId } };
  });
}

const LEVELS_BELOW: Readonly<Record<TableLevel, readonly TableLevel[]>> = {
  campaign: ['adset', 'ad'],
  adset: ['ad'],
  ad: [],
};

/** The findings of the account's ad sets and ads under `level`, with their parents. */
async function findingsBelow(
  accountId: Parameters<typeof readAccountFindings>[0],
  level: TableLevel,
): Promise<FindingBelow[]> {
  const levels = LEVELS_BELOW[level];
  if (levels.length === 0) return [];
  const findings = (await readAccountFindings(accountId)).filter((finding) =>
    (levels as readonly string[]).includes(finding.level),
  );
  if (findings.length === 0) return [];
  const parents = new Map<string, readonly (string | null)[]>();
  for (const below of levels) {
    for (const entity of await listEntities(accountId, below)) {
      parents.set(entity.entityId, [entity.campaignId, entity.adsetId]);
    }
  }
  return findings.map((finding) => ({
    entityId: finding.entityId,
    severity: finding.severity,
    score: finding.score,
    level: finding.level as TableLevel,
    parents: parents.get(finding.entityId) ?? [],
  }));
}

/** The badges of the rows asked about: their own findings, and roll-ups of those below. */
export async function rowBadges(request: FindingsForRowsRequest) {
  const findings = summarizeRowFindings(
    request.entityIds,
    await readFindingsOfEntities(request.accountId, request.level, request.entityIds),
  );
  const own = new Set(findings.map((finding) => finding.entityId));
  const below = await findingsBelow(request.accountId, request.level);
  return { findings, rollUps: summarizeRollUps(request.entityIds, own, below) };
}
