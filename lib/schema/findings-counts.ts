import * as z from 'zod/mini';
import { AccountIdSchema, MAX_ACCOUNTS } from './account';

/** Each account's stored findings by severity, for the popup's one line per account. */
const count = z.int().check(z.minimum(0));

export const FindingCountsSchema = z.strictObject({
  accountId: AccountIdSchema,
  info: count,
  warning: count,
  critical: count,
});
export type FindingCounts = z.infer<typeof FindingCountsSchema>;

export const FindingCountsResponseSchema = z.strictObject({
  accounts: z.array(FindingCountsSchema).check(z.maxLength(MAX_ACCOUNTS)),
});
