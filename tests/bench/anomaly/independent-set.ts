import type { AccountInput, DailyRow, EntityNode, FindingKind } from '@/lib/anomaly';
import { createBenchRandom, type Random } from '../../support/random';
import type { Label } from './world-types';

/**
 * A second labeled generator, written apart from the first (eval-set.ts) and from the engine's
 * ideas, to score the engine on data it was not shaped by. Its parameters are frozen: a change here
 * is a new generator, and its held-out seeds ({@link HELD_OUT_SEEDS}) are never looked at while
 * the engine is tuned.
 *
 * What it adds over the first: heavy-tailed day-to-day noise (Student t with 3 degrees of freedom),
 * weekday and month-end rhythm, seasonal auction pressure across the whole account (a Q4 ramp, and
 * on some accounts a Black Friday week), conversion lag and restatement with a curve of its own per
 * account, learning after budget edits, budget raises with and without a later effect on spend,
 * low-volume campaigns, campaigns launched and paused inside the window, and every problem kind in
 * a sudden and a gradual form. Campaigns own a daily budget (CBO), one ad set, two or three ads.
 */

/** Seeds used while writing the generator (to see that it runs and looks like ad data). */
export const DEVELOPMENT_SEEDS = [1001, 1002] as const;
/** Seeds reported; never used to tune the engine. */
export const HELD_OUT_SEEDS = [2001, 2002, 2003, 2004, 2005] as const;

const DAYS = 120;
export const INDEPENDENT_EVAL_DAYS = 35;
export const INDEPENDENT_EVAL_FROM = DAYS - INDEPENDENT_EVAL_DAYS;
/** Day 0 is Friday 2025-08-01, so the window ends with Black Friday (2025-11-28). */
const FIRST_EPOCH_DAY = Date.UTC(2025, 7, 1) / 86_400_000;
const ACCOUNTS = 8;
const CURRENCIES = ['USD', 'EUR', 'TWD', 'GBP', 'BRL', 'JPY', 'USD', 'KWD'];

type Problem =
  | 'tracking_break'
  | 'delivery_stop'
  | 'spend_spike'
  | 'cpm_surge'
  | 'wear_out'
  | 'saturation'
  | 'cpa_shift'
  | 'roas_shift'
  | 'under_delivery';

const PROBLEMS: readonly Problem[] = [
  'tracking_break',
  'delivery_stop',
  'spend_spike',
  'cpm_surge',
  'wear_out',
  'saturation',
  'cpa_shift',
  'roas_shift',
  'under_delivery',
];

/** The engine's finding kind a buyer expects for each problem. */
const KIND_OF: Readonly<Record<Problem, FindingKind>> = {
  tracking_break: 'tracking_break',
  delivery_stop: 'delivery_stop',
  spend_spike: 'spend_spike',
  cpm_surge: 'cpm_surge',
  wear_out: 'creative_fatigue',
  saturation: 'creative_fatigue',
  cpa_shift: 'cpa_shift',
  roas_shift: 'roas_shift',
  under_delivery: 'under_delivery',
};

interface Planted {
  readonly problem: Problem;
  readonly sudden: boolean;
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
  readonly size: number;
}

interface Ad {
  readonly id: string;
  readonly share: number;
  readonly ctr: number;
  readonly frequency: number;
  readonly planted: Planted | undefined;
}

interface Campaign {
  readonly id: string;
  readonly adsetId: string;
  readonly ads: Ad[];
  /** Daily budget per day (minor units) as set, and the spend it aims at (a raise may not bite). */
  readonly budget: number[];
  readonly target: number[];
  /** Days of learning after an edit or the launch. */
  readonly learning: Uint8Array;
  readonly start: number;
  readonly pauseDay: number;
  readonly cpm: number;
  readonly linkShare: number;
  readonly cvr: number;
  readonly aov: number;
  readonly planted: Planted | undefined;
}

export interface IndependentAccount {
  readonly world: {
    readonly accountId: string;
    readonly entities: readonly {
      readonly id: string;
      readonly parent?: { readonly id: string };
    }[];
  };
  readonly currency: string;
  readonly campaigns: readonly Campaign[];
  readonly historyKnown: boolean;
  /** Final daily rows by entity id (index = day), and the reporting curve of the freshest days. */
  readonly final: Map<string, (DailyRow | undefined)[]>;
  readonly restatement: readonly number[];
  readonly todayShare: number;
}

