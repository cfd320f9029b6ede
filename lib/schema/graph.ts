import * as z from 'zod/mini';
import { ACCOUNT_NAME_MAX_LENGTH } from './account';
import { boundedString, requiredString } from './bounded';

/**
 * Graph API response shapes (meta-graph-api.md §5, §6, §8). Objects are not strict here: Meta adds
 * fields over time, and unknown keys are dropped rather than trusted.
 */
export const GraphIdSchema = z.string().check(z.regex(/^\d{1,25}$/));

export const GraphUserSchema = z.object({
  id: GraphIdSchema,
  name: boundedString(256),
});
export type GraphUser = z.infer<typeof GraphUserSchema>;

export const GraphAdAccountSchema = z.object({
  id: z.string().check(z.regex(/^act_\d{1,20}$/)),
  account_id: z.string().check(z.regex(/^\d{1,20}$/)),
  name: boundedString(ACCOUNT_NAME_MAX_LENGTH),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  timezone_name: requiredString(64),
  timezone_offset_hours_utc: z.number(),
  account_status: z.int(),
  business: z.optional(
    z.object({ id: GraphIdSchema, name: z.optional(boundedString(ACCOUNT_NAME_MAX_LENGTH)) }),
  ),
});
export type GraphAdAccount = z.infer<typeof GraphAdAccountSchema>;

/** One page of an edge; `paging.next` is absent on the last page. */
export function graphPageSchema<Item extends z.ZodMiniType>(item: Item) {
  return z.object({
    data: z.array(item).check(z.maxLength(5000)),
    paging: z.optional(z.object({ next: z.optional(boundedString(8192)) })),
  });
}

/** `DELETE` answers `true` or `{"success": true}` (meta-graph-api.md §9). */
export const GraphSuccessSchema = z.union([z.literal(true), z.object({ success: z.boolean() })]);

const optionalText = z.catch(z.optional(boundedString(4000)), undefined);
const optionalNumber = z.catch(z.optional(z.number()), undefined);

/** The error body (§8). Every field is optional and a wrongly typed one is dropped, not fatal. */
export const GraphErrorBodySchema = z.object({
  error: z.object({
    message: optionalText,
    type: optionalText,
    code: optionalNumber,
    error_subcode: optionalNumber,
    error_user_title: optionalText,
    error_user_msg: optionalText,
    is_transient: z.catch(z.optional(z.boolean()), undefined),
    fbtrace_id: optionalText,
  }),
});
