import { beforeEach, describe, expect, it } from 'vitest';
import { errorOf, GraphHarness, type Page } from './harness';

const sim = new GraphHarness();
beforeEach(() => sim.reset());

type Row = Record<string, unknown>;

async function startRun(form: Record<string, string> = {}): Promise<string> {
  const reply = await sim.call(`/v26.0/act_${sim.large}/insights`, {
    method: 'POST',
    form: { level: 'campaign', date_preset: 'last_7d', fields: '["campaign_id","spend"]', ...form },
  });
  expect(reply.status).toBe(200);
  const { report_run_id: id } = reply.json as { report_run_id: string };
  expect(id).toMatch(/^\d+$/);
  return id;
}

describe('async report runs', () => {
  it('progresses through the statuses poll by poll, then pages its rows like sync insights', async () => {
    const id = await startRun();
    const early = await sim.call(`/v26.0/${id}/insights`);
    expect(errorOf(early).code).toBe(100);
    const statuses: string[] = [];
    const percents: number[] = [];
    for (let poll = 0; poll < 10 && statuses.at(-1) !== 'Job Completed'; poll++) {
      const run = await sim.get(`/v26.0/${id}`);
      statuses.push(String(run.async_status));
      percents.push(Number(run.async_percent_completion));
    }
    expect(statuses[0]).toBe('Job Not Started');
    expect(statuses).toEqual(
      expect.arrayContaining(['Job Started', 'Job Running', 'Job Completed']),
    );
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    const run = await sim.get(`/v26.0/${id}`);
    expect(run).toMatchObject({ is_running: false, account_id: sim.large });
    expect(Number(run.time_completed)).toBeGreaterThan(0);
    const { items } = await sim.walk<Row>(`/v26.0/${id}/insights?limit=50`);
    const sync = await sim.walk<Row>(
      `/v26.0/act_${sim.large}/insights?level=campaign&date_preset=last_7d&fields=campaign_id,spend&limit=500`,
    );
    expect(items).toEqual(sync.items);
  });

  it('also completes with simulated time alone', async () => {
    const id = await startRun();
    sim.clock.advance(sim.control.settings.reportRuns.msToComplete);
    expect(await sim.get(`/v26.0/${id}`)).toMatchObject({
      async_status: 'Job Completed',
      async_percent_completion: 100,
    });
  });

  it('can fail with the v25 error fields, be skipped, or hang at 0 %', async () => {
    sim.control.reportRuns.queueOutcomes('fail', 'skip', 'stuck');
    const failed = await startRun();
    const skipped = await startRun();
    const stuck = await startRun();
    sim.clock.advance(3_600_000);
    expect(await sim.get(`/v26.0/${failed}`)).toMatchObject({
      async_status: 'Job Failed',
      error_code: -2,
      error_subcode: 2490547,
      error_message: 'Report Failed',
      error_user_title: 'Report Failed',
      error_user_msg: expect.any(String) as unknown,
    });
    expect(await sim.get(`/v26.0/${skipped}`)).toMatchObject({ async_status: 'Job Skipped' });
    for (let i = 0; i < 5; i++) {
      expect(await sim.get(`/v26.0/${stuck}?fields=async_percent_completion,async_status`)).toEqual(
        {
          async_percent_completion: 0,
          async_status: 'Job Started',
        },
      );
    }
    expect(errorOf(await sim.call(`/v26.0/${failed}/insights`)).code).toBe(100);
    expect((await startRun()).length).toBeGreaterThan(0);
  });

  it('validates the query when the run is created', async () => {
    const reply = await sim.call(`/v26.0/act_${sim.large}/insights`, {
      method: 'POST',
      form: { level: 'galaxy' },
    });
    expect(errorOf(reply).code).toBe(100);
  });
});

interface BatchItem {
  code: number;
  headers?: { name: string; value: string }[];
  body: string;
}

async function batch(requests: unknown[], extra: Record<string, string> = {}) {
  return sim.call('/v26.0/', {
    method: 'POST',
    token: null,
    form: { access_token: sim.control.demoToken, batch: JSON.stringify(requests), ...extra },
  });
}

describe('batch', () => {
  it('answers items in order with code, headers and a JSON string body', async () => {
    const reply = await batch([
      { method: 'GET', relative_url: 'v26.0/me' },
      { method: 'GET', relative_url: `v26.0/act_${sim.large}/campaigns?limit=2&fields=name` },
      { method: 'GET', relative_url: 'v26.0/404404404' },
    ]);
    expect(reply.status).toBe(200);
    const items = reply.json as BatchItem[];
    expect(items.map((item) => item.code)).toEqual([200, 200, 400]);
    expect(JSON.parse(items[0]!.body)).toMatchObject({ name: 'Demo Media Buyer' });
    expect((JSON.parse(items[1]!.body) as Page<Row>).data).toHaveLength(2);
    expect(JSON.parse(items[2]!.body)).toMatchObject({ error: { code: 100, error_subcode: 33 } });
    const usageHeader = items[1]!.headers!.find((h) => h.name === 'x-business-use-case-usage');
    expect(usageHeader?.value).toContain('ads_management');
    expect(sim.control.requests.entries.filter((e) => e.batchItem)).toHaveLength(3);
  });

  it('drops item headers with include_headers=false', async () => {
    const items = (
      await batch([{ method: 'GET', relative_url: 'v26.0/me' }], { include_headers: 'false' })
    ).json as BatchItem[];
    expect(items[0]).toEqual({ code: 200, body: expect.any(String) as unknown });
  });

  it('refuses more than 50 requests with GraphBatchException', async () => {
    const reply = await batch(
      Array.from({ length: 51 }, () => ({ method: 'GET', relative_url: 'v26.0/me' })),
    );
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({
      type: 'GraphBatchException',
      message: 'Too many requests in batch message. Maximum batch size is 50',
    });
    expect(
      (await batch(Array.from({ length: 50 }, () => ({ method: 'GET', relative_url: 'v26.0/me' }))))
        .status,
    ).toBe(200);
  });

  it('can damage the next batch with null items and 960 aborts', async () => {
    sim.control.batch.injectNext({ nullAt: [1], abortAt: [2] });
    const requests = Array.from({ length: 4 }, () => ({ method: 'GET', relative_url: 'v26.0/me' }));
    const items = (await batch(requests)).json as (BatchItem | null)[];
    expect(items[1]).toBeNull();
    expect(items[2]!.code).toBe(500);
    expect(JSON.parse(items[2]!.body)).toMatchObject({
      error: {
        code: 960,
        type: 'FacebookApiException',
        message: expect.stringMatching(/^Request aborted\./) as unknown,
      },
    });
    expect(items[0]!.code).toBe(200);
    expect(items[3]!.code).toBe(200);
    const healthy = (await batch(requests)).json as BatchItem[];
    expect(healthy.every((item) => item?.code === 200)).toBe(true);
  });

  it('applies fault scripts to items, a reset becoming a null item', async () => {
    sim.control.faults.script({ path: '/me' }, ['reset', 'transient']);
    const items = (
      await batch([
        { method: 'GET', relative_url: 'me' },
        { method: 'GET', relative_url: 'me' },
        { method: 'GET', relative_url: 'me' },
      ])
    ).json as (BatchItem | null)[];
    expect(items[0]).toBeNull();
    expect(JSON.parse(items[1]!.body)).toMatchObject({ error: { code: 2 } });
    expect(items[2]!.code).toBe(200);
  });
});