export interface IndependentSet {
  readonly seed: number;
  readonly accounts: readonly IndependentAccount[];
  readonly labels: readonly Label[];
}

export function createIndependentSet(seed: number): IndependentSet {
  const accounts: IndependentAccount[] = [];
  const labels: Label[] = [];
  for (let index = 0; index < ACCOUNTS; index++) {
    const { account, accountLabels } = createAccount(seed, index);
    accounts.push(account);
    labels.push(...accountLabels);
  }
  return { seed, accounts, labels };
}

/** Student t (3 degrees of freedom): most days are calm, a few are far off. */
function heavy(random: Random): number {
  const chi = random.normal() ** 2 + random.normal() ** 2 + random.normal() ** 2;
  return random.normal() / Math.sqrt(chi / 3);
}

function logUniform(random: Random, low: number, high: number): number {
  return Math.exp(random.uniform(Math.log(low), Math.log(high)));
}

function createAccount(
  seed: number,
  index: number,
): { account: IndependentAccount; accountLabels: Label[] } {
  const accountId = `act_9${100 + index}`;
  const random = createBenchRandom(seed, `independent:${accountId}`);
  const currency = CURRENCIES[index % CURRENCIES.length] ?? 'USD';
  const scale = currency === 'JPY' || currency === 'TWD' ? 1 : 100;
  const weekdaySpend = Array.from({ length: 7 }, () => Math.exp(0.08 * random.normal()));
  const weekdayCvr = Array.from({ length: 7 }, (_, d) =>
    d === 0 || d === 6 ? random.uniform(0.8, 1.15) : random.uniform(0.95, 1.08),
  );
  const blackFriday = random.chance(0.5);
  const rampTo = random.uniform(1.1, 1.3);
  const seasonal = (day: number): number => {
    const ramp = day < 85 ? 1 : 1 + ((rampTo - 1) * Math.min(day - 85, 28)) / 28;
    return blackFriday && day >= DAYS - 7 ? ramp * 1.6 : ramp;
  };
  const accountLabels: Label[] = blackFriday
    ? [
        {
          kind: 'cpm_surge',
          accountId,
          entityId: accountId,
          level: 'account',
          startDay: DAYS - 7,
          endDay: DAYS - 1,
        },
      ]
    : [];
  const campaigns: Campaign[] = [];
  const count = random.int(9, 14);
  for (let c = 0; c < count; c++) {
    // Two digits, so campaign 10's ids cannot be campaign 1's ad set and ad ("910310").
    const campaign = createCampaign(
      random,
      `${accountId.slice(4)}${String(c).padStart(2, '0')}`,
      scale,
    );
    campaigns.push(campaign);
    const planted = campaign.planted ?? campaign.ads.find((ad) => ad.planted)?.planted;
    if (!planted) continue;
    const onAd = campaign.ads.find((ad) => ad.planted);
    accountLabels.push({
      kind: KIND_OF[planted.problem],
      accountId,
      entityId: onAd?.id ?? campaign.id,
      level: onAd ? 'ad' : 'campaign',
      startDay: planted.start,
      endDay: planted.end,
    });
  }
  const restatement = [
    random.uniform(0.6, 0.8),
    random.uniform(0.84, 0.92),
    random.uniform(0.93, 0.97),
    0.985,
  ];
  const final = new Map<string, (DailyRow | undefined)[]>();
  for (const campaign of campaigns) {
    simulate(random, campaign, { weekdaySpend, weekdayCvr, seasonal }, final);
  }
  const observed = accountLabels.map((label) => ({
    ...label,
    observable: observable(label, campaigns, final),
  }));
  const entities = campaigns.flatMap((campaign) => {
    const parent = { id: campaign.id };
    const adset = { id: campaign.adsetId, parent };
    return [parent, adset, ...campaign.ads.map((ad) => ({ id: ad.id, parent: adset }))];
  });
  return {
    account: {
      world: { accountId, entities },
      currency,
      campaigns,
      historyKnown: index % 2 === 0,
      final,
      restatement,
      todayShare: random.uniform(0.3, 0.6),
    },
    accountLabels: observed,
  };
}

/** An oracle knowing the baseline and the affected days would see the change at this many SDs. */
const ORACLE_Z = 3;
/** The generator's spread of log value per conversion (0.4 / sqrt(conversions) on a day). */
const VALUE_SPREAD = 0.4;

