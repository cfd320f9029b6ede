import { beforeEach, describe, expect, it } from 'vitest';
import { errorOf, GraphHarness, ORIGIN, type Page } from './harness';

const sim = new GraphHarness();
beforeEach(() => sim.reset());

type Row = Record<string, unknown>;

describe('/me and /me/adaccounts', () => {
  it('answers /me with the token user', async () => {
    expect(await sim.get('/v26.0/me')).toEqual({
      id: expect.stringMatching(/^\d+$/) as unknown,
      name: 'Demo Media Buyer',
    });
  });

  it('lists ad accounts with only id and account_id by default', async () => {
    const page = await sim.get<Page<Row>>('/v26.0/me/adaccounts');
    expect(page.data).toHaveLength(sim.world.accounts.length);
    for (const account of page.data) {
      expect(Object.keys(account).sort()).toEqual(['account_id', 'id']);
      expect(account.id).toBe(`act_${String(account.account_id)}`);
    }
  });

  it('describes accounts with Graph types: float offsets, integer statuses, string money', async () => {
    const page = await sim.get<Page<Row>>(
      '/v26.0/me/adaccounts?fields=name,currency,timezone_name,timezone_offset_hours_utc,account_status,amount_spent,business{id,name}',
    );
    const tokyo = page.data.find((a) => a.timezone_name === 'Asia/Tokyo')!;
    expect(tokyo).toMatchObject({
      currency: 'JPY',
      timezone_offset_hours_utc: 9,
      account_status: 1,
    });
    expect(tokyo.amount_spent).toMatch(/^\d+$/);
    expect(tokyo.business).toEqual({ id: expect.any(String) as unknown, name: '株式会社キタカゼ' });
    const losAngeles = page.data.find((a) => a.timezone_name === 'America/Los_Angeles')!;
    expect(losAngeles.timezone_offset_hours_utc).toBe(-8);
  });

  it('honours fields sent as a JSON list, as the Python SDK sends them', async () => {
    const page = await sim.get<Page<Row>>('/v26.0/me/adaccounts?fields=["name","currency"]');
    expect(Object.keys(page.data[0]!).sort()).toEqual(['currency', 'name']);
  });

  it('rejects an unknown field with the nonexisting-field error', async () => {
    const reply = await sim.call('/v26.0/me/adaccounts?fields=name,colour');
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({
      code: 100,
      type: 'OAuthException',
      message: '(#100) Tried accessing nonexisting field (colour) on node type (AdAccount)',
    });
  });
});

