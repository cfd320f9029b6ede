import * as z from 'zod/mini';
import { cacheDb } from '@/lib/cache/db';
import type { Handler } from '@/lib/messaging/server';
import {
  FINDING_SENTENCE_MAX_LENGTH,
  FindingSeveritySchema,
  type FindingSeverity,
  type FindingsForRowsRequest,
  type RowFindings,
} from '@/lib/schema/row-findings';

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
 * What a badge needs of a findings-table record (lib/cache/db.ts: the anomaly engine's Finding,
 * stored with its account). Other fields are the engine's business; a record without these is
 * skipped, as every cache read is validated.
 */
const StoredFindingSchema = z.object({
  entityId: z.string(),
  severity: FindingSeveritySchema,
  score: z.number(),
  summary: z.string(),
});

async function readStoredFindings({
  accountId,
  level,
  entityIds,
}: FindingsForRowsRequest): Promise<StoredFinding[]> {
  const records: unknown[] = await cacheDb()
    .findings.where('[accountId+level+entityId]')
    .anyOf(entityIds.map((entityId) => [accountId, level, entityId]))
    .toArray();
  return records.flatMap((record) => {
    const parsed = StoredFindingSchema.safeParse(record);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The badges of the rows on screen. Served from the cache alone, token or not: the overlay keeps
 * working from what was synced, and disconnecting wipes the cache anyway.
 */
export const findingsForRows: Handler<'findings.forRows'> = async (request) => ({
  findings: summarizeRowFindings(request.entityIds, await readStoredFindings(request)),
});