/**
 * Whether the final data can show a planted problem at all, judged by an oracle that knows the
 * entity's rates over the four weeks before it and the labeled days: conversion problems need the
 * conversions, a tiring creative the clicks. Computed from the data after it is made (no random
 * draw), so the generator's output is unchanged.
 */
function observable(
  label: Label,
  campaigns: readonly Campaign[],
  final: ReadonlyMap<string, readonly (DailyRow | undefined)[]>,
): boolean {
  const campaign = campaigns.find(
    (c) => c.id === label.entityId || c.ads.some((ad) => ad.id === label.entityId),
  );
  const planted = campaign?.planted ?? campaign?.ads.find((ad) => ad.planted)?.planted;
  const rows = final.get(label.entityId);
  if (!planted || !rows) return true;
  const sum = (pick: (row: DailyRow) => number, from: number, to: number): number => {
    let total = 0;
    for (let day = Math.max(0, from); day <= Math.min(to, DAYS - 1); day++) {
      const row = rows[day];
      if (row) total += pick(row);
    }
    return total;
  };
  const { start, end } = planted;
  const before = start - 28;
  const rateBefore = (events: (row: DailyRow) => number, exposure: (row: DailyRow) => number) =>
    sum(events, before, start - 1) / Math.max(1, sum(exposure, before, start - 1));
  const countZ = (expected: number, share: number): number =>
    (expected * (1 - share)) / Math.sqrt(Math.max(expected, 1e-9));
  switch (planted.problem) {
    case 'cpa_shift':
    case 'tracking_break': {
      const expected =
        rateBefore(
          (r) => r.conversions,
          (r) => r.linkClicks,
        ) * sum((r) => r.linkClicks, start, end);
      return countZ(expected, planted.problem === 'cpa_shift' ? planted.size : 0.03) >= ORACLE_Z;
    }
    case 'roas_shift': {
      const conversions = sum((r) => r.conversions, start, end);
      return (Math.abs(Math.log(planted.size)) * Math.sqrt(conversions)) / VALUE_SPREAD >= ORACLE_Z;
    }
    case 'wear_out': {
      const expected =
        rateBefore(
          (r) => r.clicks,
          (r) => r.impressions,
        ) * sum((r) => r.impressions, start, end);
      return countZ(expected, planted.size) >= ORACLE_Z;
    }
    default:
      return true;
  }
}

function createCampaign(random: Random, key: string, scale: number): Campaign {
  const lowVolume = random.chance(0.25);
  const base = Math.round(
    (lowVolume ? logUniform(random, 8, 40) : logUniform(random, 60, 900)) * scale,
  );
  const launched = random.chance(0.2);
  const start = launched ? random.int(30, DAYS - 12) : -60;
  const pauseDay = random.chance(0.12)
    ? random.int(INDEPENDENT_EVAL_FROM - 10, DAYS - 4)
    : Infinity;
  const budget: number[] = [];
  const target: number[] = [];
  const learning = new Uint8Array(DAYS);
  const edits = random.int(0, 2);
  const editDays = Array.from({ length: edits }, () => random.int(20, DAYS - 3)).sort(
    (a, b) => a - b,
  );
  let current = base;
  let aimed = base;
  for (let day = 0; day < DAYS; day++) {
    if (editDays.includes(day)) {
      const factor = random.chance(0.65) ? random.uniform(1.3, 2) : random.uniform(0.5, 0.8);
      current = Math.round(current * factor);
      // A raise does not always find more auctions to win: spend may stay where it was.
      if (factor < 1 || random.chance(0.6)) aimed = current;
      for (let d = day; d < Math.min(DAYS, day + 4); d++) learning[d] = 1;
    }
    budget.push(current);
    target.push(Math.min(aimed, current));
  }
  for (let d = Math.max(0, start); d < Math.min(DAYS, start + 6); d++) learning[d] = 1;
  const adCount = random.int(2, 3);
  const weights = Array.from({ length: adCount }, () => random.uniform(0.3, 1));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const problem = random.chance(0.5) ? random.pick(PROBLEMS) : undefined;
  const onAd = problem === 'wear_out' || problem === 'saturation';
  const delivering = start + 21;
  const planted =
    problem && delivering < DAYS - 10 && pauseDay === Infinity
      ? plant(random, problem, Math.max(INDEPENDENT_EVAL_FROM, delivering))
      : undefined;
  const heaviest = weights.indexOf(Math.max(...weights));
  const ads: Ad[] = weights.map((weight, a) => ({
    id: `${key}0${a}`,
    share: weight / total,
    ctr: logUniform(random, 0.006, 0.025),
    frequency: random.uniform(1.05, 1.6),
    planted: onAd && a === heaviest ? planted : undefined,
  }));
  return {
    id: key,
    adsetId: `${key}0`,
    ads,
    budget,
    target,
    learning,
    start,
    pauseDay,
    cpm: logUniform(random, 500, 2_500),
    linkShare: random.uniform(0.6, 0.85),
    cvr: logUniform(random, 0.01, 0.06),
    aov: logUniform(random, 30, 150) * scale,
    planted: onAd ? undefined : planted,
  };
}

