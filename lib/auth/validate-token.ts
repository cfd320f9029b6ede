import type { GraphClient } from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/errors';
import { fetchCurrentUser } from '@/lib/graph/me';
import { fetchPermissions, inspectToken } from '@/lib/graph/token-info';
import {
  ScopeSchema,
  TOKEN_TYPES,
  type ConnectionInfo,
  type Expiry,
  type TokenSource,
  type TokenType,
} from '@/lib/schema/connection';
import { AppError } from '@/lib/schema/errors';
import type { GraphUser } from '@/lib/schema/graph';
import type { GraphPermission, GraphTokenDebug } from '@/lib/schema/graph-token';
import { ADS_READ, type LoginGrant } from './facebook-login';

/**
 * The check a token passes before Adlens stores it (meta-graph-api.md §9): who it belongs to
 * (`/me`), what it may do (`/me/permissions`) and what Meta says about it (`/debug_token`).
 * Without `ads_read` (or `ads_management`, which includes reading) nothing is stored.
 */
export interface TokenCheck {
  readonly user: GraphUser;
  readonly grantedScopes: readonly string[];
  readonly declinedScopes: readonly string[];
  /** Undefined when Meta would not describe the token. */
  readonly debug: GraphTokenDebug | undefined;
}

const READ_SCOPES = [ADS_READ, 'ads_management'];

/** Token-describing calls are a nicety: only a rejected token or an outage stops the connect. */
async function optional<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GraphError && (error.kind === 'auth' || error.kind === 'transient')) {
      throw error;
    }
    return undefined;
  }
}

export function scopesWith(permissions: readonly GraphPermission[], granted: boolean): string[] {
  return permissions
    .filter((each) => (each.status === 'granted') === granted)
    .map((each) => each.permission)
    .filter((scope) => ScopeSchema.safeParse(scope).success);
}

export function missingAdsReadError(source: TokenSource, declined: boolean): AppError {
  const why =
    'Adlens needs the ads_read permission to read your ad accounts and reports, and this token ' +
    (declined ? 'had it declined.' : 'does not have it.');
  const fix =
    source === 'login'
      ? 'Log in again and keep “ads_read” allowed when Facebook asks.'
      : 'Create a token with ads_read (in the Graph API Explorer, add ads_read under Permissions, ' +
        'then Generate Access Token) and paste it again.';
  return new AppError('permission-missing', `${why} ${fix} Nothing was stored.`);
}

export async function checkToken(
  graph: GraphClient,
  token: string,
  source: TokenSource,
): Promise<TokenCheck> {
  const user = await fetchCurrentUser(graph);
  const permissions = await optional(() => fetchPermissions(graph));
  const debug = await optional(() => inspectToken(graph, token));
  if (debug && !debug.is_valid) {
    throw new AppError('token-rejected', 'Meta says this access token is not valid.');
  }
  const grantedScopes = permissions
    ? scopesWith(permissions, true)
    : (debug?.scopes ?? []).filter((scope) => ScopeSchema.safeParse(scope).success);
  const declinedScopes = permissions ? scopesWith(permissions, false) : [];
  // When Meta described neither, /me/adaccounts will tell whether the token may read ads.
  const knowsScopes = permissions !== undefined || debug?.scopes !== undefined;
  if (knowsScopes && !READ_SCOPES.some((scope) => grantedScopes.includes(scope))) {
    throw missingAdsReadError(source, declinedScopes.includes(ADS_READ));
  }
  return { user, grantedScopes, declinedScopes, debug };
}

function expiryOf(unixSeconds: number | undefined): Expiry {
  if (unixSeconds === undefined) return null;
  return unixSeconds === 0 ? 'never' : unixSeconds;
}

function tokenTypeOf(type: string | undefined): TokenType {
  return (TOKEN_TYPES as readonly string[]).includes(type ?? '') ? (type as TokenType) : 'unknown';
}

/** A login grant's expiry on this browser's clock; undefined when the grant did not say. */
function grantExpiry(grant: LoginGrant | undefined, now: number): number | undefined {
  const seconds = grant?.expiresInSeconds;
  return seconds ? Math.floor(now / 1000) + seconds : undefined;
}

export interface TokenOrigin {
  readonly source: TokenSource;
  /** The app id Facebook Login used; null for a pasted token. */
  readonly appId: string | null;
  readonly grant?: LoginGrant;
}

/**
 * What is stored about a checked token. A login grant's `expires_in` is relative, so its expiry is
 * counted on this browser's clock, the one that schedules the renewal; otherwise Meta's own
 * `expires_at` is used.
 */
export function describeConnection(
  check: TokenCheck,
  origin: TokenOrigin,
  now: number,
): ConnectionInfo {
  const { debug } = check;
  return {
    source: origin.source,
    appId: debug?.app_id ?? origin.appId,
    tokenType: tokenTypeOf(debug?.type),
    grantedScopes: [...check.grantedScopes],
    declinedScopes: [...check.declinedScopes],
    expiresAt: grantExpiry(origin.grant, now) ?? expiryOf(debug?.expires_at),
    dataAccessExpiresAt: expiryOf(
      debug?.data_access_expires_at ?? origin.grant?.dataAccessExpiresAt ?? undefined,
    ),
    obtainedAt: now,
    health: 'active',
    problem: null,
  };
}
