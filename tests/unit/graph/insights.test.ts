import { describe, expect, it } from 'vitest';
import { createGraphClient } from '@/lib/graph/client';
import { fetchDailyInsights } from '@/lib/graph/insights';
import { GRAPH_API_VERSION } from '@/lib/graph/version';
import type { GraphInsightsRow } from '@/lib/schema/graph-ads';
import { METRIC_GROUP_NAMES } from '@/lib/schema/sync';
import { fakeGraph, fakeTiming, graphError, type FakeRoute } from '@/tests/support/graph-stand-in';

const TOKEN = 'EAABinsightsToken0123456789abcdef';
const slice = {
  accountId: 'act_9',
  level: 'ad',
  since: '2026-11-01',
  until: '2026-11-04',
  metricGroups: METRIC_GROUP_NAMES,
} as const;
const tooMuch = graphError(1, "Please reduce the amount of data you're asking for", {}, 500);

const row = (date: string): GraphInsightsRow => ({
  date_start: date,
  date_stop: date,
  ad_id: '11',
  spend: '1.50',
});

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly range?: string;
  readonly limit?: string | null;
}

/** Sync insights work for ranges of at most two days except the last two; async always works. */
function server() {
  const seen: Seen[] = [];
  const route: FakeRoute = (url, init) => {
    const path = url.pathname.replace(`/${GRAPH_API_VERSION}`, '');
    const form = new URLSearchParams(typeof init.body === 'string' ? init.body : '');
    const params = init.method === 'POST' ? form : url.searchParams;
    const range = JSON.parse(params.get('time_range') ?? 'null') as {
      since: string;
      until: string;
    } | null;
    seen.push({
      method: init.method ?? 'GET',
      path,
      ...(range ? { range: `${range.since}..${range.until}` } : {}),
      ...(init.method === 'GET' ? { limit: url.searchParams.get('limit') } : {}),
    });
    if (path === '/act_9/insights' && init.method === 'POST')
      return { body: { report_run_id: '601' } };
    if (path === '/601')
      return { body: { id: '601', async_status: 'Job Completed', async_percent_completion: 100 } };
    if (path === '/601/insights') return { body: { data: [row('2026-11-03'), row('2026-11-04')] } };
    if (!range) return new Error('no range');
    if (range.since === '2026-11-01' && range.until === '2026-11-02') {
      return { body: { data: [row('2026-11-01'), row('2026-11-02')] } };
    }
    return tooMuch;
  };
  return { route, seen };
}

describe('daily insights', () => {
  it('asks one account-level query per level, day by day, deleted objects included', async () => {
    const { route } = server();
    const graph = fakeGraph(route);
    const api = createGraphClient({
      accessToken: TOKEN,
      fetch: graph.fetch,
      timing: fakeTiming().timing,
    });
    await fetchDailyInsights(
      api,
      { ...slice, until: '2026-11-02' },
      { async: false, pageSize: 100 },
      () => {},
    );
    const url = graph.urls()[0]!;
    expect(url.pathname).toBe(`/${GRAPH_API_VERSION}/act_9/insights`);
    expect(url.searchParams.get('level')).toBe('ad');
    expect(url.searchParams.get('time_increment')).toBe('1');
    expect(url.searchParams.get('fields')?.split(',')).toEqual(
      expect.arrayContaining(['ad_id', 'spend', 'actions', 'action_values', 'purchase_roas']),
    );
    const [filter] = JSON.parse(url.searchParams.get('filtering') ?? '[]') as {
      field: string;
      value: string[];
    }[];
    expect(filter?.field).toBe('ad.effective_status');
    expect(filter?.value).toEqual(expect.arrayContaining(['ACTIVE', 'DELETED', 'ARCHIVED']));
  });

  it('on "reduce the amount of data": smaller pages, then half ranges, then an async report', async () => {
    const { route, seen } = server();
    const graph = fakeGraph(route);
    const api = createGraphClient({
      accessToken: TOKEN,
      fetch: graph.fetch,
      timing: fakeTiming().timing,
    });
    const dates: string[] = [];
    await fetchDailyInsights(
      api,
      slice,
      { async: false, pageSize: 100, minPageSize: 50 },
      (rows) => {
        dates.push(...rows.map((each) => each.date_start));
      },
    );
    expect(dates).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
    expect(seen).toEqual([
      { method: 'GET', path: '/act_9/insights', range: '2026-11-01..2026-11-04', limit: '100' },
      { method: 'GET', path: '/act_9/insights', range: '2026-11-01..2026-11-04', limit: '50' },
      { method: 'GET', path: '/act_9/insights', range: '2026-11-01..2026-11-02', limit: '100' },
      { method: 'GET', path: '/act_9/insights', range: '2026-11-03..2026-11-04', limit: '100' },
      { method: 'GET', path: '/act_9/insights', range: '2026-11-03..2026-11-04', limit: '50' },
      { method: 'POST', path: '/act_9/insights', range: '2026-11-03..2026-11-04' },
      { method: 'GET', path: '/601', limit: null },
      { method: 'GET', path: '/601/insights', limit: '100' },
    ]);
  });
});
