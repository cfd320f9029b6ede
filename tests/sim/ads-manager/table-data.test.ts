import { describe, expect, it } from 'vitest';
import type { Level } from '../world/types';
import { COLUMNS, rowCell, summaryCell, deriveMetrics } from './columns';
import { createFakeWorld, FAKE_ACCOUNTS } from './fake-world';
import { createAdsManagerSite, decodeRow, SHOW_ALL_FILTER_SET, tableApiHref } from './index';
import { TableSnapshots, buildTablePage, buildTableRows } from './table-data';
import type { TablePage, TableRow } from './wire';
import { get, jsonBody } from './test-helpers';

const world = createFakeWorld();
const site = createAdsManagerSite({ world });
const SINCE = '2026-10-23';
const UNTIL = '2026-11-21';

async function table(query: Parameters<typeof tableApiHref>[0]): Promise<TablePage> {
  const response = await get(site, `https://adsmanager.facebook.com${tableApiHref(query)}`);
  expect(response.status).toBe(200);
  return jsonBody<TablePage>(response);
}

function cellText(
  row: TableRow,
  key: string,
  currency: 'USD' | 'EUR' | 'JPY',
  level: Level,
): string {
  const column = COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`no column ${key}`);
  return rowCell(column, row, { currency, level }).text;
}

describe('the table endpoint', () => {
  it.each(['campaign', 'adset', 'ad'] as const)(
    'sends %s rows whose numbers equal world.totals for the range',
    async (level) => {
      const page = await table({ act: FAKE_ACCOUNTS.usd, level, since: SINCE, until: UNTIL });
      expect(page.rows.length).toBe(page.total);
      expect(page.total).toBeGreaterThan(0);
      for (const row of page.rows.map(decodeRow)) {
        const totals = world.totals(row.id, SINCE, UNTIL);
        if (!totals) {
          expect(row.stats).toBeNull();
          continue;
        }
        expect(row.stats).toEqual({
          spendMinor: totals.spendMinor,
          impressions: totals.impressions,
          reach: totals.reach,
          clicks: totals.clicks,
          inlineLinkClicks: totals.inlineLinkClicks,
          purchases: totals.purchases,
          purchaseValueMinor: totals.purchaseValueMinor,
        });
      }
    },
  );

  it('totals the rows it shows', async () => {
    const page = await table({ act: FAKE_ACCOUNTS.eur, level: 'ad', since: SINCE, until: UNTIL });
    const rows = page.rows.map(decodeRow);
    const spend = rows.reduce((sum, r) => sum + (r.stats?.spendMinor ?? 0), 0);
    expect(page.summary).toMatchObject({ count: rows.length, spendMinor: spend });
    const name = COLUMNS[0];
    if (!name) throw new Error('no columns');
    expect(summaryCell(name, page.summary, { currency: 'EUR', level: 'ad' }, false).text).toBe(
      `Results from ${rows.length} ads`,
    );
  });

  it('sorts by amount spent, descending, rows without delivery last', async () => {
    const page = await table({
      act: FAKE_ACCOUNTS.usd,
      level: 'campaign',
      since: SINCE,
      until: UNTIL,
    });
    const spends = page.rows.map((r) => decodeRow(r).stats?.spendMinor ?? -1);
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    expect(spends.at(-1)).toBe(-1);
  });

  it('hides deleted and archived entities unless filter_set asks, and shows paused ones', async () => {
    const query = {
      act: FAKE_ACCOUNTS.usd,
      level: 'campaign',
      since: SINCE,
      until: UNTIL,
    } as const;
    const statuses = (page: TablePage) => page.rows.map((r) => decodeRow(r).effectiveStatus);
    const normal = statuses(await table(query));
    expect(normal).not.toContain('DELETED');
    expect(normal).not.toContain('ARCHIVED');
    expect(normal).toContain('PAUSED');
    const all = statuses(await table({ ...query, filterSet: SHOW_ALL_FILTER_SET }));
    expect(all).toEqual(expect.arrayContaining(['DELETED', 'ARCHIVED']));
    expect(all.length).toBe(world.entities(FAKE_ACCOUNTS.usd, 'campaign').length);
  });

  it('narrows ad sets to selected campaigns and ads to selected ad sets', async () => {
    const [campaign] = world.entities(FAKE_ACCOUNTS.usd, 'campaign');
    const base = { act: FAKE_ACCOUNTS.usd, since: SINCE, until: UNTIL } as const;
    const adsets = (
      await table({ ...base, level: 'adset', selectedCampaignIds: [campaign?.id ?? ''] })
    ).rows.map(decodeRow);
    expect(adsets.length).toBe(2);
    expect(adsets.every((r) => r.campaignId === campaign?.id)).toBe(true);
    const adsetId = adsets[0]?.id ?? '';
    const ads = (
      await table({
        ...base,
        level: 'ad',
        selectedCampaignIds: [campaign?.id ?? ''],
        selectedAdsetIds: [adsetId],
      })
    ).rows.map(decodeRow);
    expect(ads.length).toBe(2);
    expect(ads.every((r) => r.adsetId === adsetId)).toBe(true);
  });

  it('says who owns the budget', () => {
    const rows = (level: Level) =>
      buildTableRows(world, { act: FAKE_ACCOUNTS.usd, level, since: SINCE, until: UNTIL });
    const texts = (level: Level) => rows(level).map((r) => cellText(r, 'budget', 'USD', level));
    expect(texts('campaign')).toEqual(
      expect.arrayContaining(['Using ad set budget', expect.stringMatching(/^\$[\d,]+\.\d\d$/)]),
    );
    expect(texts('adset')).toEqual(expect.arrayContaining(['Using campaign budget']));
    expect(new Set(texts('ad'))).toEqual(new Set(['Using campaign budget', 'Using ad set budget']));
    const lifetime = rows('campaign').find((r) => r.budget === 'lifetime');
    const budget = COLUMNS.find((c) => c.key === 'budget');
    if (!lifetime || !budget) throw new Error('fixture has no lifetime budget');
    expect(rowCell(budget, lifetime, { currency: 'USD', level: 'campaign' }).sub).toBe('Lifetime');
  });

  it('answers 400 for a bad query and for an unknown account', async () => {
    const bad = [
      '/adsmanager/api/table?act=act_1&level=campaign&since=2026-11-01&until=2026-11-02',
      `/adsmanager/api/table?act=${FAKE_ACCOUNTS.usd}&level=account&since=2026-11-01&until=2026-11-02`,
      `/adsmanager/api/table?act=${FAKE_ACCOUNTS.usd}&level=ad&since=2026-11-03&until=2026-11-02`,
      `/adsmanager/api/table?act=${FAKE_ACCOUNTS.usd}&level=ad&since=2026-11-01&until=2026-11-02&limit=-1`,
      '/adsmanager/api/table?act=42&level=ad&since=2026-11-01&until=2026-11-02',
    ];
    for (const path of bad) {
      const response = await get(site, `https://adsmanager.facebook.com${path}`);
      expect(response.status, path).toBe(400);
      expect(jsonBody<{ error: { message: string } }>(response).error.message).toBeTruthy();
    }
  });
});

