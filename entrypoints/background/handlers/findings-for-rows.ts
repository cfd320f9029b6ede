import { readFindingsOfEntities, type StoredFinding as CachedFinding } from '@/lib/cache/findings';
import type { Handler } from '@/lib/messaging/server';
import {
  FINDING_SENTENCE_MAX_LENGTH,
  type FindingSeverity,
  type RowFindings,
} from '@/lib/schema/row-findings';

/** What a badge needs of one stored finding. */
export type StoredFinding = Pick<CachedFinding, 'entityId' | 'severity' | 'score' | 'summary'>;

const SEVERITY_RANK: Readonly<Record<FindingSeverity, number>> = {
  info: 0,
  warning: 1,
  critical: 2,
};
const MAX_COUNT = 999;

function outranks(a: StoredFinding, b: StoredFinding): boolean {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  return bySeverity === 0 ? a.score > b.score : bySeverity > 0;
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
      topSentence: entry.top.summary.slice(0, FINDING_SENTENCE_MAX_LENGTH),
    };
  });
}

/**
 * The badges of the rows on screen. Served from the cache alone, token or not: the overlay keeps
 * working from what was synced, and disconnecting wipes the cache anyway.
 */
export const findingsForRows: Handler<'findings.forRows'> = async (request) => ({
  findings: summarizeRowFindings(
    request.entityIds,
    await readFindingsOfEntities(request.accountId, request.level, request.entityIds),
  ),
});
