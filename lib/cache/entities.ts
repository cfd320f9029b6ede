import * as z from 'zod/mini';
import { AccountIdSchema, type AccountId } from '@/lib/schema/account';
import { boundedString } from '@/lib/schema/bounded';
import { GraphIdSchema } from '@/lib/schema/graph';
import { ENTITY_NAME_MAX_LENGTH } from '@/lib/schema/graph-ads';
import { EntityLevelSchema, type EntityLevel } from '@/lib/schema/insights';
import { addChanges, entityChanges } from './changes';
import { cacheDb, WRITE_ROUND } from './db';

/**
 * Campaigns, ad sets and ads as the cache keeps them. Budgets are integers in minor units of the
 * account currency (what Meta sends; lib/util/currency says what a minor unit is), times are ms
 * since the epoch. `gone` marks an object Meta no longer knows (100/33): kept, for its history.
 */
const StatusSchema = z.string().check(z.regex(/^[A-Z_]{1,40}$/));
const nullableInt = z.nullable(z.int());
const nullableTime = z.nullable(z.number());

export const EntityRecordSchema = z.strictObject({
  accountId: AccountIdSchema,
  level: EntityLevelSchema,
  entityId: GraphIdSchema,
  name: boundedString(ENTITY_NAME_MAX_LENGTH),
  status: StatusSchema,
  effectiveStatus: StatusSchema,
  campaignId: z.nullable(GraphIdSchema),
  adsetId: z.nullable(GraphIdSchema),
  objective: z.nullable(StatusSchema),
  dailyBudgetMinor: nullableInt,
  lifetimeBudgetMinor: nullableInt,
  createdTime: nullableTime,
  updatedTime: nullableTime,
  startTime: nullableTime,
  gone: z.boolean(),
});
export type EntityRecord = z.infer<typeof EntityRecordSchema>;

function validEntity(raw: unknown): EntityRecord | undefined {
  const parsed = EntityRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Adds or replaces entities, recording what changed on those already stored (`seenAt`, ms, dates
 * a change Meta gives no time for). Call inside a transaction over entities and changes to pair it
 * with a checkpoint.
 */
export async function putEntities(
  entities: readonly EntityRecord[],
  seenAt: number,
): Promise<void> {
  const db = cacheDb();
  for (let start = 0; start < entities.length; start += WRITE_ROUND) {
    const round = entities.slice(start, start + WRITE_ROUND);
    const stored = await db.entities.bulkGet(
      round.map(({ accountId, level, entityId }) => [accountId, level, entityId]),
    );
    await addChanges(
      round.flatMap((entity, index) => {
        const before = validEntity(stored[index]);
        return before ? entityChanges(before, entity, seenAt) : [];
      }),
    );
    await db.entities.bulkPut(round);
  }
}

/** Marks objects Meta answers 100/33 for as gone, keeping what we knew of them. */
export async function markEntitiesGone(
  accountId: AccountId,
  level: EntityLevel,
  entityIds: readonly string[],
): Promise<void> {
  const db = cacheDb();
  const known = await db.entities.bulkGet(entityIds.map((id) => [accountId, level, id]));
  const gone = entityIds.map((entityId, index): EntityRecord => {
    const before = validEntity(known[index]);
    return before
      ? { ...before, gone: true }
      : {
          accountId,
          level,
          entityId,
          name: '',
          status: 'DELETED',
          effectiveStatus: 'DELETED',
          campaignId: null,
          adsetId: null,
          objective: null,
          dailyBudgetMinor: null,
          lifetimeBudgetMinor: null,
          createdTime: null,
          updatedTime: null,
          startTime: null,
          gone: true,
        };
  });
  await db.entities.bulkPut(gone);
}

export async function listEntities(
  accountId: AccountId,
  level: EntityLevel,
): Promise<EntityRecord[]> {
  const rows: unknown[] = await cacheDb()
    .entities.where('[accountId+level]')
    .equals([accountId, level])
    .toArray();
  return rows.map(validEntity).filter((entity) => entity !== undefined);
}

/** The ids of a level the cache knows, without reading whole records. */
export async function knownEntityIds(
  accountId: AccountId,
  level: EntityLevel,
): Promise<Set<string>> {
  const keys = await cacheDb()
    .entities.where('[accountId+level]')
    .equals([accountId, level])
    .primaryKeys();
  return new Set(keys.map((key) => key[2]));
}
