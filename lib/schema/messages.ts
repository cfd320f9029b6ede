import * as z from 'zod/mini';
import { AccountIdSchema, AccountSummarySchema, MAX_ACCOUNTS } from './account';
import { AccessTokenSchema } from './auth';
import { boundedString } from './bounded';
import { AppErrorPayloadSchema } from './errors';

/** What every extension page or content script sends: one command and its payload. */
export const MessageEnvelopeSchema = z.strictObject({
  command: boundedString(64),
  payload: z.unknown(),
});
export type MessageEnvelope = z.infer<typeof MessageEnvelopeSchema>;

/** What the background answers: `{ ok: true, data }` or `{ ok: false, error }`, never both. */
export function responseEnvelopeSchema<Data extends z.ZodMiniType>(data: Data) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), data }),
    z.strictObject({ ok: z.literal(false), error: AppErrorPayloadSchema }),
  ]);
}

const USER_NAME_MAX_LENGTH = 256;
const AccountListSchema = z.array(AccountSummarySchema).check(z.maxLength(MAX_ACCOUNTS));

export const EmptyRequestSchema = z.strictObject({});

export const ConnectWithTokenRequestSchema = z.strictObject({ token: AccessTokenSchema });
export const ConnectWithTokenResponseSchema = z.strictObject({
  userName: boundedString(USER_NAME_MAX_LENGTH),
  accounts: AccountListSchema,
});

export const AuthStatusResponseSchema = z.strictObject({
  connected: z.boolean(),
  userName: z.nullable(boundedString(USER_NAME_MAX_LENGTH)),
  accountCount: z.int().check(z.minimum(0)),
});
export type AuthStatus = z.infer<typeof AuthStatusResponseSchema>;

export const DisconnectResponseSchema = z.strictObject({
  /** Whether Meta confirmed that it revoked the app's permissions; local data is wiped either way. */
  revoked: z.boolean(),
});

export const AccountsListResponseSchema = z.strictObject({ accounts: AccountListSchema });

export const AccountsGetRequestSchema = z.strictObject({ accountId: AccountIdSchema });
export const AccountsGetResponseSchema = z.strictObject({
  /** `null` when the connected user has no such account. */
  account: z.nullable(AccountSummarySchema),
});