function plant(random: Random, problem: Problem, earliest: number): Planted {
  const sudden = random.chance(0.5);
  const start = random.int(earliest, DAYS - 8);
  const lasting = (low: number, high: number): number =>
    Math.min(DAYS - 1, start + random.int(low, high) - 1);
  switch (problem) {
    case 'tracking_break':
      return {
        problem,
        sudden,
        start,
        end: random.chance(0.5) ? DAYS - 1 : lasting(4, 10),
        size: 0,
      };
    case 'delivery_stop':
      return { problem, sudden, start, end: DAYS - 1, size: 0 };
    case 'spend_spike':
      return {
        problem,
        sudden,
        start,
        end: start + (sudden ? 0 : 1),
        size: random.uniform(2.5, 4),
      };
    case 'cpm_surge':
      return { problem, sudden, start, end: lasting(7, 14), size: random.uniform(1.7, 2.3) };
    case 'wear_out':
      return { problem, sudden, start, end: DAYS - 1, size: random.uniform(0.35, 0.5) };
    case 'saturation':
      return { problem, sudden, start, end: DAYS - 1, size: random.uniform(2, 3) };
    case 'cpa_shift':
      return { problem, sudden, start, end: lasting(4, 10), size: random.uniform(0.3, 0.5) };
    case 'roas_shift':
      return { problem, sudden, start, end: lasting(5, 12), size: random.uniform(0.4, 0.6) };
    case 'under_delivery':
      return { problem, sudden, start, end: DAYS - 1, size: random.uniform(0.3, 0.5) };
  }
}

/**
 * How far a planted effect has come on `day`: 0 before, 1 in full. Gradual forms ramp over days
 * (two for a tracking break, a few for most, one to two weeks for a tiring creative or audience).
 */
function progress(planted: Planted | undefined, day: number, problem: Problem): number {
  if (!planted || planted.problem !== problem || day < planted.start || day > planted.end) return 0;
  if (planted.sudden) return 1;
  const ramp =
    problem === 'wear_out' || problem === 'saturation'
      ? 12
      : problem === 'tracking_break'
        ? 2
        : problem === 'spend_spike'
          ? 2
          : 4;
  return Math.min(1, (day - planted.start + 1) / ramp);
}

/** Moves a multiplier from 1 towards `size` as the effect progresses. */
function towards(size: number, amount: number): number {
  return 1 + (size - 1) * amount;
}

interface Rhythm {
  readonly weekdaySpend: readonly number[];
  readonly weekdayCvr: readonly number[];
  readonly seasonal: (day: number) => number;
}

