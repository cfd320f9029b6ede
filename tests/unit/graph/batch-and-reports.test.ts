import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { fetchObjectsById } from '@/lib/graph/ad-objects';
import { batchGet, MAX_BATCH_SIZE } from '@/lib/graph/batch';
import { createGraphClient, type GraphCall } from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/errors';
import { reportRunRows } from '@/lib/graph/report-runs';
import { memoryThrottleStore, ThrottleGate } from '@/lib/graph/throttle';
import { GRAPH_API_VERSION } from '@/lib/graph/version';
import {
  fakeGraph,
  fakeTiming,
  usageHeaders,
  type FakeRoute,
} from '@/tests/support/graph-stand-in';

const TOKEN = 'EAABbatchToken0123456789abcdef';

function client(route: FakeRoute) {
  const graph = fakeGraph(route);
  const clock = fakeTiming();
  const throttle = new ThrottleGate(memoryThrottleStore(), clock.timing);
  const calls: GraphCall[] = [];
  const api = createGraphClient({
    accessToken: TOKEN,
    fetch: graph.fetch,
    timing: clock.timing,
    throttle,
    onCall: (call) => calls.push(call),
  });
  return { api, graph, clock, throttle, calls };
}

type Item = { method: string; relative_url: string };
const itemsOf = (init: RequestInit) =>
  JSON.parse(
    new URLSearchParams(typeof init.body === 'string' ? init.body : '').get('batch') ?? '[]',
  ) as Item[];
const answer = (id: string) => ({ code: 200, body: JSON.stringify({ id }) });
const aborted = {
  code: 500,
  body: JSON.stringify({
    error: { message: 'Request aborted.', type: 'FacebookApiException', code: 960 },
  }),
};

describe('batch', () => {
  it('logs each batch item as a request of its own, without query or token', async () => {
    const { api, calls } = client(() => ({
      body: [
        answer('1'),
        {
          code: 400,
          body: JSON.stringify({ error: { message: 'Bad', type: 'OAuthException', code: 100 } }),
        },
      ],
    }));
    await batchGet(
      api,
      ['1', '2'].map((id) => ({ path: `/${id}`, query: { fields: ['id'] } })),
    );
    expect(
      calls.map(({ method, path, status, errorCode }) => ({ method, path, status, errorCode })),
    ).toEqual([
      { method: 'POST', path: `/${GRAPH_API_VERSION}/`, status: 200, errorCode: null },
      { method: 'GET', path: `/${GRAPH_API_VERSION}/1`, status: 200, errorCode: null },
      { method: 'GET', path: `/${GRAPH_API_VERSION}/2`, status: 400, errorCode: 100 },
    ]);
    expect(JSON.stringify(calls)).not.toContain(TOKEN);
  });

  it('sends GETs in one POST and re-sends only the null and aborted items', async () => {
    const rounds: string[][] = [];
    const { api, graph } = client((_url, init) => {
      const urls = itemsOf(init).map((item) => item.relative_url);
      rounds.push(urls);
      const idOf = (url: string) => /\/(\d+)\?/.exec(url)?.[1] ?? '';
      if (rounds.length === 1) return { body: [answer(idOf(urls[0]!)), null, aborted] };
      return { body: urls.map((url) => answer(idOf(url))) };
    });
    const outcomes = await batchGet(
      api,
      ['1', '2', '3'].map((id) => ({ path: `/${id}`, query: { fields: ['id'] } })),
    );
    expect(outcomes).toEqual(['1', '2', '3'].map((id) => ({ ok: true, body: { id } })));
    expect(rounds).toEqual([
      [
        `${GRAPH_API_VERSION}/1?fields=id`,
        `${GRAPH_API_VERSION}/2?fields=id`,
        `${GRAPH_API_VERSION}/3?fields=id`,
      ],
      [`${GRAPH_API_VERSION}/2?fields=id`, `${GRAPH_API_VERSION}/3?fields=id`],
    ]);
    const [url, init] = graph.fetch.mock.calls[0]!;
    expect(url.pathname).toBe(`/${GRAPH_API_VERSION}/`);
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
    expect(typeof init.body === 'string' && init.body.includes(TOKEN)).toBe(false);
  });

  it('splits more than 50 requests into several batches', async () => {
    const { api, graph } = client((_url, init) => ({
      body: itemsOf(init).map(() => answer('1')),
    }));
    await batchGet(
      api,
      Array.from({ length: MAX_BATCH_SIZE + 1 }, () => ({ path: '/1' })),
    );
    expect(graph.fetch.mock.calls.map(([, init]) => itemsOf(init).length)).toEqual([50, 1]);
  });

  it('feeds each item’s usage headers to the throttle and reports item errors', async () => {
    const { api, throttle } = client(() => ({
      body: [
        {
          code: 200,
          headers: Object.entries(usageHeaders(97, { regainMinutes: 3 })).map(([name, value]) => ({
            name,
            value,
          })),
          body: JSON.stringify({ id: '1' }),
        },
        {
          code: 400,
          body: JSON.stringify({
            error: { message: 'Unsupported get request.', code: 100, error_subcode: 33 },
          }),
        },
      ],
    }));
    const outcomes = await batchGet(api, [{ path: '/1' }, { path: '/2' }], 'act_9');
    expect(outcomes[0]).toEqual({ ok: true, body: { id: '1' } });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await throttle.delayFor('act_9')).toBe(3 * 60_000);
  });

  it('fetches objects by id and reports the ones that are gone', async () => {
    const ad = { id: '11', name: 'Ad', status: 'ACTIVE', effective_status: 'ACTIVE' };
    const gone = { error: { message: 'Unsupported get request.', code: 100, error_subcode: 33 } };
    const { api } = client(() => ({
      body: [
        { code: 200, body: JSON.stringify(ad) },
        { code: 400, body: JSON.stringify(gone) },
      ],
    }));
    const result = await fetchObjectsById(api, 'act_9', 'ad', ['11', '12']);
    expect(result.found.map((object) => object.id)).toEqual(['11']);
    expect(result.gone).toEqual(['12']);
  });
});

