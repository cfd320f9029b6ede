import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClock } from '../clock';
import { addDays, weekday } from './calendar';
import { ACCOUNT_SPECS } from './accounts';
import { createWorld } from './create-world';
import { HOSTILE_NAMES } from './names';
import type { AnomalyKind, DailyStats, PlantedAnomaly, SimEntity, World } from './types';

const SEED = 20261120;
const ADDITIVE = [
  'spendMinor',
  'impressions',
  'clicks',
  'inlineLinkClicks',
  'purchases',
  'purchaseValueMinor',
] as const;

let world: World;
let large: string;

beforeAll(() => {
  world = createWorld({ seed: SEED, clock: createClock() });
  large = world.accounts.find(
    (account) => world.entities(account.accountId, 'ad').length >= 5000,
  )!.accountId;
});

function byDate(rows: readonly DailyStats[]): Map<string, DailyStats> {
  return new Map(rows.map((row) => [row.date, row]));
}

function whole(accountId: string, id: string): DailyStats[] {
  return world.daily(id, world.historyStart(accountId), world.today(accountId));
}

function childrenOf(parent: SimEntity): SimEntity[] {
  const level = parent.level === 'campaign' ? 'adset' : 'ad';
  return world
    .entities(parent.accountId, level)
    .filter((child) => (level === 'adset' ? child.campaignId : child.adsetId) === parent.id);
}

describe('world shape', () => {
  it('has accounts in USD, EUR and JPY in different time zones, each owned by a business', () => {
    const currencies = world.accounts.map((account) => account.currency);
    expect(currencies).toEqual(expect.arrayContaining(['USD', 'EUR', 'JPY']));
    expect(new Set(world.accounts.map((account) => account.timezoneName)).size).toBe(
      world.accounts.length,
    );
    for (const account of world.accounts) {
      expect(account.accountId).toMatch(/^\d{15}$/);
      expect(account.businessId).toMatch(/^\d+$/);
      expect(account.businessName).not.toBe('');
    }
  });

  it('has one large account (200+ campaigns, 1,000+ ad sets, 5,000+ ads) and small ones', () => {
    expect(world.entities(large, 'campaign').length).toBeGreaterThanOrEqual(200);
    expect(world.entities(large, 'adset').length).toBeGreaterThanOrEqual(1000);
    expect(world.entities(large, 'ad').length).toBeGreaterThanOrEqual(5000);
    for (const account of world.accounts.filter((each) => each.accountId !== large)) {
      const campaigns = world.entities(account.accountId, 'campaign').length;
      expect(campaigns).toBeGreaterThanOrEqual(5);
      expect(campaigns).toBeLessThanOrEqual(20);
    }
  });

  it('keeps 180 days of daily history ending today in the account time zone', () => {
    const rows = whole(large, `act_${large}`);
    expect(rows).toHaveLength(180);
    expect(rows[0]?.date).toBe(world.historyStart(large));
    expect(rows.at(-1)?.date).toBe(world.today(large));
  });

  it('computes today in each account time zone from the clock', () => {
    const clock = createClock(Date.parse('2026-11-20T07:59:00Z'));
    const early = createWorld({ seed: 1, clock });
    const zone = (name: string) => early.accounts.find((a) => a.timezoneName === name)!.accountId;
    expect(early.today(zone('America/Los_Angeles'))).toBe('2026-11-19');
    expect(early.today(zone('Asia/Tokyo'))).toBe('2026-11-20');
    clock.advance(60_000);
    expect(early.today(zone('America/Los_Angeles'))).toBe('2026-11-20');
    clock.set(Date.parse('2026-11-20T15:00:00Z'));
    expect(early.today(zone('Asia/Tokyo'))).toBe('2026-11-21');
    expect(early.today(zone('Europe/Berlin'))).toBe('2026-11-20');
  });

  it('is deterministic for a seed and different for another', () => {
    // The accounts after the 5,500-ad one: the same planning code, a tenth of the work, so the
    // test stays fast on a loaded machine.
    const accounts = ACCOUNT_SPECS.filter((spec) => spec.ads < 1000);
    const make = (seed: number) => createWorld({ seed, clock: createClock(), accounts });
    const first = make(SEED);
    const again = make(SEED);
    const other = make(SEED + 1);
    const fingerprint = (w: World) =>
      w.accounts.map((account) => {
        const campaigns = w.entities(account.accountId, 'campaign');
        return {
          id: account.accountId,
          names: campaigns.slice(0, 5).map((c) => c.name),
          totals: w.totals(`act_${account.accountId}`, '2026-06-01', '2026-11-19'),
        };
      });
    expect(fingerprint(again)).toEqual(fingerprint(first));
    expect(again.anomalies).toEqual(first.anomalies);
    expect(fingerprint(other)).not.toEqual(fingerprint(first));
  });
});