function simulate(
  random: Random,
  campaign: Campaign,
  rhythm: Rhythm,
  final: Map<string, (DailyRow | undefined)[]>,
): void {
  const planted = campaign.planted;
  const adRows = campaign.ads.map(() => [] as (DailyRow | undefined)[]);
  let weekSpent = 0;
  for (let day = 0; day < DAYS; day++) {
    const weekday = weekdayOf(day);
    const date = new Date((FIRST_EPOCH_DAY + day) * 86_400_000);
    const daysInMonth = new Date(
      Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0),
    ).getUTCDate();
    const monthEnd = date.getUTCDate() > daysInMonth - 3 ? 1.12 : 1;
    const live = day >= campaign.start && day < campaign.pauseDay;
    const stop = planted?.problem === 'delivery_stop' ? progress(planted, day, 'delivery_stop') : 0;
    const under = progress(planted, day, 'under_delivery');
    const spike = progress(planted, day, 'spend_spike');
    let spend =
      campaign.target[day]! *
      (rhythm.weekdaySpend[weekday] ?? 1) *
      monthEnd *
      Math.exp(0.07 * heavy(random)) *
      (day - campaign.start < 5 ? 0.4 + 0.12 * (day - campaign.start) : 1);
    // Meta paces a daily budget to about its amount on average and never past 7x in a week.
    const budgetToday = campaign.budget[day]!;
    if (weekday === 0) weekSpent = 0;
    spend = Math.min(
      0.9 * spend,
      1.3 * budgetToday,
      Math.max(0, 7 * budgetToday - weekSpent) / 1.02,
    );
    spend *= towards(planted?.size ?? 1, under) * (1 - stop);
    if (spike > 0) spend = campaign.budget[day]! * towards(planted?.size ?? 1, spike);
    if (live) weekSpent += spend;
    for (let a = 0; a < campaign.ads.length; a++) {
      const ad = campaign.ads[a]!;
      const adSpend = live ? Math.round(spend * ad.share * Math.exp(0.1 * random.normal())) : 0;
      if (adSpend <= 0) {
        adRows[a]!.push(undefined);
        continue;
      }
      const learning = campaign.learning[day] === 1;
      const cpm =
        campaign.cpm *
        rhythm.seasonal(day) *
        towards(planted?.size ?? 1, progress(planted, day, 'cpm_surge')) *
        Math.exp(0.06 * heavy(random));
      const impressions = Math.max(1, Math.round((adSpend / cpm) * 1000));
      const saturation = progress(ad.planted, day, 'saturation');
      const frequency =
        ad.frequency *
        towards(ad.planted?.size ?? 1, saturation) *
        Math.exp(0.03 * random.normal());
      const ctr =
        ad.ctr *
        towards(ad.planted?.size ?? 1, progress(ad.planted, day, 'wear_out')) *
        towards(0.85, saturation) *
        Math.exp(0.05 * heavy(random));
      const clicks = random.poisson(impressions * ctr);
      const linkClicks = random.binomial(clicks, campaign.linkShare);
      const cvr =
        campaign.cvr *
        (rhythm.weekdayCvr[weekday] ?? 1) *
        monthEnd *
        (learning ? 0.8 * Math.exp(0.25 * random.normal()) : 1) *
        towards(planted?.size ?? 1, progress(planted, day, 'cpa_shift')) *
        (1 - 0.97 * progress(planted, day, 'tracking_break'));
      const conversions = random.poisson(linkClicks * cvr);
      const aov = campaign.aov * towards(planted?.size ?? 1, progress(planted, day, 'roas_shift'));
      adRows[a]!.push({
        date: dateOfIndependentDay(day),
        spendMinor: adSpend,
        impressions,
        reach: Math.max(1, Math.round(impressions / frequency)),
        clicks,
        linkClicks,
        conversions,
        conversionValueMinor: Math.round(
          conversions *
            aov *
            Math.exp(conversions > 0 ? (0.4 * random.normal()) / Math.sqrt(conversions) : 0),
        ),
      });
    }
  }
  campaign.ads.forEach((ad, a) => final.set(ad.id, adRows[a]!));
  const summed = sumDays(adRows, 0.92);
  final.set(campaign.adsetId, summed);
  final.set(campaign.id, summed);
}

function sumDays(
  rows: readonly (DailyRow | undefined)[][],
  reachOverlap: number,
): (DailyRow | undefined)[] {
  return Array.from({ length: DAYS }, (_, day) => {
    const present = rows.map((r) => r[day]).filter((row): row is DailyRow => row !== undefined);
    if (present.length === 0) return undefined;
    const sum = (pick: (row: DailyRow) => number): number =>
      present.reduce((total, row) => total + pick(row), 0);
    return {
      date: dateOfIndependentDay(day),
      spendMinor: sum((r) => r.spendMinor),
      impressions: sum((r) => r.impressions),
      reach: Math.round(sum((r) => r.reach) * reachOverlap),
      clicks: sum((r) => r.clicks),
      linkClicks: sum((r) => r.linkClicks),
      conversions: sum((r) => r.conversions),
      conversionValueMinor: sum((r) => r.conversionValueMinor),
    };
  });
}

function weekdayOf(day: number): number {
  return (((FIRST_EPOCH_DAY + day + 4) % 7) + 7) % 7;
}

