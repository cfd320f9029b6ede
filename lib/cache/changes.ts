import * as z from 'zod/mini';
import { AccountIdSchema, type AccountId } from '@/lib/schema/account';
import { boundedString } from '@/lib/schema/bounded';
import { GraphIdSchema } from '@/lib/schema/graph';
import { ENTITY_NAME_MAX_LENGTH } from '@/lib/schema/graph-ads';
import { EntityLevelSchema } from '@/lib/schema/insights';
import { cacheDb } from './db';
import type { EntityRecord } from './entities';

/**
 * What sync saw change on a campaign, ad set or ad since it last read it: budgets, status and
 * name, each with the time Meta reports for the edit (`updated_time`). The insight panel shows
 * them as recent changes; an object seen for the first time has none.
 */
export const CHANGED_FIELDS = [
  'dailyBudgetMinor',
  'lifetimeBudgetMinor',
  'status',
  'effectiveStatus',
  'name',
] as const satisfies readonly (keyof EntityRecord)[];
export type ChangedField = (typeof CHANGED_FIELDS)[number];

const ChangeValueSchema = z.nullable(z.union([z.int(), boundedString(ENTITY_NAME_MAX_LENGTH)]));

export const EntityChangeSchema = z.strictObject({
  id: z.optional(z.int()),
  accountId: AccountIdSchema,
  level: EntityLevelSchema,
  entityId: GraphIdSchema,
  field: z.enum(CHANGED_FIELDS),
  before: ChangeValueSchema,
  after: ChangeValueSchema,
  /** Meta's `updated_time` of the new version (ms); when Meta sends none, when sync saw it. */
  time: z.number(),
});
export type EntityChange = z.infer<typeof EntityChangeSchema>;

/** Changes kept per account; the oldest go first. */
export const MAX_CHANGES_PER_ACCOUNT = 5000;

/** The fields that differ between the stored and the new version of one object. */
export function entityChanges(
  before: EntityRecord,
  after: EntityRecord,
  seenAt: number,
): EntityChange[] {
  return CHANGED_FIELDS.flatMap((field) =>
    before[field] === after[field]
      ? []
      : {
          accountId: after.accountId,
          level: after.level,
          entityId: after.entityId,
          field,
          before: before[field],
          after: after[field],
          time: after.updatedTime ?? seenAt,
        },
  );
}

/** Records changes; call in the transaction that stores the new versions. */
export async function addChanges(changes: readonly EntityChange[]): Promise<void> {
  if (changes.length === 0) return;
  const table = cacheDb().changes;
  await table.bulkAdd([...changes]);
  for (const accountId of new Set(changes.map((change) => change.accountId))) {
    const keys = await table
      .where('[accountId+time]')
      .between([accountId, -Infinity], [accountId, Infinity])
      .primaryKeys();
    // Keys of one time order arbitrarily; the oldest times go first, which is what matters.
    const excess = keys.length - MAX_CHANGES_PER_ACCOUNT;
    if (excess > 0) await table.bulkDelete(keys.slice(0, excess));
  }
}

/** An account's changes (or one object's), newest first. */
export async function readChanges(
  accountId: AccountId,
  entityId?: string,
): Promise<EntityChange[]> {
  const table = cacheDb().changes;
  const raw: unknown[] =
    entityId === undefined
      ? await table
          .where('[accountId+time]')
          .between([accountId, -Infinity], [accountId, Infinity])
          .toArray()
      : await table.where('[accountId+entityId]').equals([accountId, entityId]).toArray();
  return raw
    .flatMap((record) => {
      const parsed = EntityChangeSchema.safeParse(record);
      return parsed.success ? [parsed.data] : [];
    })
    .sort((a, b) => b.time - a.time || (b.id ?? 0) - (a.id ?? 0));
}