describe('delivery numbers', () => {
  it('sums ads into ad sets, ad sets into campaigns and campaigns into the account, day by day', () => {
    const campaigns = world
      .entities(large, 'campaign')
      .filter((c) => whole(large, c.id).length > 0);
    const withBudget = campaigns.find((c) => c.dailyBudgetMinor !== undefined)!;
    const withoutBudget = campaigns.find((c) => c.dailyBudgetMinor === undefined)!;
    for (const campaign of [withBudget, withoutBudget]) {
      const adsets = childrenOf(campaign);
      const campaignDays = byDate(whole(large, campaign.id));
      const adsetDays = adsets.map((adset) => byDate(whole(large, adset.id)));
      for (const [date, day] of campaignDays) {
        const parts = adsetDays.map((days) => days.get(date)).filter((d) => d !== undefined);
        for (const metric of ADDITIVE) {
          expect(parts.reduce((sum, part) => sum + part[metric], 0)).toBe(day[metric]);
        }
        expect(day.reach).toBeGreaterThanOrEqual(Math.max(...parts.map((p) => p.reach)));
        expect(day.reach).toBeLessThanOrEqual(parts.reduce((sum, p) => sum + p.reach, 0));
      }
      for (const adset of adsets) {
        const adDays = childrenOf(adset).map((ad) => byDate(whole(large, ad.id)));
        for (const [date, day] of byDate(whole(large, adset.id))) {
          const parts = adDays.map((days) => days.get(date)).filter((d) => d !== undefined);
          expect(parts.reduce((sum, part) => sum + part.spendMinor, 0)).toBe(day.spendMinor);
          expect(parts.reduce((sum, part) => sum + part.purchases, 0)).toBe(day.purchases);
        }
      }
    }
    const accountDays = whole(large, `act_${large}`);
    const yesterday = addDays(world.today(large), -1);
    const accountYesterday = accountDays.find((day) => day.date === yesterday)!;
    const campaignSpend = world
      .entities(large, 'campaign')
      .reduce((sum, c) => sum + (world.totals(c.id, yesterday, yesterday)?.spendMinor ?? 0), 0);
    expect(campaignSpend).toBe(accountYesterday.spendMinor);
  });

  it('has no entry for a day without delivery, and whole-number, plausible counts otherwise', () => {
    const implausible = world
      .entities(large, 'ad')
      .slice(0, 400)
      .flatMap((ad) => whole(large, ad.id))
      .filter(
        (day) =>
          day.impressions <= 0 ||
          day.spendMinor <= 0 ||
          [...ADDITIVE, 'reach' as const].some((metric) => !Number.isInteger(day[metric])) ||
          day.reach > day.impressions ||
          day.clicks > day.impressions ||
          day.inlineLinkClicks > day.clicks,
      );
    expect(implausible).toEqual([]);
  });

  it('stops delivery for paused, archived and deleted objects and their children', () => {
    const yesterday = addDays(world.today(large), -1);
    const silent = ['PAUSED', 'ARCHIVED', 'DELETED', 'CAMPAIGN_PAUSED', 'ADSET_PAUSED'];
    for (const level of ['campaign', 'adset', 'ad'] as const) {
      const stopped = world
        .entities(large, level)
        .filter((e) => silent.includes(e.effectiveStatus));
      expect(stopped.length).toBeGreaterThan(0);
      for (const entity of stopped) {
        expect(world.daily(entity.id, yesterday, world.today(large))).toEqual([]);
      }
    }
    const statuses = new Set(world.entities(large, 'ad').map((ad) => ad.effectiveStatus));
    expect([...statuses]).toEqual(expect.arrayContaining(['ACTIVE', ...silent]));
  });

  it('has campaign budgets on some campaigns and ad set budgets under the others', () => {
    const campaigns = world.entities(large, 'campaign');
    const cbo = campaigns.filter((c) => c.dailyBudgetMinor !== undefined);
    expect(cbo.length).toBeGreaterThan(20);
    expect(cbo.length).toBeLessThan(campaigns.length - 20);
    const hasBudget = (entity: SimEntity) =>
      entity.dailyBudgetMinor !== undefined || entity.lifetimeBudgetMinor !== undefined;
    for (const campaign of campaigns.slice(0, 40)) {
      for (const adset of childrenOf(campaign)) expect(hasBudget(adset)).toBe(!hasBudget(campaign));
    }
  });

  it('launches some campaigns in the middle of the history', () => {
    const start = world.historyStart(large);
    const lateStarters = world
      .entities(large, 'campaign')
      .map((c) => whole(large, c.id)[0]?.date)
      .filter((first) => first !== undefined && first > addDays(start, 20));
    expect(lateStarters.length).toBeGreaterThan(10);
  });

  it('has a weekly rhythm in the account CPM', () => {
    const cpmByWeekday = Array.from({ length: 7 }, () => ({ spend: 0, impressions: 0 }));
    for (const day of whole(large, `act_${large}`)) {
      const bucket = cpmByWeekday[weekday(day.date)]!;
      bucket.spend += day.spendMinor;
      bucket.impressions += day.impressions;
    }
    const cpms = cpmByWeekday.map((b) => b.spend / b.impressions);
    expect(Math.max(...cpms) / Math.min(...cpms)).toBeGreaterThan(1.05);
  });

  it('de-duplicates reach over a range between the largest and the summed daily reach', () => {
    const today = world.today(large);
    for (const campaign of world.entities(large, 'campaign').slice(0, 30)) {
      const since = addDays(today, -29);
      const days = world.daily(campaign.id, since, today);
      const totals = world.totals(campaign.id, since, today);
      if (days.length === 0) {
        expect(totals).toBeUndefined();
        continue;
      }
      expect(totals!.reach).toBeGreaterThanOrEqual(Math.max(...days.map((d) => d.reach)));
      expect(totals!.reach).toBeLessThanOrEqual(days.reduce((sum, d) => sum + d.reach, 0));
      expect(totals!.impressions).toBe(days.reduce((sum, d) => sum + d.impressions, 0));
    }
  });

  it('has no totals without delivery: a dormant account, or days that have not happened', () => {
    const dormant = world.accounts.find((account) => account.accountStatus !== 1)!;
    const today = world.today(dormant.accountId);
    expect(world.totals(`act_${dormant.accountId}`, addDays(today, -30), today)).toBeUndefined();
    expect(
      world.totals(`act_${large}`, addDays(world.today(large), 1), '2026-12-31'),
    ).toBeUndefined();
  });

  it('keeps money in minor units of each currency (1 yen, 1 cent)', () => {
    const cpmMinor = (accountId: string) => {
      const totals = world.totals(`act_${accountId}`, '2026-10-01', '2026-10-31')!;
      return (totals.spendMinor / totals.impressions) * 1000;
    };
    const usd = world.accounts.find((a) => a.currency === 'USD')!.accountId;
    const jpy = world.accounts.find((a) => a.currency === 'JPY')!.accountId;
    // A yen CPM of ~¥1,600 against a dollar CPM of ~$11 (1,100 cents): same order in minor units.
    const ratio = cpmMinor(jpy) / cpmMinor(usd);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(4);
    const jpyBudgets = world
      .entities(jpy, 'adset')
      .map((adset) => adset.dailyBudgetMinor)
      .filter((budget) => budget !== undefined)
      .sort((a, b) => a - b);
    expect(jpyBudgets.every((budget) => budget % 100 === 0)).toBe(true);
    const median = jpyBudgets[Math.floor(jpyBudgets.length / 2)]!;
    expect(median).toBeGreaterThan(1000);
    expect(median).toBeLessThan(1_000_000);
  });
});

