import { vi } from 'vitest';
import type { GraphFetch } from '@/lib/graph/client';
import type { GraphTiming } from '@/lib/graph/timing';
import type { SimulatedMeta } from '../sim';

/*
 * graph.facebook.com for tests that run without a browser. Three depths, one home:
 * - `fakeGraph(route)`: a Graph API in a function, for the client's own tests (a reply per request);
 * - `TokenGraph`: as far as connecting goes (tokens, their owner and scopes, permissions, ad accounts);
 * - `simFetch(meta)`: the simulator in-process, the same seeded world, errors and paging the
 *   end-to-end tests and the bench see.
 */

/** Fake time for the Graph client: sleeping moves the clock, and chance is always one half. */
export function fakeTiming(start = Date.parse('2026-11-20T12:00:00Z')) {
  let now = start;
  const sleeps: number[] = [];
  const timing: GraphTiming = {
    now: () => now,
    sleep(ms) {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    random: () => 0.5,
  };
  return {
    timing,
    sleeps,
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface FakeReply {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

export type FakeRoute = (url: URL, init: RequestInit) => FakeReply | Error;

export function graphError(code: number, message: string, extra: object = {}, status = 400) {
  return { status, body: { error: { message, type: 'OAuthException', code, ...extra } } };
}

/** A Graph API in a function: every request goes to `route`, and is recorded. */
export function fakeGraph(route: FakeRoute) {
  // Copies: the client may reuse a URL object for the next attempt.
  const seen: URL[] = [];
  const fetch = vi.fn<GraphFetch>((url, init) => {
    seen.push(new URL(url));
    const reply = route(new URL(url), init);
    if (reply instanceof Error) return Promise.reject(reply);
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return Promise.resolve(
      new Response(body, { status: reply.status ?? 200, headers: reply.headers ?? {} }),
    );
  });
  return {
    fetch,
    urls: () => seen,
    forms: () =>
      fetch.mock.calls.map(
        ([, init]) => new URLSearchParams(typeof init.body === 'string' ? init.body : ''),
      ),
  };
}

/** Replies in order, whatever is asked. */
export function scripted(...replies: (FakeReply | Error)[]): FakeRoute {
  const queue = [...replies];
  return () => queue.shift() ?? new Error('unexpected request');
}

export function usageHeaders(
  percent: number,
  options: { regainMinutes?: number; resetSeconds?: number } = {},
) {
  return {
    'x-ad-account-usage': JSON.stringify({
      acc_id_util_pct: percent,
      reset_time_duration: options.resetSeconds ?? 0,
    }),
    'x-business-use-case-usage': JSON.stringify({
      '99': [
        {
          type: 'ads_insights',
          call_count: percent,
          total_cputime: 1,
          total_time: 1,
          estimated_time_to_regain_access: options.regainMinutes ?? 0,
        },
      ],
    }),
  };
}

/** A token as `TokenGraph` knows it. */
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

function tokenError(code: number, message: string, subcode?: number): FakeReply {
  const extra = { ...(subcode === undefined ? {} : { error_subcode: subcode }), fbtrace_id: 'x' };
  return graphError(code, message, extra);
}

/**
 * graph.facebook.com for the background's unit tests, as far as connecting goes: tokens with an
 * owner, scopes and an expiry; `/me`, `/me/permissions` (GET and DELETE), `/debug_token`,
 * `/me/adaccounts`; 190 for unknown, expired or revoked tokens; and an offline switch.
 */
export class TokenGraph {
  readonly tokens = new Map<string, FakeToken>([
    [GOOD, { user: ADA, scopes: ['ads_read', 'public_profile'], expiresAt: 0, appId: '42' }],
  ]);
  /** Tokens Meta now rejects with this message (expired, app removed…). */
  readonly rejected = new Map<string, string>();
  offline = false;
  /** Whether `/debug_token` answers; some apps' tokens may not inspect themselves. */
  debugTokenAllowed = true;

  readonly fetch = fakeGraph((url, init) =>
    this.offline ? new TypeError('Failed to fetch') : this.respond(url, init),
  ).fetch;

  add(token: string, description: FakeToken): string {
    this.tokens.set(token, description);
    return token;
  }

  /** The paths called, in order, as `METHOD /path`. */
  calls(): string[] {
    return this.fetch.mock.calls.map(([url, init]) => `${init.method} ${url.pathname}`);
  }

  private respond(url: URL, init: RequestInit): FakeReply {
    const bearer = new Headers(init.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
    const token = this.tokens.get(bearer);
    const rejection = this.rejected.get(bearer);
    if (rejection !== undefined) return tokenError(190, rejection, 463);
    if (!token) return tokenError(190, 'Invalid OAuth access token - Cannot parse access token');
    const route = `${init.method} ${url.pathname}`;
    switch (route) {
      case 'GET /v26.0/me':
        return { body: token.user };
      case 'GET /v26.0/me/permissions':
        return {
          body: {
            data: [
              ...token.scopes.map((permission) => ({ permission, status: 'granted' })),
              ...(token.declined ?? []).map((permission) => ({ permission, status: 'declined' })),
            ],
          },
        };
      case 'DELETE /v26.0/me/permissions':
        for (const [other, description] of this.tokens) {
          if (description.user.id === token.user.id) {
            this.rejected.set(other, 'The user has not authorized application 42.');
          }
        }
        return { body: { success: true } };
      case 'GET /v26.0/debug_token':
        return this.debugToken(url, token);
      case 'GET /v26.0/me/adaccounts':
        if (!token.scopes.includes('ads_read') && !token.scopes.includes('ads_management')) {
          return tokenError(200, '(#200) Permissions error');
        }
        return { body: { data: [AD_ACCOUNT] } };
      default:
        return tokenError(100, `Unsupported ${route}`);
    }
  }

  private debugToken(url: URL, token: FakeToken): FakeReply {
    if (!this.debugTokenAllowed) {
      return tokenError(10, '(#10) Application does not have permission');
    }
    if (!this.tokens.has(url.searchParams.get('input_token') ?? '')) {
      return tokenError(100, 'Invalid input_token');
    }
    return {
      body: {
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
      },
    };
  }
}

/** The simulator in-process behind a fetch: its seeded world, error catalogue and paging. */
export function simFetch(meta: SimulatedMeta): GraphFetch {
  return async (url, init) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      headers[name.toLowerCase()] = String(value);
    }
    const response = await meta.graph({
      method: init.method ?? 'GET',
      url: new URL(url),
      headers,
      body: typeof init.body === 'string' ? init.body : '',
    });
    if (response.resetConnection) throw new TypeError('Failed to fetch');
    const body = response.body;
    return new Response(body instanceof Uint8Array ? new Uint8Array(body) : (body ?? null), {
      status: response.status,
      headers: response.headers ?? {},
    });
  };
}