describe('async report runs', () => {
  const Row = z.object({ n: z.number() });

  function reportServer(statuses: string[][], rows: number[][]) {
    let runs = 0;
    const polls: string[] = [];
    const route: FakeRoute = (url, init) => {
      const path = url.pathname.replace(`/${GRAPH_API_VERSION}`, '');
      if (init.method === 'POST' && path === '/act_9/insights') {
        runs++;
        return { body: { report_run_id: `60${runs}` } };
      }
      const run = /^\/(60\d+)$/.exec(path)?.[1];
      if (run) {
        polls.push(run);
        const status = statuses[Number(run.slice(2)) - 1]?.shift() ?? 'Job Completed';
        return {
          body: {
            id: run,
            async_status: status,
            async_percent_completion: status === 'Job Completed' ? 100 : 40,
          },
        };
      }
      if (/^\/60\d+\/insights$/.test(path)) {
        const page = Number(url.searchParams.get('after') ?? '0');
        const next =
          page + 1 < rows.length
            ? `https://graph.facebook.com${url.pathname}?limit=2&after=${page + 1}`
            : undefined;
        return {
          body: {
            data: (rows[page] ?? []).map((n) => ({ n })),
            ...(next ? { paging: { next } } : {}),
          },
        };
      }
      return new Error(`unexpected ${path}`);
    };
    return { route, polls, runs: () => runs };
  }

  async function collect(api: ReturnType<typeof client>['api']) {
    const seen: number[] = [];
    const jobQuery = { fields: ['spend'], params: { level: 'ad' } };
    for await (const page of reportRunRows(api, '/act_9', jobQuery, Row, {
      account: 'act_9',
      limit: 2,
    })) {
      seen.push(...page.map((row) => row.n));
    }
    return seen;
  }

  it('polls with a growing interval until the job completes, then pages through its rows', async () => {
    const server = reportServer([['Job Not Started', 'Job Started', 'Job Running']], [[1, 2], [3]]);
    const { api, clock, graph } = client(server.route);
    expect(await collect(api)).toEqual([1, 2, 3]);
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000]);
    const post = graph.fetch.mock.calls[0]!;
    expect(post[1].method).toBe('POST');
    expect(
      new URLSearchParams(typeof post[1].body === 'string' ? post[1].body : '').get('level'),
    ).toBe('ad');
  });

  it('starts a failed job once more', async () => {
    const server = reportServer([['Job Failed'], ['Job Running']], [[7]]);
    const { api } = client(server.route);
    expect(await collect(api)).toEqual([7]);
    expect(server.runs()).toBe(2);
  });

  it('gives up after the second failure, for the caller to split the range', async () => {
    const server = reportServer([['Job Skipped'], ['Job Failed']], [[7]]);
    const { api } = client(server.route);
    const error: unknown = await collect(api).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).kind).toBe('report-failed');
  });

  it('abandons a job stuck at 0 %', async () => {
    const stuck = new Array<string>(100).fill('Job Not Started');
    const server = reportServer([stuck, ['Job Running']], [[5]]);
    const { api } = client((url, init) => {
      const reply = server.route(url, init);
      // A stuck job reports 0 %.
      if (
        !(reply instanceof Error) &&
        typeof reply.body === 'object' &&
        reply.body &&
        'async_status' in reply.body
      ) {
        const body = reply.body as { async_status: string };
        return {
          body: {
            ...body,
            async_percent_completion: body.async_status === 'Job Not Started' ? 0 : 50,
          },
        };
      }
      return reply;
    });
    expect(await collect(api)).toEqual([5]);
    expect(server.runs()).toBe(2);
  });
});
