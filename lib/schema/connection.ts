import * as z from 'zod/mini';
import { boundedString } from './bounded';

/**
 * What Adlens knows about the connected token, never the token itself: where it came from, whose
 * app issued it, its scopes and expiry, and whether Meta still accepts it. Stored in the extension's
 * cache and shown in the options page.
 */

/** A Meta app id: digits only, so it can go into the login URL as it is. */
export const AppIdSchema = z.string().check(z.regex(/^\d{1,20}$/));

/** A permission name as Meta spells them (`ads_read`, `business_management`). */
export const ScopeSchema = z.string().check(z.regex(/^[a-z][a-z_]{0,63}$/));
export const ScopeListSchema = z.array(ScopeSchema).check(z.maxLength(100));

/** Unix seconds; `'never'` where Meta says 0; `null` when Meta did not say. */
export const ExpirySchema = z.nullable(
  z.union([z.literal('never'), z.int().check(z.minimum(1), z.maximum(1e11))]),
);
export type Expiry = z.infer<typeof ExpirySchema>;

/** `login`: from Facebook Login in this extension; `pasted`: issued by some other app. */
export const TokenSourceSchema = z.enum(['login', 'pasted']);
export type TokenSource = z.infer<typeof TokenSourceSchema>;

export const TOKEN_TYPES = ['USER', 'SYSTEM_USER', 'PAGE', 'APP', 'unknown'] as const;
export const TokenTypeSchema = z.enum(TOKEN_TYPES);
export type TokenType = z.infer<typeof TokenTypeSchema>;

/**
 * - `active`: Meta accepts the token.
 * - `reauth-needed`: a silent renewal of a Facebook Login token failed; it still works until it
 *   expires, but the user must reconnect.
 * - `expired`: Meta answered 190 (expired, revoked, password changed); cached data is kept.
 * - `token-missing`: the browser was restarted while "forget the token" was on.
 */
export const ConnectionHealthSchema = z.enum([
  'active',
  'reauth-needed',
  'expired',
  'token-missing',
]);
export type ConnectionHealth = z.infer<typeof ConnectionHealthSchema>;

export const ConnectionInfoSchema = z.strictObject({
  source: TokenSourceSchema,
  /** The app that issued the token, when Meta said so. */
  appId: z.nullable(AppIdSchema),
  tokenType: TokenTypeSchema,
  grantedScopes: ScopeListSchema,
  declinedScopes: ScopeListSchema,
  expiresAt: ExpirySchema,
  /** After this, Meta withholds data until the user logs in again (90 days after consent). */
  dataAccessExpiresAt: ExpirySchema,
  /** When this browser received the token (ms since the epoch, the browser's clock). */
  obtainedAt: z.int().check(z.minimum(0)),
  health: ConnectionHealthSchema,
  /** Meta's or the login's reason when health is not `active`. */
  problem: z.nullable(boundedString(500)),
});
export type ConnectionInfo = z.infer<typeof ConnectionInfoSchema>;

/** The options page's Facebook Login settings: an app id is public, never a secret. */
export const LoginSettingsSchema = z.strictObject({
  appId: z.nullable(AppIdSchema),
  /** Also ask for `business_management`, needed for accounts owned by a Business Manager. */
  businessManagement: z.boolean(),
});
export type LoginSettings = z.infer<typeof LoginSettingsSchema>;
