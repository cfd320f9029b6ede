import * as z from 'zod/mini';
import { AccountIdSchema, type AccountId } from '@/lib/schema/account';
import { boundedString } from '@/lib/schema/bounded';
import { ExplanationSchema, type Explanation } from '@/lib/schema/explain';
import { cacheDb } from './db';

/**
 * Explanations read on request (issue #18), kept with what they explain: a finding's (key = its
 * `findingId`) goes when the finding goes; a KPI's (key `kpi:…`) when it is older than the days
 * insights are kept. Breakdowns are never synced: this table only holds what the user asked for.
 */
export const StoredExplanationSchema = z.strictObject({
  accountId: AccountIdSchema,
  key: boundedString(300),
  /** Set for a finding's explanation. */
  findingId: z.nullable(boundedString(200)),
  explanation: ExplanationSchema,
});
export type StoredExplanation = z.infer<typeof StoredExplanationSchema>;

export async function readExplanation(
  accountId: AccountId,
  key: string,
): Promise<Explanation | undefined> {
  const record = await cacheDb().explanations.get([accountId, key]);
  if (!record) return undefined;
  const { fetchedAt: _indexed, ...stored } = record;
  const parsed = StoredExplanationSchema.safeParse(stored);
  return parsed.success ? parsed.data.explanation : undefined;
}

export async function saveExplanation(record: StoredExplanation): Promise<void> {
  await cacheDb().explanations.put({ ...record, fetchedAt: record.explanation.fetchedAt });
}

/** After a detection run: the explanations of findings it no longer raises go with them. */
export async function deleteExplanationsOfGoneFindings(
  accountId: AccountId,
  findingIds: ReadonlySet<string>,
): Promise<void> {
  await cacheDb()
    .explanations.where('[accountId+key]')
    .between([accountId], [accountId, []], true, true)
    .filter((record) => record.findingId !== null && !findingIds.has(record.findingId))
    .delete();
}

/** Retention: explanations read before `before` (ms since the epoch) are deleted. */
export async function pruneExplanations(before: number): Promise<number> {
  return cacheDb().explanations.where('fetchedAt').below(before).delete();
}