describe('object edges and nodes', () => {
  it('walks every campaign exactly once through next links that keep host, port, token and params', async () => {
    const first = `/v26.0/act_${sim.large}/campaigns?fields=id,name&limit=37&effective_status=["ACTIVE","PAUSED","ARCHIVED","DELETED"]`;
    const { items, pages, links } = await sim.walk<Row>(first);
    const ids = items.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      sim.world
        .entities(sim.large, 'campaign')
        .map((c) => c.id)
        .sort(),
    );
    expect(pages).toBe(Math.ceil(ids.length / 37));
    for (const link of links) {
      const url = new URL(link);
      expect(url.origin).toBe(ORIGIN);
      expect(url.searchParams.get('access_token')).toBe(sim.control.demoToken);
      expect(url.searchParams.get('fields')).toBe('id,name');
      expect(url.searchParams.get('limit')).toBe('37');
    }
  });

  it('walks all 5,000+ ads of the large account with every ad once', async () => {
    const { items } = await sim.walk<Row>(
      `/v26.0/act_${sim.large}/ads?limit=500&filtering=[{"field":"ad.effective_status","operator":"IN","value":["ACTIVE","PAUSED","ARCHIVED","DELETED","CAMPAIGN_PAUSED","ADSET_PAUSED","DISAPPROVED","PENDING_REVIEW","WITH_ISSUES"]}]`,
    );
    expect(items).toHaveLength(sim.world.entities(sim.large, 'ad').length);
    expect(new Set(items.map((ad) => ad.id)).size).toBe(items.length);
  });

  it('gives the last page no next, and a single page both cursors but no next', async () => {
    const single = await sim.get<Page<Row>>(`/v26.0/act_${sim.account('JPY')}/campaigns?limit=100`);
    expect(single.paging?.cursors).toEqual({
      before: expect.any(String) as unknown,
      after: expect.any(String) as unknown,
    });
    expect(single.paging?.next).toBeUndefined();
  });

  it('links back with previous and rejects a cursor that is not its own with (#100)', async () => {
    const first = await sim.get<Page<Row>>(`/v26.0/act_${sim.large}/campaigns?limit=10`);
    const second = await sim.get<Page<Row>>(first.paging!.next!, { token: null });
    const back = await sim.get<Page<Row>>(second.paging!.previous!, { token: null });
    expect(back.data).toEqual(first.data);
    const foreign = first.paging!.cursors!.after;
    const reply = await sim.call(`/v26.0/act_${sim.large}/adsets?limit=10&after=${foreign}`);
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe(100);
    expect((await sim.call(`/v26.0/act_${sim.large}/campaigns?after=bm9wZQ`)).status).toBe(400);
  });

  it('can serve short and empty pages that still carry next, without losing items', async () => {
    for (const quirk of ['short_pages', 'empty_pages'] as const) {
      sim.control.settings.pageQuirk = quirk;
      const { items, pages } = await sim.walk<Row>(`/v26.0/act_${sim.account('EUR')}/ads?limit=10`);
      const visible = sim.world
        .entities(sim.account('EUR'), 'ad')
        .filter((ad) => !['DELETED', 'ARCHIVED'].includes(ad.effectiveStatus));
      expect(items.map((ad) => ad.id)).toEqual(visible.map((ad) => ad.id));
      expect(pages).toBeGreaterThan(Math.ceil(visible.length / 10));
    }
  });

  it('hides deleted and archived objects unless an effective_status filter asks for them', async () => {
    const all = sim.world.entities(sim.large, 'campaign');
    const hidden = all.filter((c) => c.status === 'DELETED' || c.status === 'ARCHIVED');
    expect(hidden.length).toBeGreaterThan(0);
    const { items: visible } = await sim.walk<Row>(
      `/v26.0/act_${sim.large}/campaigns?fields=effective_status&limit=200`,
    );
    expect(visible).toHaveLength(all.length - hidden.length);
    expect(visible.some((c) => c.effective_status === 'DELETED')).toBe(false);
    const { items: deleted } = await sim.walk<Row>(
      `/v26.0/act_${sim.large}/campaigns?fields=effective_status&limit=200&filtering=[{"field":"effective_status","operator":"IN","value":["DELETED"]}]`,
    );
    expect(deleted.length).toBe(all.filter((c) => c.effectiveStatus === 'DELETED').length);
    expect(deleted.every((c) => c.effective_status === 'DELETED')).toBe(true);
  });

  it('filters by updated_time GREATER_THAN a unix time', async () => {
    const campaigns = sim.world.entities(sim.large, 'campaign');
    const cutoff = [...campaigns.map((c) => c.updatedTime)].sort((a, b) => a - b)[150]!;
    const { items } = await sim.walk<Row>(
      `/v26.0/act_${sim.large}/campaigns?fields=updated_time&limit=200&filtering=[{"field":"campaign.updated_time","operator":"GREATER_THAN","value":${cutoff}},{"field":"effective_status","operator":"IN","value":["ACTIVE","PAUSED","ARCHIVED","DELETED"]}]`,
    );
    expect(items).toHaveLength(campaigns.filter((c) => c.updatedTime > cutoff).length);
  });

  it('writes budgets as minor-unit strings and times with the account offset', async () => {
    const usd = sim.world.entities(sim.large, 'campaign').find((c) => c.dailyBudgetMinor)!;
    const node = await sim.get(
      `/v26.0/${usd.id}?fields=daily_budget,lifetime_budget,created_time,budget_remaining`,
    );
    expect(node.daily_budget).toBe(String(usd.dailyBudgetMinor));
    expect(node).not.toHaveProperty('lifetime_budget');
    expect(node.created_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[78]00$/);
    expect(node.budget_remaining).toMatch(/^\d+$/);
    const jpy = sim.world.entities(sim.account('JPY'), 'adset').find((a) => a.dailyBudgetMinor)!;
    const adset = await sim.get(`/v26.0/${jpy.id}?fields=daily_budget,start_time`);
    expect(adset.daily_budget).toBe(String(jpy.dailyBudgetMinor));
    expect(adset.start_time).toMatch(/\+0900$/);
  });

  it('reads children edges and expands fields, nested insights included', async () => {
    const campaign = sim.world.entities(sim.account('EUR'), 'campaign')[0]!;
    const page = await sim.get<Page<Row>>(
      `/v26.0/${campaign.id}/adsets?fields=name,campaign{id,name},ads.limit(2){id,name}`,
    );
    expect(page.data.length).toBeGreaterThan(0);
    for (const adset of page.data) {
      expect(adset.campaign).toEqual({ id: campaign.id, name: campaign.name });
    }
    const withAds = page.data.find((adset) => adset.ads) as { ads: Page<Row> };
    expect(withAds.ads.data.length).toBeLessThanOrEqual(2);
    const expanded = await sim.get<Page<Row>>(
      `/v26.0/act_${sim.large}/campaigns?fields=id,insights.date_preset(last_7d){spend,impressions}&limit=5`,
    );
    const insights = expanded.data.flatMap(
      (c) => (c.insights as Page<Row> | undefined)?.data ?? [],
    );
    expect(insights.length).toBeGreaterThan(0);
    expect(insights[0]).toMatchObject({
      spend: expect.any(String) as unknown,
      impressions: expect.any(String) as unknown,
    });
  });

  it('answers unknown and foreign ids with 100/33 GraphMethodException', async () => {
    const restricted = sim.control.issueToken({
      kind: 'long_lived',
      scopes: ['ads_read'],
      accountIds: [sim.account('EUR')],
    });
    for (const [path, token] of [
      ['/v26.0/999999999999', sim.control.demoToken],
      [`/v26.0/act_${sim.large}`, restricted],
    ] as const) {
      const reply = await sim.call(path, { token });
      expect(reply.status).toBe(400);
      expect(errorOf(reply)).toMatchObject({
        code: 100,
        error_subcode: 33,
        type: 'GraphMethodException',
      });
    }
  });

  it('keeps hostile names intact as JSON strings', async () => {
    const hostile = sim.world.hostileNames.find((h) => h.kind === 'script_breakout')!;
    const node = await sim.get(`/v26.0/${hostile.entityId}?fields=name`);
    expect(node.name).toBe(sim.world.entity(hostile.entityId)!.name);
    expect(node.name).toContain('</script><script>');
  });
});
