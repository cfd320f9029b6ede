import * as z from 'zod/mini';
import { FINDING_KINDS, METRICS, SEVERITIES, type Finding } from '@/lib/anomaly';
import { AccountIdSchema, type AccountId } from '@/lib/schema/account';
import { boundedString } from '@/lib/schema/bounded';
import { FindingMessageSchema } from '@/lib/schema/finding-message';
import { IsoDateSchema } from '@/lib/schema/insights';
import { cacheDb } from './db';
import { deleteExplanationsOfGoneFindings } from './explanations';

/**
 * The anomaly engine's findings as the cache keeps them: one flat record per finding, the ones a
 * root cause explains included (they point at it with `parentId`), so an entity's findings are one
 * index lookup and the overlay can badge a child row too. `findingId` is the engine's id; the
 * table's own key is an auto-increment number.
 */
export const StoredFindingSchema = z.strictObject({
  id: z.optional(z.int()),
  accountId: AccountIdSchema,
  findingId: boundedString(200),
  /** The `findingId` of the finding that explains this one; null for a root cause. */
  parentId: z.nullable(boundedString(200)),
  kind: z.enum(FINDING_KINDS),
  entityId: boundedString(64),
  level: z.enum(['account', 'campaign', 'adset', 'ad']),
  metric: z.enum(METRICS),
  severity: z.enum(SEVERITIES),
  direction: z.enum(['up', 'down']),
  startDate: IsoDateSchema,
  latestDate: IsoDateSchema,
  actual: z.number(),
  expected: z.number(),
  lower: z.number(),
  upper: z.number(),
  score: z.number(),
  /** Language-neutral: a catalogue key and values, rendered in the reader's language. */
  summary: FindingMessageSchema,
  nextStep: FindingMessageSchema,
  /** When the detection run that stored it finished (ms since the epoch). */
  detectedAt: z.number(),
});
export type StoredFinding = z.infer<typeof StoredFindingSchema>;

function validFindings(raw: readonly unknown[]): StoredFinding[] {
  return raw.flatMap((record) => {
    const parsed = StoredFindingSchema.safeParse(record);
    return parsed.success ? [parsed.data] : [];
  });
}

/** A finding tree as flat records, roots first, each child after its parent. */
export function flattenFindings(
  accountId: AccountId,
  findings: readonly Finding[],
  detectedAt: number,
): StoredFinding[] {
  const records: StoredFinding[] = [];
  const add = (finding: Finding, parentId: string | null): void => {
    const { id, related, ...fields } = finding;
    records.push({ ...fields, accountId, findingId: id, parentId, detectedAt });
    for (const child of related) add(child, id);
  };
  for (const finding of findings) add(finding, null);
  return records;
}

/** Flat records back into the engine's trees (what `detectAnomalies` takes as `previous`). */
export function findingTrees(records: readonly StoredFinding[]): Finding[] {
  const children = new Map<string, StoredFinding[]>();
  for (const record of records) {
    if (record.parentId === null) continue;
    const siblings = children.get(record.parentId);
    if (siblings) siblings.push(record);
    else children.set(record.parentId, [record]);
  }
  const build = (record: StoredFinding, seen: ReadonlySet<string>): Finding => {
    const {
      findingId,
      parentId: _parent,
      accountId: _account,
      detectedAt: _at,
      id: _key,
      ...rest
    } = record;
    const path = new Set(seen).add(findingId);
    const related = (children.get(findingId) ?? [])
      .filter((child) => !path.has(child.findingId))
      .map((child) => build(child, path));
    return { ...rest, id: findingId, related };
  };
  return records.filter((record) => record.parentId === null).map((root) => build(root, new Set()));
}

/** Every stored finding of an account, roots and the findings they explain alike. */
export async function readAccountFindings(accountId: AccountId): Promise<StoredFinding[]> {
  const records: unknown[] = await cacheDb()
    .findings.where('accountId')
    .equals(accountId)
    .toArray();
  return validFindings(records);
}

/** The stored findings about one campaign, ad set or ad (or the account, at level `account`). */
export async function readEntityFindings(
  accountId: AccountId,
  level: StoredFinding['level'],
  entityId: string,
): Promise<StoredFinding[]> {
  const records: unknown[] = await cacheDb()
    .findings.where('[accountId+level+entityId]')
    .equals([accountId, level, entityId])
    .toArray();
  return validFindings(records);
}

/** The stored findings about any of a level's entities (the rows on screen). */
export async function readFindingsOfEntities(
  accountId: AccountId,
  level: StoredFinding['level'],
  entityIds: readonly string[],
): Promise<StoredFinding[]> {
  const records: unknown[] = await cacheDb()
    .findings.where('[accountId+level+entityId]')
    .anyOf(entityIds.map((entityId) => [accountId, level, entityId]))
    .toArray();
  return validFindings(records);
}

/** Findings of an account by severity, for a count next to its name. */
export async function countAccountFindings(
  accountId: AccountId,
): Promise<Record<StoredFinding['severity'], number>> {
  const counts = { info: 0, warning: 0, critical: 0 };
  for (const finding of await readAccountFindings(accountId)) counts[finding.severity] += 1;
  return counts;
}

/**
 * Replaces an account's findings with a detection run's. Call inside a transaction over the
 * findings and explanations tables so readers never see the account half replaced.
 */
export async function replaceAccountFindings(
  accountId: AccountId,
  findings: readonly Finding[],
  detectedAt: number,
): Promise<void> {
  const table = cacheDb().findings;
  await table.where('accountId').equals(accountId).delete();
  const records = flattenFindings(accountId, findings, detectedAt);
  await table.bulkAdd(records);
  // An explanation is kept with its finding and goes with it.
  await deleteExplanationsOfGoneFindings(
    accountId,
    new Set(records.map((record) => record.findingId)),
  );
}
