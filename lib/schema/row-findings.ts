import * as z from 'zod/mini';
import { AccountIdSchema } from './account';
import { FindingMessageSchema } from './finding-message';
import { ENTITY_LEVELS, SEVERITIES } from './vocabulary';

/**
 * `findings.forRows`: what the Ads Manager overlay may learn about the rows on screen — per entity
 * with findings, how many, how severe, and the top finding's sentence. Nothing else of the cache.
 */

/** Rows asked about in one message: a screenful and its overscan, with room to spare. */
export const MAX_ROW_ENTITY_IDS = 200;

export const TableLevelSchema = z.enum(ENTITY_LEVELS);
export type TableLevel = z.infer<typeof TableLevelSchema>;
export const FindingSeveritySchema = z.enum(SEVERITIES);
export type FindingSeverity = z.infer<typeof FindingSeveritySchema>;

const EntityIdSchema = z.string().check(z.regex(/^\d{1,25}$/));

export const FindingsForRowsRequestSchema = z.strictObject({
  accountId: AccountIdSchema,
  level: TableLevelSchema,
  entityIds: z.array(EntityIdSchema).check(z.minLength(1), z.maxLength(MAX_ROW_ENTITY_IDS)),
});
export type FindingsForRowsRequest = z.infer<typeof FindingsForRowsRequestSchema>;

/** One row's findings, summed up for its badge. */
export const RowFindingsSchema = z.strictObject({
  entityId: EntityIdSchema,
  /** The most severe of the entity's findings. */
  severity: FindingSeveritySchema,
  count: z.int().check(z.minimum(1), z.maximum(999)),
  /** The top finding's sentence, language-neutral: the overlay says it in the page's language. */
  topSentence: FindingMessageSchema,
});
export type RowFindings = z.infer<typeof RowFindingsSchema>;

/**
 * A campaign or ad set row without findings of its own whose ad sets or ads have some: how many
 * of them, and the first (most severe, then strongest), which its quiet badge opens.
 */
export const RowRollUpSchema = z.strictObject({
  entityId: EntityIdSchema,
  below: z.int().check(z.minimum(1), z.maximum(9999)),
  first: z.strictObject({ level: TableLevelSchema, entityId: EntityIdSchema }),
});
export type RowRollUp = z.infer<typeof RowRollUpSchema>;

/** Entities without findings are left out; those with findings only below them are roll-ups. */
export const FindingsForRowsResponseSchema = z.strictObject({
  findings: z.array(RowFindingsSchema).check(z.maxLength(MAX_ROW_ENTITY_IDS)),
  /** Absent from a background that predates roll-ups: none. */
  rollUps: z.optional(z.array(RowRollUpSchema).check(z.maxLength(MAX_ROW_ENTITY_IDS))),
});
