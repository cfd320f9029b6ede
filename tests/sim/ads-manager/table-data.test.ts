import { describe, expect, it } from 'vitest';
import { createClock } from '../clock';
import { DEFAULT_SEED } from '../index';
import { ACCOUNT_SPECS } from '../world/accounts';
import { createWorld } from '../world/create-world';
import type { Currency, Level, SimAccount, SimEntity } from '../world/types';
import { COLUMNS, rowCell, summaryCell, deriveMetrics } from './columns';
import { addDays } from './dates';
import {
  createAdsManagerSite,
  decodeRow,
  presetRange,
  SHOW_ALL_FILTER_SET,
  tableApiHref,
} from './index';
import { TableSnapshots, buildTablePage, buildTableRows } from './table-data';
import type { TablePage, TableRow } from './wire';
import { get, jsonBody } from './test-helpers';

/** The simulator's default world, as the e2e specs and the page see it. */
const world = createWorld({ seed: DEFAULT_SEED, clock: createClock() });
const site = createAdsManagerSite({ world });

function accountWith(currency: Currency): SimAccount {
  const account = world.accounts.find((a) => a.currency === currency);
  if (!account) throw new Error(`the world has no ${currency} account`);
  return account;
}

const LARGE_SPEC = ACCOUNT_SPECS.reduce((a, b) => (b.ads > a.ads ? b : a));
const large = world.accounts.find((a) => a.name === LARGE_SPEC.name)!;
const eur = accountWith('EUR');
const jpy = accountWith('JPY');

/** The page's default range for the account: the last 30 days, ending yesterday in its time zone. */
function last30(account: SimAccount): { since: string; until: string } {
  const { since, until } = presetRange(
    'last_30d',
    world.today(account.accountId),
    world.historyStart(account.accountId),
  );
  return { since, until };
}

const isHidden = (e: SimEntity) =>
  ['DELETED', 'ARCHIVED'].includes(e.status) || ['DELETED', 'ARCHIVED'].includes(e.effectiveStatus);
const shownIds = (entities: readonly SimEntity[]) =>
  entities.filter((e) => !isHidden(e)).map((e) => e.id);

async function table(query: Parameters<typeof tableApiHref>[0]): Promise<TablePage> {
  const response = await get(site, `https://adsmanager.facebook.com${tableApiHref(query)}`);
  expect(response.status).toBe(200);
  return jsonBody<TablePage>(response);
}

function cellText(row: TableRow, key: string, currency: Currency, level: Level): string {
  const column = COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`no column ${key}`);
  return rowCell(column, row, { currency, level }).text;
}

