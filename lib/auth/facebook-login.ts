import { GRAPH_API_VERSION } from '@/lib/graph/version';
import { AccessTokenSchema } from '@/lib/schema/auth';
import { AppError } from '@/lib/schema/errors';

/**
 * Facebook Login's implicit flow (meta-graph-api.md §9): the dialog URL, the `state` nonce and the
 * redirect the dialog sends back. Pure, so every branch is tested in Node; lib/auth/login-flow.ts
 * drives it through `identity.launchWebAuthFlow`.
 */
export const LOGIN_DIALOG_URL = `https://www.facebook.com/${GRAPH_API_VERSION}/dialog/oauth`;
export const ADS_READ = 'ads_read';
export const BUSINESS_MANAGEMENT = 'business_management';

export interface LoginRequest {
  readonly appId: string;
  /** `identity.getRedirectURL()`: https://<extension id>.chromiumapp.org/ in Chrome. */
  readonly redirectUri: string;
  readonly state: string;
  readonly scopes: readonly string[];
  /** Asks again for permissions the user declined before; only meaningful with a visible dialog. */
  readonly rerequest: boolean;
}

/** What the dialog granted. Times are relative to when the redirect arrived. */
export interface LoginGrant {
  readonly accessToken: string;
  /** Seconds until the token expires; null when the fragment did not say. */
  readonly expiresInSeconds: number | null;
  /** Unix seconds; null when the fragment did not say. */
  readonly dataAccessExpiresAt: number | null;
}

export type LoginRedirect =
  | { readonly outcome: 'granted'; readonly grant: LoginGrant }
  | { readonly outcome: 'denied'; readonly reason: string | null };

export function loginScopes(options: { readonly businessManagement: boolean }): string[] {
  return options.businessManagement ? [ADS_READ, BUSINESS_MANAGEMENT] : [ADS_READ];
}

/** 256 random bits, base64url: unguessable, and safe in a URL without escaping. */
export function createLoginState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function buildLoginUrl(request: LoginRequest): URL {
  const url = new URL(LOGIN_DIALOG_URL);
  url.searchParams.set('client_id', request.appId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('response_type', 'token');
  url.searchParams.set('scope', request.scopes.join(','));
  url.searchParams.set('state', request.state);
  if (request.rerequest) url.searchParams.set('auth_type', 'rerequest');
  return url;
}

const LOGIN_FAILED = 'Facebook Login did not complete. Try again.';

function loginFailed(detail: string): AppError {
  return new AppError('login-failed', `${LOGIN_FAILED} (${detail})`);
}

/** A non-negative integer parameter, or null when absent; anything else fails the login. */
function optionalSeconds(params: URLSearchParams, name: string): number | null {
  const raw = params.get(name);
  if (raw === null || raw === '') return null;
  if (!/^\d{1,12}$/.test(raw)) throw loginFailed(`${name} is not a number`);
  return Number(raw);
}

/**
 * Reads where the dialog sent the browser. Only a redirect to our own redirect URI carrying the
 * state we generated is believed: anything else could be a forged or replayed response. A grant
 * travels in the fragment, a denial in the query.
 */
export function parseLoginRedirect(
  redirect: string,
  expected: { readonly redirectUri: string; readonly state: string },
): LoginRedirect {
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    throw loginFailed('unreadable redirect');
  }
  if (`${url.origin}${url.pathname}` !== expected.redirectUri) {
    throw loginFailed('unexpected redirect address');
  }
  const denied = url.searchParams.has('error');
  const fragment = new URLSearchParams(url.hash.slice(1));
  const params = denied ? url.searchParams : fragment;
  if (params.get('state') !== expected.state) throw loginFailed('state mismatch');
  if (denied) return { outcome: 'denied', reason: params.get('error_reason') };

  const token = AccessTokenSchema.safeParse(fragment.get('access_token'));
  if (!token.success) throw loginFailed('no access token');
  return {
    outcome: 'granted',
    grant: {
      accessToken: token.data,
      expiresInSeconds: optionalSeconds(fragment, 'expires_in'),
      dataAccessExpiresAt: optionalSeconds(fragment, 'data_access_expiration_time'),
    },
  };
}
