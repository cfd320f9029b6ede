import { vi } from 'vitest';

/**
 * graph.facebook.com for the background's unit tests, as far as connecting goes: tokens with an
 * owner, scopes and an expiry; `/me`, `/me/permissions` (GET and DELETE), `/debug_token`,
 * `/me/adaccounts`; 190 for unknown, expired or revoked tokens; and an offline switch.
 */
export interface FakeToken {
  readonly user: { readonly id: string; readonly name: string };
  readonly scopes: readonly string[];
  readonly declined?: readonly string[];
  readonly type?: string;
  /** Unix seconds, 0 = never. */
  readonly expiresAt?: number;
  readonly appId?: string;
}

export const ADA = { id: '7', name: 'Ada Lovelace' };
export const GOOD = 'EAABgoodTokenForHandlerTests0123456789';

export const AD_ACCOUNT = {
  id: 'act_101',
  account_id: '101',
  name: '<img src=x onerror=alert(1)>',
  currency: 'EUR',
  timezone_name: 'Europe/Paris',
  timezone_offset_hours_utc: 1,
  account_status: 1,
};

function graphError(code: number, message: string, subcode?: number): Response {
  return Response.json(
    {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(subcode === undefined ? {} : { error_subcode: subcode }),
        fbtrace_id: 'x',
      },
    },
    { status: 400 },
  );
}

export class FakeGraph {
  readonly tokens = new Map<string, FakeToken>([
    [GOOD, { user: ADA, scopes: ['ads_read', 'public_profile'], expiresAt: 0, appId: '42' }],
  ]);
  /** Tokens Meta now rejects with this message (expired, app removed…). */
  readonly rejected = new Map<string, string>();
  offline = false;
  /** Whether `/debug_token` answers; some apps' tokens may not inspect themselves. */
  debugTokenAllowed = true;

  readonly fetch = vi.fn((url: URL, init: RequestInit) =>
    this.offline
      ? Promise.reject(new TypeError('Failed to fetch'))
      : Promise.resolve(this.respond(url, init)),
  );

  add(token: string, description: FakeToken): string {
    this.tokens.set(token, description);
    return token;
  }

  /** The paths called, in order, as `METHOD /path`. */
  calls(): string[] {
    return this.fetch.mock.calls.map(([url, init]) => `${init.method} ${url.pathname}`);
  }

  private respond(url: URL, init: RequestInit): Response {
    const bearer = new Headers(init.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
    const token = this.tokens.get(bearer);
    const rejection = this.rejected.get(bearer);
    if (rejection !== undefined) return graphError(190, rejection, 463);
    if (!token) return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
    const route = `${init.method} ${url.pathname}`;
    switch (route) {
      case 'GET /v26.0/me':
        return Response.json(token.user);
      case 'GET /v26.0/me/permissions':
        return Response.json({
          data: [
            ...token.scopes.map((permission) => ({ permission, status: 'granted' })),
            ...(token.declined ?? []).map((permission) => ({ permission, status: 'declined' })),
          ],
        });
      case 'DELETE /v26.0/me/permissions':
        for (const [other, description] of this.tokens) {
          if (description.user.id === token.user.id) {
            this.rejected.set(other, 'The user has not authorized application 42.');
          }
        }
        return Response.json({ success: true });
      case 'GET /v26.0/debug_token':
        return this.debugToken(url, token);
      case 'GET /v26.0/me/adaccounts':
        if (!token.scopes.includes('ads_read') && !token.scopes.includes('ads_management')) {
          return graphError(200, '(#200) Permissions error');
        }
        return Response.json({ data: [AD_ACCOUNT] });
      default:
        return graphError(100, `Unsupported ${route}`);
    }
  }

  private debugToken(url: URL, token: FakeToken): Response {
    if (!this.debugTokenAllowed)
      return graphError(10, '(#10) Application does not have permission');
    if (!this.tokens.has(url.searchParams.get('input_token') ?? '')) {
      return graphError(100, 'Invalid input_token');
    }
    return Response.json({
      data: {
        app_id: token.appId ?? '42',
        type: token.type ?? 'USER',
        application: 'Some app',
        is_valid: true,
        issued_at: 1_700_000_000,
        expires_at: token.expiresAt ?? 0,
        data_access_expires_at: 1_900_000_000,
        scopes: token.scopes,
        user_id: token.user.id,
      },
    });
  }
}