/** What a planted anomaly must look like in the numbers: before vs after its start. */
const EVIDENCE: Record<AnomalyKind, (before: Window, after: Window) => boolean> = {
  spend_spike: (before, after) => after.spend / after.days > 2.5 * (before.spend / before.days),
  delivery_stop: (before, after) => before.impressions > 0 && after.impressions === 0,
  cpm_surge: (before, after) => after.cpm > 1.6 * before.cpm,
  creative_fatigue: (before, after) =>
    after.ctr < 0.8 * before.ctr && after.frequency > 1.3 * before.frequency,
  tracking_break: (before, after) =>
    before.purchases > 0 && after.purchases === 0 && after.clicks > 0,
  cpa_jump: (before, after) => after.cpa > 1.4 * before.cpa,
};

interface Window {
  days: number;
  spend: number;
  impressions: number;
  clicks: number;
  purchases: number;
  cpm: number;
  ctr: number;
  cpa: number;
  frequency: number;
}

function windowOf(entityId: string, since: string, until: string): Window {
  const days = world.daily(entityId, since, until);
  const sum = (pick: (d: DailyStats) => number) => days.reduce((total, d) => total + pick(d), 0);
  const spend = sum((d) => d.spendMinor);
  const impressions = sum((d) => d.impressions);
  const clicks = sum((d) => d.clicks);
  const purchases = sum((d) => d.purchases);
  return {
    days: Math.max(1, days.length),
    spend,
    impressions,
    clicks,
    purchases,
    cpm: spend / impressions,
    ctr: clicks / impressions,
    cpa: spend / purchases,
    frequency: sum((d) => d.impressions / d.reach) / Math.max(1, days.length),
  };
}

