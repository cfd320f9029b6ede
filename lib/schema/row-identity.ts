import * as z from 'zod/mini';
import { AccountIdSchema } from './account';
import { boundedString } from './bounded';
import { ENTITY_NAME_MAX_LENGTH } from './graph-ads';
import { MAX_ROW_ENTITY_IDS, TableLevelSchema } from './row-findings';

/**
 * `rows.identifyByName`: on an Ads Manager page without `data-surface` ids, which entity each
 * visible row name belongs to. The background matches against the cached entities, so the page
 * learns ids only for names it already shows, never the account's list of names.
 */
const VisibleNameSchema = z.string().check(z.minLength(1), z.maxLength(ENTITY_NAME_MAX_LENGTH));

export const IdentifyByNameRequestSchema = z.strictObject({
  accountId: AccountIdSchema,
  level: TableLevelSchema,
  names: z.array(VisibleNameSchema).check(z.minLength(1), z.maxLength(MAX_ROW_ENTITY_IDS)),
});

export const NameMatchSchema = z.strictObject({
  name: boundedString(ENTITY_NAME_MAX_LENGTH),
  /** Null when no cached entity, or more than one, carries the name. */
  entityId: z.nullable(z.string().check(z.regex(/^\d{1,25}$/))),
});
export type NameMatch = z.infer<typeof NameMatchSchema>;

export const IdentifyByNameResponseSchema = z.strictObject({
  matches: z.array(NameMatchSchema).check(z.maxLength(MAX_ROW_ENTITY_IDS)),
});
