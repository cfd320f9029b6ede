import { beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../world/calendar';
import { errorOf, GraphHarness, type Page } from './harness';

const sim = new GraphHarness();
beforeEach(() => sim.reset());

type Row = Record<string, unknown>;
interface ActionStat {
  action_type: string;
  value: string;
  [window: string]: string;
}

const METRICS =
  'spend,impressions,reach,frequency,clicks,ctr,cpc,cpm,cpp,inline_link_clicks,inline_link_click_ctr,cost_per_inline_link_click,actions,action_values,cost_per_action_type,purchase_roas';

function insights(node: string, query: string): string {
  return `/v26.0/${node}/insights?${query}`;
}

function close(actual: unknown, expected: number): void {
  expect(Number(actual)).toBeCloseTo(expected, 4);
}

describe('insights values', () => {
  it('writes every metric as a string, with derived metrics consistent with the counts', async () => {
    const { items } = await sim.walk<Row>(
      insights(
        `act_${sim.large}`,
        `level=campaign&date_preset=last_7d&fields=campaign_id,${METRICS}&limit=100`,
      ),
    );
    expect(items.length).toBeGreaterThan(100);
    for (const row of items) {
      for (const [key, value] of Object.entries(row)) {
        if (!Array.isArray(value)) expect(typeof value, key).toBe('string');
      }
      const spend = Number(row.spend);
      const impressions = Number(row.impressions);
      const clicks = Number(row.clicks);
      const reach = Number(row.reach);
      expect(String(row.spend)).toMatch(/^\d+\.\d{2}$/);
      expect(String(row.impressions)).toMatch(/^\d+$/);
      close(row.ctr, (clicks / impressions) * 100);
      close(row.cpm, (spend / impressions) * 1000);
      close(row.frequency, impressions / reach);
      close(row.cpp, (spend / reach) * 1000);
      if (clicks > 0) close(row.cpc, spend / clicks);
      expect(String(row.ctr)).toMatch(/^\d+(\.\d{1,6})?$/);
      const actions = row.actions as ActionStat[] | undefined;
      const purchases = actions?.find((a) => a.action_type === 'omni_purchase');
      const pixel = actions?.find((a) => a.action_type === 'offsite_conversion.fb_pixel_purchase');
      expect(pixel?.value).toBe(purchases?.value);
      if (purchases) {
        expect(purchases.value).toMatch(/^\d+$/);
        const cost = (row.cost_per_action_type as ActionStat[]).find(
          (a) => a.action_type === 'omni_purchase',
        );
        close(cost?.value, spend / Number(purchases.value));
        const value = (row.action_values as ActionStat[]).find(
          (a) => a.action_type === 'omni_purchase',
        );
        close((row.purchase_roas as ActionStat[])[0]?.value, Number(value?.value) / spend);
      } else {
        expect(row).not.toHaveProperty('action_values');
        expect(row).not.toHaveProperty('purchase_roas');
      }
    }
  });

  it('agrees with the world: spend in major units, 0 decimals for yen', async () => {
    const jpy = sim.account('JPY');
    const today = sim.world.today(jpy);
    const row = (
      await sim.get<Page<Row>>(
        insights(`act_${jpy}`, 'date_preset=yesterday&fields=spend,account_currency'),
      )
    ).data[0]!;
    const truth = sim.world.totals(`act_${jpy}`, addDays(today, -1), addDays(today, -1))!;
    expect(row).toMatchObject({ spend: String(truth.spendMinor), account_currency: 'JPY' });
    const usd = (
      await sim.get<Page<Row>>(insights(`act_${sim.large}`, 'date_preset=yesterday&fields=spend'))
    ).data[0]!;
    const large = sim.world.totals(
      `act_${sim.large}`,
      addDays(sim.world.today(sim.large), -1),
      addDays(sim.world.today(sim.large), -1),
    )!;
    expect(usd.spend).toBe((large.spendMinor / 100).toFixed(2));
  });

  it('returns ids and names only when asked, but always date_start, date_stop and account_id', async () => {
    const bare = await sim.get<Page<Row>>(
      insights(`act_${sim.large}`, 'level=campaign&fields=spend&limit=3'),
    );
    expect(Object.keys(bare.data[0]!).sort()).toEqual([
      'account_id',
      'date_start',
      'date_stop',
      'spend',
    ]);
    const named = await sim.get<Page<Row>>(
      insights(
        `act_${sim.large}`,
        'level=ad&fields=ad_id,ad_name,adset_id,campaign_name,spend&limit=3',
      ),
    );
    const row = named.data[0]!;
    const ad = sim.world.entity(String(row.ad_id))!;
    expect(row).toMatchObject({ ad_name: ad.name, adset_id: ad.adsetId });
    expect(row.campaign_name).toBe(sim.world.entity(ad.campaignId!)!.name);
  });

  it('sends no row for an entity or day without delivery', async () => {
    const paused = sim.world
      .entities(sim.large, 'campaign')
      .find(
        (c) =>
          c.effectiveStatus === 'PAUSED' &&
          !sim.world.totals(
            c.id,
            addDays(sim.world.today(sim.large), -7),
            sim.world.today(sim.large),
          ),
      )!;
    const own = await sim.get<Page<Row>>(insights(paused.id, 'date_preset=last_7d'));
    expect(own).toEqual({ data: [] });
    const { items } = await sim.walk<Row>(
      insights(
        `act_${sim.large}`,
        'level=campaign&date_preset=last_7d&fields=campaign_id,impressions&limit=500',
      ),
    );
    expect(items.some((row) => row.campaign_id === paused.id)).toBe(false);
    expect(items.every((row) => Number(row.impressions) > 0)).toBe(true);
    const dormant = sim.world.accounts.find((a) => a.accountStatus !== 1)!;
    expect(await sim.get(insights(`act_${dormant.accountId}`, 'date_preset=last_30d'))).toEqual({
      data: [],
    });
  });

  it('splits a range into daily rows that add up to the range total', async () => {
    const daily = await sim.get<Page<Row>>(
      insights(
        `act_${sim.large}`,
        'date_preset=last_14d&time_increment=1&fields=spend,impressions&limit=100',
      ),
    );
    const total = await sim.get<Page<Row>>(
      insights(`act_${sim.large}`, 'date_preset=last_14d&fields=spend,impressions'),
    );
    expect(daily.data).toHaveLength(14);
    expect(daily.data.every((row) => row.date_start === row.date_stop)).toBe(true);
    const summed = daily.data.reduce((sum, row) => sum + Number(row.impressions), 0);
    expect(summed).toBe(Number(total.data[0]!.impressions));
  });

  it('buckets by N days and by calendar month', async () => {
    const weekly = await sim.get<Page<Row>>(
      insights(
        `act_${sim.large}`,
        'time_range={"since":"2026-10-01","until":"2026-10-20"}&time_increment=7',
      ),
    );
    expect(weekly.data.map((row) => [row.date_start, row.date_stop])).toEqual([
      ['2026-10-01', '2026-10-07'],
      ['2026-10-08', '2026-10-14'],
      ['2026-10-15', '2026-10-20'],
    ]);
    const monthly = await sim.get<Page<Row>>(
      insights(
        `act_${sim.large}`,
        'time_range={"since":"2026-09-15","until":"2026-11-10"}&time_increment=monthly',
      ),
    );
    expect(monthly.data.map((row) => row.date_start)).toEqual([
      '2026-09-15',
      '2026-10-01',
      '2026-11-01',
    ]);
  });

  it('defaults to the last 30 days, evaluated in each account time zone', async () => {
    const tokyo = sim.account('JPY');
    const row = (await sim.get<Page<Row>>(insights(`act_${tokyo}`, 'fields=spend'))).data[0]!;
    // 15:00 UTC on 20 Nov is already 21 Nov in Tokyo: the 30 days end on the 20th there.
    expect(row).toMatchObject({ date_start: '2026-10-22', date_stop: '2026-11-20' });
    const la = (
      await sim.get<Page<Row>>(insights(`act_${sim.large}`, 'date_preset=today&fields=spend'))
    ).data[0]!;
    expect(la).toMatchObject({ date_start: '2026-11-20', date_stop: '2026-11-20' });
  });

  it.each([
    ['today', '2026-11-20', '2026-11-20'],
    ['yesterday', '2026-11-19', '2026-11-19'],
    ['this_month', '2026-11-01', '2026-11-20'],
    ['last_month', '2026-10-01', '2026-10-31'],
    ['this_quarter', '2026-10-01', '2026-11-20'],
    ['last_quarter', '2026-07-01', '2026-09-30'],
    ['last_3d', '2026-11-17', '2026-11-19'],
    ['last_90d', '2026-08-22', '2026-11-19'],
    ['last_week_mon_sun', '2026-11-09', '2026-11-15'],
    ['last_week_sun_sat', '2026-11-08', '2026-11-14'],
    ['this_week_mon_today', '2026-11-16', '2026-11-20'],
    ['this_week_sun_today', '2026-11-15', '2026-11-20'],
    ['this_year', '2026-01-01', '2026-11-20'],
    ['last_year', '2025-01-01', '2025-12-31'],
  ])('resolves date_preset=%s (Friday 2026-11-20 in Los Angeles)', async (preset, since, until) => {
    // A report run states its range even where the history has no delivery (last_year).
    const created = await sim.call(insights(`act_${sim.large}`, ''), {
      method: 'POST',
      form: { date_preset: preset, fields: 'spend' },
    });
    const { report_run_id: id } = created.json as { report_run_id: string };
    expect(await sim.get(`/v26.0/${id}`)).toMatchObject({ date_start: since, date_stop: until });
  });

  it('splits by breakdowns into slices that add up to the total', async () => {
    for (const breakdowns of [
      'age',
      'gender',
      'country',
      'publisher_platform',
      'device_platform',
      'age,gender',
    ]) {
      const page = await sim.get<Page<Row>>(
        insights(
          `act_${sim.large}`,
          `date_preset=yesterday&fields=spend,impressions&breakdowns=${breakdowns}&limit=200`,
        ),
      );
      const total = (
        await sim.get<Page<Row>>(
          insights(`act_${sim.large}`, 'date_preset=yesterday&fields=impressions'),
        )
      ).data[0]!;
      expect(page.data.reduce((sum, row) => sum + Number(row.impressions), 0)).toBe(
        Number(total.impressions),
      );
      for (const name of breakdowns.split(','))
        expect(page.data.every((row) => typeof row[name] === 'string')).toBe(true);
      expect(
        new Set(
          page.data.map((row) =>
            breakdowns
              .split(',')
              .map((b) => row[b])
              .join('/'),
          ),
        ).size,
      ).toBe(page.data.length);
    }
  });

  it('adds attribution window keys only when asked, and refuses 7d_view', async () => {
    const query = 'date_preset=last_7d&fields=actions';
    const plain = (await sim.get<Page<Row>>(insights(`act_${sim.large}`, query))).data[0]!;
    const purchase = (row: Row) =>
      (row.actions as ActionStat[]).find((a) => a.action_type === 'omni_purchase')!;
    expect(Object.keys(purchase(plain)).sort()).toEqual(['action_type', 'value']);
    const windowed = (
      await sim.get<Page<Row>>(
        insights(
          `act_${sim.large}`,
          `${query}&action_attribution_windows=["1d_click","7d_click","28d_click","1d_view"]`,
        ),
      )
    ).data[0]!;
    const stat = purchase(windowed);
    expect(stat.value).toBe(purchase(plain).value);
    expect(Number(stat['7d_click']) + Number(stat['1d_view'])).toBe(Number(stat.value));
    expect(Number(stat['1d_click'])).toBeLessThanOrEqual(Number(stat['7d_click']));
    expect(Number(stat['28d_click'])).toBeGreaterThanOrEqual(Number(stat['7d_click']));
    const reply = await sim.call(
      insights(`act_${sim.large}`, `${query}&action_attribution_windows=["7d_view"]`),
    );
    expect(reply.status).toBe(400);
    expect(errorOf(reply).message).toMatch(
      /^\(#100\) action_attribution_windows\[0\] must be one of the following values: /,
    );
  });

  it('filters and sorts rows', async () => {
    const page = await sim.get<Page<Row>>(
      insights(
        `act_${sim.large}`,
        'level=campaign&date_preset=last_7d&fields=campaign_id,spend&sort=["spend_descending"]&filtering=[{"field":"spend","operator":"GREATER_THAN","value":1000}]&limit=500',
      ),
    );
    const spends = page.data.map((row) => Number(row.spend));
    expect(spends.length).toBeGreaterThan(0);
    expect(spends.every((spend) => spend > 1000)).toBe(true);
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    const campaign = String(page.data[0]!.campaign_id);
    const ads = await sim.walk<Row>(
      insights(
        `act_${sim.large}`,
        `level=ad&date_preset=last_7d&fields=campaign_id&filtering=[{"field":"campaign.id","operator":"IN","value":["${campaign}"]}]&limit=100`,
      ),
    );
    expect(ads.items.length).toBeGreaterThan(0);
    expect(ads.items.every((row) => row.campaign_id === campaign)).toBe(true);
  });

  it("drives fields as a JSON list, as Meta's Python SDK does", async () => {
    const page = await sim.get<Page<Row>>(
      insights(
        `act_${sim.large}`,
        'level=adset&date_preset=yesterday&fields=["adset_id","spend","actions"]&limit=5',
      ),
    );
    expect(Object.keys(page.data[0]!)).toEqual(expect.arrayContaining(['adset_id', 'spend']));
  });

  it('answers insights on campaign, ad set and ad nodes, rolled up from the ads', async () => {
    const ad = sim.world
      .entities(sim.large, 'ad')
      .find((a) => sim.world.totals(a.id, '2026-11-19', '2026-11-19'))!;
    const byLevel = async (node: string, level: string) =>
      (
        await sim.walk<Row>(
          insights(
            node,
            `level=${level}&time_range={"since":"2026-11-19","until":"2026-11-19"}&fields=spend&limit=100`,
          ),
        )
      ).items.reduce((sum, row) => sum + Math.round(Number(row.spend) * 100), 0);
    expect(await byLevel(ad.adsetId!, 'ad')).toBe(await byLevel(ad.adsetId!, 'adset'));
    expect(await byLevel(ad.campaignId!, 'adset')).toBe(await byLevel(ad.campaignId!, 'campaign'));
    expect(await byLevel(ad.id, 'ad')).toBe(
      sim.world.totals(ad.id, '2026-11-19', '2026-11-19')!.spendMinor,
    );
  });
});

describe('insights over simulated time', () => {
  it('restates recent conversions and grows today between calls, but not older days', async () => {
    const query = (range: string) =>
      insights(`act_${sim.large}`, `time_range=${range}&fields=spend,actions`);
    const purchases = (page: Page<Row>) =>
      (page.data[0]!.actions as ActionStat[]).find((a) => a.action_type === 'omni_purchase')!.value;
    const yesterday = '{"since":"2026-11-19","until":"2026-11-19"}';
    const today = '{"since":"2026-11-20","until":"2026-11-20"}';
    const old = '{"since":"2026-09-01","until":"2026-09-30"}';
    const before = await Promise.all(
      [yesterday, today, old].map((range) => sim.get<Page<Row>>(query(range))),
    );
    sim.clock.advance(3 * 3600_000);
    const after = await Promise.all(
      [yesterday, today, old].map((range) => sim.get<Page<Row>>(query(range))),
    );
    expect(Number(purchases(after[0]!))).toBeGreaterThan(Number(purchases(before[0]!)));
    expect(after[0]!.data[0]!.spend).toBe(before[0]!.data[0]!.spend);
    expect(Number(after[1]!.data[0]!.spend)).toBeGreaterThan(Number(before[1]!.data[0]!.spend));
    expect(after[2]).toEqual(before[2]);
  });
});

describe('insights validation', () => {
  it.each([
    [
      'date_preset=last_2d',
      /^\(#100\) date_preset must be one of the following values: today, yesterday, /,
    ],
    [
      'level=country',
      /^\(#100\) level must be one of the following values: account, campaign, adset, ad$/,
    ],
    [
      'fields=spend,revenue',
      /^\(#100\) revenue is not valid for fields param\. please check https:\/\/developers\.facebook\.com\/docs\/marketing-api\/reference\/ads-insights\/ for all valid values$/,
    ],
    [
      'breakdowns=["zodiac"]',
      /^\(#100\) breakdowns\[0\] must be one of the following values: age, /,
    ],
    ['time_increment=91', /^\(#100\) time_increment/],
    ['time_range={"since":"2026-11-10"}', /^\(#100\) time_range/],
  ])('rejects %s with a (#100) error', async (query, message) => {
    const reply = await sim.call(insights(`act_${sim.large}`, query));
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({ code: 100, type: 'OAuthException' });
    expect(errorOf(reply).message).toMatch(message);
  });

  it('ignores unknown parameters', async () => {
    const reply = await sim.call(insights(`act_${sim.large}`, 'date_preset=yesterday&colour=blue'));
    expect(reply.status).toBe(200);
  });
});

describe('volume limits and speed', () => {
  it('fails a page that is too big like Graph does, and succeeds with a smaller limit', async () => {
    sim.control.settings.tooMuchData = { maxCells: 500, variant: 'plain' };
    const query =
      'level=campaign&date_preset=last_7d&fields=campaign_id,spend,impressions,clicks,ctr';
    const big = await sim.call(insights(`act_${sim.large}`, `${query}&limit=200`));
    expect(big.status).toBe(500);
    expect(errorOf(big)).toMatchObject({
      code: 1,
      message: "Please reduce the amount of data you're asking for, then retry your request",
    });
    expect(errorOf(big)).not.toHaveProperty('error_subcode');
    expect((await sim.call(insights(`act_${sim.large}`, `${query}&limit=50`))).status).toBe(200);
    sim.control.settings.tooMuchData = { maxCells: 500, variant: 'subcode_99' };
    const again = await sim.call(insights(`act_${sim.large}`, `${query}&limit=200`));
    expect(errorOf(again)).toMatchObject({ code: 1, error_subcode: 99 });
    expect(errorOf(again).error_user_msg).toMatch(/reduce the amount of data/);
  });
});