describe('page cells', () => {
  it('format a row in the account currency with derived metrics as the Graph API defines them', () => {
    const [row] = buildTableRows(world, {
      act: FAKE_ACCOUNTS.jpy,
      level: 'campaign',
      since: SINCE,
      until: UNTIL,
    });
    const stats = row?.stats;
    if (!row || !stats) throw new Error('no delivering JPY campaign');
    const d = deriveMetrics(stats);
    expect(d.ctr).toBeCloseTo((stats.clicks / stats.impressions) * 100, 10);
    expect(d.cpmMinor).toBeCloseTo((stats.spendMinor / stats.impressions) * 1000, 10);
    expect(cellText(row, 'spend', 'JPY', 'campaign')).toMatch(/^¥[\d,]+$/);
    expect(cellText(row, 'spend', 'JPY', 'campaign')).toBe(
      `¥${stats.spendMinor.toLocaleString('en-US')}`,
    );
    expect(cellText(row, 'ctr', 'JPY', 'campaign')).toMatch(/^\d+\.\d\d%$/);
    expect(cellText(row, 'frequency', 'JPY', 'campaign')).toBe(
      (stats.impressions / stats.reach).toFixed(2),
    );
  });

  it('show the amount spent as $0.00 and other metrics as a dash without delivery', () => {
    const silent = buildTableRows(world, {
      act: FAKE_ACCOUNTS.usd,
      level: 'campaign',
      since: SINCE,
      until: UNTIL,
    }).find((r) => r.stats === null);
    if (!silent) throw new Error('fixture has no silent campaign');
    expect(cellText(silent, 'spend', 'USD', 'campaign')).toBe('$0.00');
    expect(cellText(silent, 'impressions', 'USD', 'campaign')).toBe('—');
    expect(cellText(silent, 'delivery', 'USD', 'campaign')).toBe('Active');
  });
});

describe('the large account', () => {
  it('has 200 campaigns, 1,000 ad sets and 5,000 ads, and pages them consistently', async () => {
    expect(world.entities(FAKE_ACCOUNTS.large, 'campaign')).toHaveLength(200);
    expect(world.entities(FAKE_ACCOUNTS.large, 'adset')).toHaveLength(1000);
    expect(world.entities(FAKE_ACCOUNTS.large, 'ad')).toHaveLength(5000);
    const query = { act: FAKE_ACCOUNTS.large, level: 'ad', since: SINCE, until: UNTIL } as const;
    const first = await table({ ...query, offset: 0, limit: 40 });
    const ids = first.rows.map((r) => r[0]);
    for (let offset = 40; offset < first.total; offset += 1700) {
      const page = await table({ ...query, offset, limit: 1700, snapshot: first.snapshot ?? '' });
      expect(page.snapshot).toBe(first.snapshot);
      ids.push(...page.rows.map((r) => r[0]));
    }
    expect(new Set(ids).size).toBe(first.total);
    expect(first.total).toBeGreaterThan(4500);
  });

  it('computes afresh for an unknown or mismatched snapshot', () => {
    const snapshots = new TableSnapshots();
    const query = {
      act: FAKE_ACCOUNTS.usd,
      level: 'campaign',
      since: SINCE,
      until: UNTIL,
    } as const;
    const first = buildTablePage(world, query, snapshots);
    expect(first.snapshot).toBe('s1');
    expect(buildTablePage(world, query, snapshots, 's1').snapshot).toBe('s1');
    expect(buildTablePage(world, { ...query, since: '2026-11-01' }, snapshots, 's1').snapshot).toBe(
      's2',
    );
    expect(buildTablePage(world, query, snapshots, 'nope').snapshot).toBe('s3');
  });

  it('expires snapshots', () => {
    let now = 0;
    const snapshots = new TableSnapshots(() => now);
    const query = {
      act: FAKE_ACCOUNTS.usd,
      level: 'campaign',
      since: SINCE,
      until: UNTIL,
    } as const;
    buildTablePage(world, query, snapshots);
    now = 61_000;
    expect(buildTablePage(world, query, snapshots, 's1').snapshot).toBe('s2');
  });
});
