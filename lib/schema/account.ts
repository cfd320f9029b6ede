import * as z from 'zod/mini';
import { boundedString, requiredString } from './bounded';

/** A Graph ad-account node id: `act_` followed by the numeric account id. */
export const AccountIdSchema = z.string().check(z.regex(/^act_\d{1,20}$/));
export type AccountId = z.infer<typeof AccountIdSchema>;

export const ACCOUNT_NAME_MAX_LENGTH = 512;
export const MAX_ACCOUNTS = 5000;

/** What pages and content scripts may know about an ad account: no token, no business data. */
export const AccountSummarySchema = z.strictObject({
  accountId: AccountIdSchema,
  name: boundedString(ACCOUNT_NAME_MAX_LENGTH),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  timezoneName: requiredString(64),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

/** An ad account as the cache keeps it. */
export const AccountRecordSchema = z.strictObject({
  ...AccountSummarySchema.shape,
  timezoneOffsetHoursUtc: z.number(),
  status: z.int(),
  businessId: z.nullable(requiredString(32)),
  businessName: z.nullable(boundedString(ACCOUNT_NAME_MAX_LENGTH)),
});
export type AccountRecord = z.infer<typeof AccountRecordSchema>;

export function toAccountSummary(record: AccountRecord): AccountSummary {
  return {
    accountId: record.accountId,
    name: record.name,
    currency: record.currency,
    timezoneName: record.timezoneName,
  };
}