export function dateOfIndependentDay(day: number): string {
  return new Date((FIRST_EPOCH_DAY + day) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The account as a sync at the start of `asOf + 1` would hand it to the engine: conversions of the
 * freshest days not yet all reported (restated as days pass), today's partial day present, statuses
 * and budgets as of today, budget history only on accounts whose edits sync saw.
 */
export function independentInputAsOf(
  account: IndependentAccount,
  asOf: number,
  seed: number,
): AccountInput {
  const random = createBenchRandom(seed, `independent:${account.world.accountId}:as-of:${asOf}`);
  const today = asOf + 1;
  const daily = new Map<string, DailyRow[]>();
  const reported = new Map<string, Map<number, number>>();
  // Lag is drawn per ad and summed upwards, as Meta reports each level from the same events.
  for (const campaign of account.campaigns) {
    const totals = new Map<number, number>();
    for (const ad of campaign.ads) {
      const rows = account.final.get(ad.id) ?? [];
      const adReported = new Map<number, number>();
      for (let age = 0; age < account.restatement.length; age++) {
        const row = rows[asOf - age];
        if (!row) continue;
        const count = random.binomial(row.conversions, account.restatement[age] ?? 1);
        adReported.set(asOf - age, count);
        totals.set(asOf - age, (totals.get(asOf - age) ?? 0) + count);
      }
      reported.set(ad.id, adReported);
    }
    reported.set(campaign.id, totals);
    reported.set(campaign.adsetId, totals);
  }
  for (const [id, rows] of account.final) {
    const out: DailyRow[] = [];
    for (let day = 0; day <= Math.min(today, DAYS - 1); day++) {
      const row = rows[day];
      if (!row) continue;
      if (day === today) {
        const share = account.todayShare;
        out.push({
          ...row,
          spendMinor: Math.round(row.spendMinor * share),
          impressions: Math.round(row.impressions * share),
          reach: Math.round(row.reach * share),
          clicks: Math.round(row.clicks * share),
          linkClicks: Math.round(row.linkClicks * share),
          conversions: Math.floor(row.conversions * share * 0.5),
          conversionValueMinor: Math.round(row.conversionValueMinor * share * 0.5),
        });
        continue;
      }
      const count = reported.get(id)?.get(day);
      out.push(
        count === undefined
          ? row
          : {
              ...row,
              conversions: count,
              conversionValueMinor:
                row.conversions > 0
                  ? Math.round((row.conversionValueMinor * count) / row.conversions)
                  : 0,
            },
      );
    }
    daily.set(id, out);
  }
  return {
    accountId: account.world.accountId,
    currency: account.currency,
    accountStatus: 1,
    entities: account.campaigns.flatMap((campaign) =>
      nodesOf(campaign, today, account.historyKnown),
    ),
    daily,
  };
}

function nodesOf(campaign: Campaign, today: number, historyKnown: boolean): EntityNode[] {
  const paused = campaign.pauseDay <= today;
  const startDate = dateOfIndependentDay(Math.max(campaign.start, -60));
  const history: { from: string; dailyBudgetMinor: number }[] = [];
  for (let day = 0; day <= Math.min(today, DAYS - 1); day++) {
    if (day === 0 || campaign.budget[day] !== campaign.budget[day - 1]) {
      history.push({
        from: dateOfIndependentDay(day === 0 ? Math.min(0, campaign.start) : day),
        dailyBudgetMinor: campaign.budget[day]!,
      });
    }
  }
  const budgetNow = campaign.budget[Math.min(today, DAYS - 1)]!;
  return [
    {
      id: campaign.id,
      level: 'campaign',
      effectiveStatus: paused ? 'PAUSED' : 'ACTIVE',
      dailyBudgetMinor: budgetNow,
      ...(historyKnown ? { budgetHistory: history } : {}),
      startDate,
    },
    {
      id: campaign.adsetId,
      level: 'adset',
      campaignId: campaign.id,
      effectiveStatus: paused ? 'CAMPAIGN_PAUSED' : 'ACTIVE',
      startDate,
    },
    ...campaign.ads.map((ad): EntityNode => ({
      id: ad.id,
      level: 'ad',
      campaignId: campaign.id,
      adsetId: campaign.adsetId,
      effectiveStatus: paused ? 'CAMPAIGN_PAUSED' : 'ACTIVE',
      startDate,
    })),
  ];
}
