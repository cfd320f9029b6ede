import * as z from 'zod/mini';
import { AccountIdSchema, AccountSummarySchema, MAX_ACCOUNTS } from './account';
import { AccessTokenSchema } from './auth';
import { boundedString } from './bounded';
import { AppIdSchema, ConnectionInfoSchema, LoginSettingsSchema } from './connection';
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

/** Facebook Login with the given app; answers like `auth.connectWithToken`. */
export const LoginRequestSchema = z.strictObject({
  appId: AppIdSchema,
  businessManagement: z.boolean(),
});

export const AuthStatusResponseSchema = z.strictObject({
  /** A connection whose token Meta still accepts, as far as Adlens knows. */
  connected: z.boolean(),
  /** Whose connection it is, also while it needs reconnecting; null without one. */
  userName: z.nullable(boundedString(USER_NAME_MAX_LENGTH)),
  accountCount: z.int().check(z.minimum(0)),
  /** The token's scopes, expiry and health (never the token); null without a connection. */
  connection: z.nullable(ConnectionInfoSchema),
  login: LoginSettingsSchema,
  /** True by default: the token is in memory only. False: remembered under a passphrase. */
  forgetTokenOnClose: z.boolean(),
  /** A remembered token waits for its passphrase (after a browser restart). */
  locked: z.boolean(),
});
export type AuthStatus = z.infer<typeof AuthStatusResponseSchema>;

export const DisconnectRequestSchema = z.strictObject({
  /**
   * Whether to ask Meta to de-authorize the app that issued the token (`DELETE /me/permissions`).
   * Defaults to yes for a token from Adlens's own login and no for a pasted one, which may belong
   * to another app such as the Graph API Explorer.
   */
  revoke: z.optional(z.boolean()),
});
export const DisconnectResponseSchema = z.strictObject({
  /** What became of the revocation; local data is wiped in every case. */
  revocation: z.enum(['confirmed', 'unconfirmed', 'not-requested']),
});
export type Revocation = z.infer<typeof DisconnectResponseSchema>['revocation'];

/** A passphrase as typed; its strength is judged by the background, which says why it refuses one. */
const PassphraseSchema = boundedString(1024);

/** Forget on close (the default), or remember on this computer under a passphrase. */
export const SetForgetTokenOnCloseRequestSchema = z.discriminatedUnion('forget', [
  z.strictObject({ forget: z.literal(true) }),
  z.strictObject({ forget: z.literal(false), passphrase: PassphraseSchema }),
]);
export const UnlockRequestSchema = z.strictObject({ passphrase: PassphraseSchema });
export const SetForgetTokenOnCloseResponseSchema = z.strictObject({
  forgetTokenOnClose: z.boolean(),
});

export const AccountsListResponseSchema = z.strictObject({ accounts: AccountListSchema });

export const AccountsGetRequestSchema = z.strictObject({ accountId: AccountIdSchema });
export const AccountsGetResponseSchema = z.strictObject({
  /** `null` when the connected user has no such account. */
  account: z.nullable(AccountSummarySchema),
});
