import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  createGraphClient,
  MAX_INLINE_WAIT_MS,
  MAX_RETRIES,
  type GraphCall,
} from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/errors';
import { memoryThrottleStore, ThrottleGate } from '@/lib/graph/throttle';
import { GRAPH_API_VERSION } from '@/lib/graph/version';
import {
  fakeGraph,
  fakeTiming,
  graphError,
  scripted,
  usageHeaders,
  type FakeReply,
} from '@/tests/support/graph-stand-in';

const TOKEN = 'EAABresilienceToken0123456789abcdef';
const ACCOUNT = 'act_42';
const Anything = z.unknown();
const ok = (body: unknown = { id: '1' }, headers?: Record<string, string>): FakeReply => ({
  body,
  ...(headers ? { headers } : {}),
});

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

function client(route: Parameters<typeof fakeGraph>[0], store = memoryThrottleStore()) {
  const graph = fakeGraph(route);
  const clock = fakeTiming();
  const calls: GraphCall[] = [];
  const throttle = new ThrottleGate(store, clock.timing);
  const api = createGraphClient({
    accessToken: TOKEN,
    fetch: graph.fetch,
    timing: clock.timing,
    throttle,
    onCall: (call) => calls.push(call),
  });
  return { api, graph, clock, calls };
}

describe('error classes', () => {
  it.each([
    [
      'auth',
      graphError(190, 'Error validating access token: Session has expired', { error_subcode: 463 }),
    ],
    ['permission', graphError(200, '(#200) Permissions error', {}, 403)],
    ['invalid-request', graphError(100, '(#100) date_preset must be one of …')],
    ['not-found', graphError(100, 'Unsupported get request.', { error_subcode: 33 })],
  ] as const)('a %s error is not retried', async (kind, reply) => {
    const { api, graph, clock } = client(scripted(reply));
    const error = await failure(api.get('/act_42', Anything, {}, { account: ACCOUNT }));
    expect(error.kind).toBe(kind);
    expect(graph.fetch).toHaveBeenCalledTimes(1);
    expect(clock.sleeps).toEqual([]);
  });

  it.each([
    ['code 2', graphError(2, '(#2) Service temporarily unavailable', { is_transient: true })],
    ['code 1 / 500', graphError(1, 'An unknown error occurred', { error_subcode: 99 }, 500)],
    ['HTTP 503 without JSON', { status: 503, body: '<html>503</html>' }],
    ['a reset connection', new TypeError('Failed to fetch')],
  ] as const)('%s is retried with backoff until it passes', async (_name, reply) => {
    const { api, graph, clock } = client(scripted(reply, reply, ok()));
    await expect(api.get('/me', Anything)).resolves.toEqual({ id: '1' });
    expect(graph.fetch).toHaveBeenCalledTimes(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('gives up after five retries, with an exponential, jittered schedule', async () => {
    const reply = graphError(2, '(#2) Service temporarily unavailable', { is_transient: true });
    const { api, graph, clock } = client(() => reply);
    expect((await failure(api.get('/me', Anything))).kind).toBe('transient');
    expect(graph.fetch).toHaveBeenCalledTimes(MAX_RETRIES + 1);
    // base 500 ms doubling; a jitter of one half puts each wait at 3/4 of its ceiling.
    expect(clock.sleeps).toEqual([375, 750, 1500, 3000, 6000]);
  });

  it('a throttle error pauses the account for as long as Meta says, shared through the store', async () => {
    const store = memoryThrottleStore();
    const throttled = {
      ...graphError(80000, '(#80000) There have been too many calls from this ad-account.', {
        error_subcode: 2446079,
      }),
      headers: usageHeaders(100, { regainMinutes: 7 }),
    };
    const first = client(scripted(throttled), store);
    const error = await failure(
      first.api.get('/act_42/insights', Anything, {}, { account: ACCOUNT }),
    );
    expect(error.kind).toBe('throttle');
    expect(error.retryAt).toBe(first.clock.timing.now() + 7 * 60_000);

    // Another client (another caller, or a restarted worker) sharing the store waits too.
    const second = client(scripted(ok()), store);
    const again = await failure(second.api.get('/act_42', Anything, {}, { account: ACCOUNT }));
    expect(again.kind).toBe('throttle');
    expect(second.graph.fetch).not.toHaveBeenCalled();
    // Other accounts are not held up.
    await expect(
      second.api.get('/act_7', Anything, {}, { account: 'act_7' }),
    ).resolves.toBeTruthy();
  });

  it('a throttle error without a time backs off from at least a minute', async () => {
    const { api, clock } = client(scripted(graphError(17, '(#17) User request limit reached')));
    const error = await failure(api.get('/act_42', Anything, {}, { account: ACCOUNT }));
    expect(error.retryAt! - clock.timing.now()).toBeGreaterThanOrEqual(60_000);
  });
});

describe('usage headers', () => {
  it('slow calls down from 75 % and pause them from 95 %', async () => {
    const { api, clock } = client(
      scripted(
        ok({ id: '1' }, usageHeaders(80)),
        ok({ id: '2' }, usageHeaders(96, { resetSeconds: 600 })),
        ok({ id: '3' }),
      ),
    );
    await api.get('/act_42', Anything, {}, { account: ACCOUNT });
    await api.get('/act_42', Anything, {}, { account: ACCOUNT });
    // 80 % is a quarter of the way from 75 to 95: 1 s + ¼ × 9 s before the second call.
    expect(clock.sleeps).toEqual([3250]);
    const paused = await failure(api.get('/act_42', Anything, {}, { account: ACCOUNT }));
    expect(paused.kind).toBe('throttle');
    expect(paused.retryAt).toBe(clock.timing.now() + 600_000);
  });

  it('waits out a short pause inside the call', async () => {
    const { api, clock } = client(
      scripted(ok({ id: '1' }, usageHeaders(99, { regainMinutes: 0, resetSeconds: 10 })), ok()),
    );
    await api.get('/act_42', Anything, {}, { account: ACCOUNT });
    await api.get('/act_42', Anything, {}, { account: ACCOUNT });
    expect(clock.sleeps).toEqual([10_000]);
    expect(10_000).toBeLessThan(MAX_INLINE_WAIT_MS);
  });
});

describe('paging', () => {
  const next = (after: string, limit: number) =>
    `https://graph.facebook.com/${GRAPH_API_VERSION}/act_42/insights?limit=${limit}&after=${after}`;
  const tooMuch = graphError(
    1,
    "Please reduce the amount of data you're asking for, then retry your request",
    {},
    500,
  );

  it('halves the page size on the same cursor when Meta asks for less data, and keeps it', async () => {
    const { api, graph } = client(
      scripted(
        ok({ data: [1, 2], paging: { next: next('a', 100) } }),
        tooMuch,
        tooMuch,
        ok({ data: [3], paging: { next: next('b', 100) } }),
        ok({ data: [4] }),
      ),
    );
    const pages: unknown[][] = [];
    for await (const page of api.pages('/act_42/insights', Anything, { params: { limit: 100 } })) {
      pages.push(page);
    }
    expect(pages).toEqual([[1, 2], [3], [4]]);
    const limits = graph
      .urls()
      .map((url) => [url.searchParams.get('after'), url.searchParams.get('limit')]);
    expect(limits).toEqual([
      [null, '100'],
      ['a', '100'],
      ['a', '50'],
      ['a', '25'],
      ['b', '25'],
    ]);
  });

  it('gives the error back once the page size cannot shrink further', async () => {
    const { api } = client(() => tooMuch);
    const walk = async () => {
      for await (const _page of api.pages(
        '/act_42/insights',
        Anything,
        { params: { limit: 100 } },
        { minLimit: 50 },
      )) {
        // never reached
      }
    };
    expect((await failure(walk())).kind).toBe('reduce-data');
  });
});

describe('the call log', () => {
  it('records path, status and time of every exchange, never the token or the query', async () => {
    const { api, calls } = client(scripted(graphError(2, 'x', { is_transient: true }), ok()));
    await api.get('/act_42', Anything, { fields: ['name'] }, { account: ACCOUNT });
    expect(
      calls.map(({ method, path, status, errorCode }) => ({ method, path, status, errorCode })),
    ).toEqual([
      { method: 'GET', path: `/${GRAPH_API_VERSION}/act_42`, status: 400, errorCode: 2 },
      { method: 'GET', path: `/${GRAPH_API_VERSION}/act_42`, status: 200, errorCode: null },
    ]);
    expect(JSON.stringify(calls)).not.toContain(TOKEN);
  });

  it('flags calls Meta answers with a version deprecation warning or #2635', async () => {
    const { api, calls } = client(
      scripted(
        ok({ id: '1' }, { 'x-ad-api-version-warning': 'v26.0 is deprecated; upgraded to v27.0' }),
        graphError(2635, '(#2635) You are calling a deprecated version of the Ads API.'),
        ok(),
      ),
    );
    await api.get('/me', Anything);
    await api.get('/me', Anything).catch(() => undefined);
    await api.get('/me', Anything);
    expect(calls.map((call) => call.versionDeprecated)).toEqual([true, true, false]);
  });

  it('takes Meta’s clock from the Date header', async () => {
    const { api, clock } = client(
      scripted(ok({ id: '1' }, { date: 'Fri, 20 Nov 2026 15:00:00 GMT' })),
    );
    await api.get('/me', Anything);
    expect(api.serverNow()).toBe(Date.parse('2026-11-20T15:00:00Z'));
    clock.advance(1000);
    expect(api.serverNow()).toBe(Date.parse('2026-11-20T15:00:01Z'));
  });
});
