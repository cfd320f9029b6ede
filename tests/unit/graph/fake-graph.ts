import { vi } from 'vitest';
import type { GraphFetch } from '@/lib/graph/client';
import type { GraphTiming } from '@/lib/graph/timing';

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