describe('numbers over time', () => {
  const purchasesOn = (w: World, id: string, date: string) =>
    w.totals(id, date, date)?.purchases ?? 0;
  const clock = createClock();
  let live: World;
  beforeAll(() => {
    live = createWorld({ seed: SEED, clock });
  });
  beforeEach(() => clock.set(Date.parse('2026-11-20T15:00:00Z')));

  it('grows today through the day and has no row for a day that has not started', () => {
    const node = `act_${large}`;
    const morning = live.totals(node, '2026-11-20', '2026-11-20')!;
    clock.advance(6 * 3600_000);
    const afternoon = live.totals(node, '2026-11-20', '2026-11-20')!;
    expect(afternoon.spendMinor).toBeGreaterThan(morning.spendMinor * 1.5);
    expect(afternoon.impressions).toBeGreaterThan(morning.impressions);
    const tokyo = live.accounts.find((a) => a.timezoneName === 'Asia/Tokyo')!.accountId;
    clock.set(Date.parse('2026-11-20T15:00:00Z')); // midnight in Tokyo
    expect(live.daily(`act_${tokyo}`, '2026-11-21', '2026-11-21')).toEqual([]);
  });

  it('keeps attributing recent purchases for 28 days, and leaves older days alone', () => {
    const node = `act_${large}`;
    const yesterday = purchasesOn(live, node, '2026-11-19');
    const lastWeek = purchasesOn(live, node, '2026-11-13');
    const settled = live.totals(node, '2026-09-01', '2026-09-30')!;
    clock.advance(48 * 3600_000);
    expect(purchasesOn(live, node, '2026-11-19')).toBeGreaterThan(yesterday);
    expect(purchasesOn(live, node, '2026-11-13')).toBeGreaterThanOrEqual(lastWeek);
    expect(live.totals(node, '2026-09-01', '2026-09-30')).toEqual(settled);
    clock.advance(30 * 86_400_000);
    const final = purchasesOn(live, node, '2026-11-19');
    clock.advance(86_400_000);
    expect(purchasesOn(live, node, '2026-11-19')).toBe(final);
  });
});

