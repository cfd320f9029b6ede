import type { Handler } from '@/lib/messaging/server';
import type {
  FindingSeverity,
  FindingsForRowsRequest,
  RowFindings,
} from '@/lib/schema/row-findings';
import { FINDING_SENTENCE_MAX_LENGTH } from '@/lib/schema/row-findings';

/** What a badge needs of one stored finding. */
export interface StoredFinding {
  readonly entityId: string;
  readonly severity: FindingSeverity;
  /** Strength of the evidence, 0..1: breaks ties between findings of one severity. */
  readonly score: number;
  readonly summary: string;
}

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
 * The stored findings of these entities.
 *
 * TODO [2026-12-07]: read the sync engine's `findings` table once lib/cache/db.ts has it (issue 4:
 * findings per account, indexed by entity id, validated with zod on read like every cache read):
 * `findings.where('entityId').anyOf(entityIds)` filtered on `accountId` and `level`, mapped to
 * StoredFinding. Until then no entity has findings, so the overlay shows no badge.
 */
function readStoredFindings(_request: FindingsForRowsRequest): Promise<StoredFinding[]> {
  return Promise.resolve([]);
}

/**
 * The badges of the rows on screen. Served from the cache alone, token or not: the overlay keeps
 * working from what was synced, and disconnecting wipes the cache anyway.
 */
export const findingsForRows: Handler<'findings.forRows'> = async (request) => ({
  findings: summarizeRowFindings(request.entityIds, await readStoredFindings(request)),
});