describe('the table endpoint', () => {
  it.each(['campaign', 'adset', 'ad'] as const)(
    'sends %s rows whose numbers equal world.totals for the range',
    async (level) => {
      for (const account of world.accounts) {
        const range = last30(account);
        const page = await table({ act: account.accountId, level, ...range });
        expect(page.rows.length).toBe(page.total);
        expect(page.total).toBeGreaterThan(0);
        for (const row of page.rows.map(decodeRow)) {
          const totals = world.totals(row.id, range.since, range.until);
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
      }
    },
    60_000,
  );

  it('totals the rows it shows', async () => {
    const page = await table({ act: eur.accountId, level: 'ad', ...last30(eur) });
    const rows = page.rows.map(decodeRow);
    const spend = rows.reduce((sum, r) => sum + (r.stats?.spendMinor ?? 0), 0);
    expect(spend).toBeGreaterThan(0);
    expect(page.summary).toMatchObject({ count: rows.length, spendMinor: spend });
    const name = COLUMNS[0];
    if (!name) throw new Error('no columns');
    expect(
      summaryCell(name, page.summary, { currency: eur.currency, level: 'ad' }, false).text,
    ).toBe(`Results from ${rows.length.toLocaleString('en-US')} ads`);
  });

  it('sorts by amount spent, descending, rows without delivery last', async () => {
    const page = await table({ act: large.accountId, level: 'campaign', ...last30(large) });
    const spends = page.rows.map((r) => decodeRow(r).stats?.spendMinor ?? -1);
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    expect(spends[0]).toBeGreaterThan(0);
    expect(spends.at(-1)).toBe(-1);
  });

  it('hides deleted and archived entities unless filter_set asks, and shows paused ones', async () => {
    const query = { act: large.accountId, level: 'campaign', ...last30(large) } as const;
    const campaigns = world.entities(large.accountId, 'campaign');
    const rows = async (filterSet?: string) =>
      (await table({ ...query, ...(filterSet ? { filterSet } : {}) })).rows.map(decodeRow);
    const normal = await rows();
    const statuses = normal.map((r) => r.effectiveStatus);
    expect(statuses).not.toContain('DELETED');
    expect(statuses).not.toContain('ARCHIVED');
    expect(statuses).toContain('PAUSED');
    expect(normal.map((r) => r.id).sort()).toEqual(shownIds(campaigns).sort());
    const all = (await rows(SHOW_ALL_FILTER_SET)).map((r) => r.effectiveStatus);
    expect(all).toEqual(expect.arrayContaining(['DELETED', 'ARCHIVED']));
    expect(all.length).toBe(campaigns.length);
  });

  it('narrows ad sets to selected campaigns and ads to selected ad sets', async () => {
    const act = eur.accountId;
    const adsetsOf = (campaignId: string) =>
      shownIds(world.entities(act, 'adset').filter((e) => e.campaignId === campaignId));
    const campaign = world
      .entities(act, 'campaign')
      .find((c) => !isHidden(c) && adsetsOf(c.id).length >= 2);
    if (!campaign) throw new Error('no campaign with two shown ad sets');
    const base = { act, ...last30(eur) } as const;
    const adsets = (
      await table({ ...base, level: 'adset', selectedCampaignIds: [campaign.id] })
    ).rows.map(decodeRow);
    expect(adsets.map((r) => r.id).sort()).toEqual(adsetsOf(campaign.id).sort());
    expect(adsets.every((r) => r.campaignId === campaign.id)).toBe(true);
    const adsetId = adsets[0]?.id ?? '';
    const ads = (
      await table({
        ...base,
        level: 'ad',
        selectedCampaignIds: [campaign.id],
        selectedAdsetIds: [adsetId],
      })
    ).rows.map(decodeRow);
    expect(ads.length).toBeGreaterThan(0);
    expect(ads.map((r) => r.id).sort()).toEqual(
      shownIds(world.entities(act, 'ad').filter((e) => e.adsetId === adsetId)).sort(),
    );
    expect(ads.every((r) => r.adsetId === adsetId)).toBe(true);
  });

  it('says who owns the budget', () => {
    const rows = (level: Level) =>
      buildTableRows(world, { act: large.accountId, level, ...last30(large) });
    const texts = (level: Level) =>
      rows(level).map((r) => cellText(r, 'budget', large.currency, level));
    expect(texts('campaign')).toEqual(
      expect.arrayContaining(['Using ad set budget', expect.stringMatching(/^\$[\d,]+\.\d\d$/)]),
    );
    expect(texts('adset')).toEqual(expect.arrayContaining(['Using campaign budget']));
    expect(new Set(texts('ad'))).toEqual(new Set(['Using campaign budget', 'Using ad set budget']));
    const lifetime = rows('campaign').find((r) => r.budget === 'lifetime');
    const budget = COLUMNS.find((c) => c.key === 'budget');
    if (!lifetime || !budget) throw new Error('no campaign with a lifetime budget');
    expect(rowCell(budget, lifetime, { currency: large.currency, level: 'campaign' }).sub).toBe(
      'Lifetime',
    );
  });

  it('answers 400 for a bad query and for an unknown account', async () => {
    const act = large.accountId;
    const bad = [
      '/adsmanager/api/table?act=act_1&level=campaign&since=2026-11-01&until=2026-11-02',
      `/adsmanager/api/table?act=${act}&level=account&since=2026-11-01&until=2026-11-02`,
      `/adsmanager/api/table?act=${act}&level=ad&since=2026-11-03&until=2026-11-02`,
      `/adsmanager/api/table?act=${act}&level=ad&since=2026-11-01&until=2026-11-02&limit=-1`,
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
    const [row] = buildTableRows(world, { act: jpy.accountId, level: 'campaign', ...last30(jpy) });
    const stats = row?.stats;
    if (!row || !stats) throw new Error('no delivering JPY campaign');
    const d = deriveMetrics(stats);
    expect(d.ctr).toBeCloseTo((stats.clicks / stats.impressions) * 100, 10);
    expect(d.cpmMinor).toBeCloseTo((stats.spendMinor / stats.impressions) * 1000, 10);
    expect(cellText(row, 'spend', jpy.currency, 'campaign')).toMatch(/^¥[\d,]+$/);
    expect(cellText(row, 'spend', jpy.currency, 'campaign')).toBe(
      `¥${stats.spendMinor.toLocaleString('en-US')}`,
    );
    expect(cellText(row, 'ctr', jpy.currency, 'campaign')).toMatch(/^\d+\.\d\d%$/);
    expect(cellText(row, 'frequency', jpy.currency, 'campaign')).toBe(
      (stats.impressions / stats.reach).toFixed(2),
    );
  });

  it('show the amount spent as $0.00 and other metrics as a dash without delivery', () => {
    const silent = buildTableRows(world, {
      act: large.accountId,
      level: 'campaign',
      ...last30(large),
    }).find((r) => r.stats === null && r.effectiveStatus === 'ACTIVE');
    if (!silent) throw new Error('no active campaign without delivery in the range');
    expect(cellText(silent, 'spend', large.currency, 'campaign')).toBe('$0.00');
    expect(cellText(silent, 'impressions', large.currency, 'campaign')).toBe('—');
    expect(cellText(silent, 'delivery', large.currency, 'campaign')).toBe('Active');
  });
});

describe('the large account', () => {
  it('has 200+ campaigns, 1,000+ ad sets and 5,000+ ads, and pages them consistently', async () => {
    const act = large.accountId;
    expect(world.entities(act, 'campaign')).toHaveLength(LARGE_SPEC.campaigns);
    expect(world.entities(act, 'adset')).toHaveLength(LARGE_SPEC.adsets);
    expect(world.entities(act, 'ad')).toHaveLength(LARGE_SPEC.ads);
    expect(LARGE_SPEC.campaigns).toBeGreaterThanOrEqual(200);
    expect(LARGE_SPEC.adsets).toBeGreaterThanOrEqual(1000);
    expect(LARGE_SPEC.ads).toBeGreaterThanOrEqual(5000);
    const query = { act, level: 'ad', ...last30(large) } as const;
    const first = await table({ ...query, offset: 0, limit: 40 });
    const ids = first.rows.map((r) => r[0]);
    for (let offset = 40; offset < first.total; offset += 1700) {
      const page = await table({ ...query, offset, limit: 1700, snapshot: first.snapshot ?? '' });
      expect(page.snapshot).toBe(first.snapshot);
      ids.push(...page.rows.map((r) => r[0]));
    }
    expect(new Set(ids).size).toBe(first.total);
    expect(first.total).toBe(shownIds(world.entities(act, 'ad')).length);
  });

  it('computes afresh for an unknown or mismatched snapshot', () => {
    const snapshots = new TableSnapshots();
    const query = { act: eur.accountId, level: 'campaign', ...last30(eur) } as const;
    const first = buildTablePage(world, query, snapshots);
    expect(first.snapshot).toBe('s1');
    expect(buildTablePage(world, query, snapshots, 's1').snapshot).toBe('s1');
    const later = { ...query, since: addDays(query.since, 9) };
    expect(buildTablePage(world, later, snapshots, 's1').snapshot).toBe('s2');
    expect(buildTablePage(world, query, snapshots, 'nope').snapshot).toBe('s3');
  });

  it('expires snapshots', () => {
    let now = 0;
    const snapshots = new TableSnapshots(() => now);
    const query = { act: eur.accountId, level: 'campaign', ...last30(eur) } as const;
    buildTablePage(world, query, snapshots);
    now = 61_000;
    expect(buildTablePage(world, query, snapshots, 's1').snapshot).toBe('s2');
  });
});