describe('planted anomalies', () => {
  it('labels every kind at several levels in the large account, and some in small accounts', () => {
    const inLarge = world.anomalies.filter((a) => a.accountId === large);
    for (const kind of Object.keys(EVIDENCE) as AnomalyKind[]) {
      const ofKind = inLarge.filter((a) => a.kind === kind);
      expect(ofKind.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ofKind.map((a) => a.level)).size).toBeGreaterThanOrEqual(2);
    }
    const small = world.anomalies.filter((a) => a.accountId !== large);
    expect(new Set(small.map((a) => a.accountId)).size).toBeGreaterThanOrEqual(2);
  });

  it('places each label on an existing, active entity of its account in the last two weeks', () => {
    for (const anomaly of world.anomalies) {
      const entity = world.entity(anomaly.entityId);
      expect(entity?.accountId).toBe(anomaly.accountId);
      expect(entity?.level).toBe(anomaly.level);
      expect(entity?.effectiveStatus).toBe('ACTIVE');
      const today = world.today(anomaly.accountId);
      expect(anomaly.startDate >= addDays(today, -14) && anomaly.startDate < today).toBe(true);
      if (anomaly.endDate) expect(anomaly.endDate >= anomaly.startDate).toBe(true);
    }
  });

  it.each([
    'spend_spike',
    'delivery_stop',
    'cpm_surge',
    'creative_fatigue',
    'tracking_break',
    'cpa_jump',
  ])('shows %s in the labeled entity numbers', (kind) => {
    const anomalies = world.anomalies.filter((a) => a.kind === kind);
    for (const anomaly of anomalies) {
      expect(evidenceFor(anomaly), `${anomaly.level} ${anomaly.entityId}`).toBe(true);
    }
  });
});

function evidenceFor(anomaly: PlantedAnomaly): boolean {
  const yesterday = addDays(world.today(anomaly.accountId), -1);
  const before = windowOf(
    anomaly.entityId,
    addDays(anomaly.startDate, -21),
    addDays(anomaly.startDate, -1),
  );
  const lastAffected = anomaly.endDate ?? yesterday;
  const late = anomaly.kind === 'creative_fatigue' ? addDays(lastAffected, -2) : anomaly.startDate;
  const after = windowOf(anomaly.entityId, late, lastAffected);
  return EVIDENCE[anomaly.kind](before, after);
}

describe('hostile names', () => {
  it('puts every kind of hostile name in every account that has entities', () => {
    for (const account of world.accounts) {
      const ids = new Set(
        (['campaign', 'adset', 'ad'] as const).flatMap((level) =>
          world.entities(account.accountId, level).map((e) => e.id),
        ),
      );
      const kinds = new Set(
        world.hostileNames.filter((h) => ids.has(h.entityId)).map((h) => h.kind),
      );
      expect([...kinds].sort()).toEqual(Object.keys(HOSTILE_NAMES).sort());
    }
  });

  it('gives the listed entities names that carry the payloads, some longer than 300 characters', () => {
    for (const { entityId, kind } of world.hostileNames) {
      expect(world.entity(entityId)?.name).toContain(HOSTILE_NAMES[kind]);
    }
    const long = world.hostileNames.filter((h) => h.kind === 'long');
    expect(long.every((h) => world.entity(h.entityId)!.name.length > 300)).toBe(true);
    const script = world.hostileNames.find((h) => h.kind === 'script_breakout')!;
    expect(world.entity(script.entityId)!.name).toContain('</script><script>');
  });
});
