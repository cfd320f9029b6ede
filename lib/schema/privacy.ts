import * as z from 'zod/mini';
import { AccountIdSchema, MAX_ACCOUNTS } from './account';
import { boundedString } from './bounded';

/**
 * Messages of the privacy controls (options page only): what is stored, clearing it, exporting
 * it, the API call log, and deleting everything. None of them carries the token.
 */
/** Days of daily insights kept (the sync settings' `backfillDays`), as the options page allows. */
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 730;

const count = z.int().check(z.minimum(0));

export const StoredAccountSchema = z.strictObject({
  accountId: AccountIdSchema,
  /** Daily insight rows (entity × day). */
  insightRows: count,
  /** Every cached record about the account: objects, insight chunks, sync state, findings. */
  records: count,
});
export type StoredAccount = z.infer<typeof StoredAccountSchema>;

export const StoredDataResponseSchema = z.strictObject({
  accounts: z.array(StoredAccountSchema).check(z.maxLength(MAX_ACCOUNTS)),
  apiCalls: count,
  /** What the extension's origin uses on disk (navigator.storage.estimate), when the browser says. */
  bytesUsed: z.nullable(count),
});
export type StoredData = z.infer<typeof StoredDataResponseSchema>;

/** Without an account: every account's cached data. */
export const ClearCacheRequestSchema = z.strictObject({ accountId: z.optional(AccountIdSchema) });
export const ClearCacheResponseSchema = z.strictObject({
  cleared: z.array(AccountIdSchema).check(z.maxLength(MAX_ACCOUNTS)),
});

/** Chrome's message limit is 64 MiB; a very large account's export has to stay under it. */
export const MAX_EXPORT_CHARS = 60_000_000;
const exportText = boundedString(MAX_EXPORT_CHARS);

export const ExportResponseSchema = z.strictObject({ json: exportText });
export const ExportCsvRequestSchema = z.strictObject({ accountId: AccountIdSchema });
export const ExportCsvResponseSchema = z.strictObject({ csv: exportText });

export const ApiCallSchema = z.strictObject({
  method: boundedString(10),
  path: boundedString(300),
  status: z.int(),
  errorCode: z.nullable(z.int()),
  time: z.number(),
  durationMs: z.number(),
});
export type ApiCall = z.infer<typeof ApiCallSchema>;

/** The newest calls first; the page shows this many. */
export const API_LOG_PAGE = 200;
export const ApiLogResponseSchema = z.strictObject({
  calls: z.array(ApiCallSchema).check(z.maxLength(API_LOG_PAGE)),
  total: count,
});

export const EmptyResponseSchema = z.strictObject({});

/** `revoke` left out: the same default as Disconnect (yes for Adlens's own login, no for a pasted token). */
export const DeleteEverythingRequestSchema = z.strictObject({ revoke: z.optional(z.boolean()) });
