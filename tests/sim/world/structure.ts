import { MINOR_PER_MAJOR, PER_USD, type AccountSpec } from './accounts';
import { dateOfEpochDay, epochDay, localDate, localTimeToUnix } from './calendar';
import { ordinaryName, vocabularyFor } from './names';
import { hash32 } from '../../support/hash';
import { createRandom, type Random } from '../../support/random';
import type { ConfiguredStatus, EffectiveStatus, Level, SimAccount } from './types';

/**
 * The shape of one account before any delivery is simulated: the campaign → ad set → ad tree, each
 * entity's status, delivery window, budget and base rates. Day numbers are indices into the account's
 * history (0 = first day, `todayIndex` = today when the world was created).
 */

export const HISTORY_DAYS = 180;
/** Extra days simulated past today so a clock moved forward still finds delivery. */
export const FUTURE_DAYS = 14;
const NEVER = Number.POSITIVE_INFINITY;

export type Objective = 'OUTCOME_SALES' | 'OUTCOME_TRAFFIC' | 'OUTCOME_AWARENESS' | 'OUTCOME_LEADS';

const OPTIMIZATION_GOALS: Readonly<Record<Objective, string>> = {
  OUTCOME_SALES: 'OFFSITE_CONVERSIONS',
  OUTCOME_TRAFFIC: 'LINK_CLICKS',
  OUTCOME_AWARENESS: 'REACH',
  OUTCOME_LEADS: 'LEAD_GENERATION',
};

/** Per-ad base rates; daily values wobble around these. Money in minor units. */
export interface AdRates {
  readonly cpmMinor: number;
  /** Clicks per impression. */
  readonly ctr: number;
  readonly linkShare: number;
  /** Purchases per link click. */
  readonly cvr: number;
  readonly aovMinor: number;
  /** Impressions per person per day. */
  readonly frequency: number;
}

/** A budget's spending level, in minor units per day, from `fromDay` on. */
export interface BudgetSegment {
  readonly fromDay: number;
  readonly dailyMinor: number;
}

export interface Budget {
  readonly kind: 'daily' | 'lifetime';
  readonly segments: readonly BudgetSegment[];
  /** What the API reports: the daily budget in force today, or the lifetime total. */
  readonly reportedMinor: number;
}

export interface PlannedEntity {
  readonly level: Level;
  readonly id: string;
  /** Row in this level's stats table. */
  readonly row: number;
  readonly parent: PlannedEntity | undefined;
  readonly children: PlannedEntity[];
  name: string;
  readonly status: ConfiguredStatus;
  readonly effectiveStatus: EffectiveStatus;
  readonly objective: Objective;
  readonly optimizationGoal: string;
  /** Own launch day and the day its status stopped delivery (NEVER while it runs). */
  readonly startDay: number;
  readonly stopDay: number;
  /** Days it can actually deliver: its own window cut by its ancestors' and the account's. */
  readonly deliveryStart: number;
  readonly deliveryStop: number;
  /** Relative share of its parent's budget. */
  readonly weight: number;
  readonly budget: Budget | undefined;
  readonly rates: AdRates;
  /** New people per extra impression over a range: drives de-duplicated reach. */
  readonly newAudienceShare: number;
  readonly createdTime: number;
  readonly updatedTime: number;
  readonly startTime: number;
}

export interface AccountPlan {
  readonly spec: AccountSpec;
  readonly account: SimAccount;
  readonly firstEpochDay: number;
  readonly days: number;
  readonly todayIndex: number;
  readonly campaigns: PlannedEntity[];
  readonly adsets: PlannedEntity[];
  readonly ads: PlannedEntity[];
}

interface PlanContext {
  readonly spec: AccountSpec;
  readonly random: Random;
  readonly firstEpochDay: number;
  readonly todayIndex: number;
  readonly accountStop: number;
  readonly idPrefix: string;
  readonly serials: Record<Level, number>;
  readonly nowMs: number;
}

export function planAccount(
  seed: number,
  spec: AccountSpec,
  index: number,
  nowMs: number,
  serials: Record<Level, number>,
): AccountPlan {
  const random = createRandom(seed, `structure:${index}`);
  const today = localDate(nowMs, spec.timezoneName);
  const todayIndex = HISTORY_DAYS - 1;
  const context: PlanContext = {
    spec,
    random,
    firstEpochDay: epochDay(today) - todayIndex,
    todayIndex,
    accountStop: spec.stoppedDaysAgo === undefined ? NEVER : todayIndex - spec.stoppedDaysAgo,
    idPrefix: `1202${String(hash32(seed, 'ids') % 10_000_000).padStart(7, '0')}`,
    serials,
    nowMs,
  };
  const campaigns: PlannedEntity[] = [];
  const adsets: PlannedEntity[] = [];
  const ads: PlannedEntity[] = [];
  const adsetsPerCampaign = spread(spec.adsets, spec.campaigns, random);
  const adsPerAdset = spread(spec.ads, spec.adsets, random);
  adsetsPerCampaign.forEach((adsetCount, campaignIndex) => {
    // The first campaigns of every account run steadily (all active, no changes), so every account
    // has clean ground for planted anomalies however the dice fall elsewhere.
    const steady = campaignIndex < 4;
    const campaign = planEntity(context, 'campaign', undefined, campaigns.length, steady);
    campaigns.push(campaign);
    for (let i = 0; i < adsetCount; i++) {
      const adset = planEntity(context, 'adset', campaign, adsets.length, steady);
      adsets.push(adset);
      campaign.children.push(adset);
      const adCount = adsPerAdset[adsets.length - 1] ?? 1;
      for (let j = 0; j < adCount; j++) {
        const ad = planEntity(context, 'ad', adset, ads.length, steady);
        ads.push(ad);
        adset.children.push(ad);
      }
    }
  });
  return {
    spec,
    account: describeAccount(seed, spec, index, nowMs),
    firstEpochDay: context.firstEpochDay,
    days: HISTORY_DAYS + FUTURE_DAYS,
    todayIndex,
    campaigns,
    adsets,
    ads,
  };
}

function describeAccount(
  seed: number,
  spec: AccountSpec,
  index: number,
  nowMs: number,
): SimAccount {
  const { offsetMinutes } = zonedOffset(nowMs, spec.timezoneName);
  return {
    accountId: `10${String(hash32(seed, `account:${index}`)).padStart(10, '0')}${String(index).padStart(3, '0')}`,
    name: spec.name,
    currency: spec.currency,
    timezoneName: spec.timezoneName,
    timezoneOffsetHoursUtc: offsetMinutes / 60,
    accountStatus: spec.accountStatus,
    businessId: `1${String(hash32(seed, `business:${spec.businessName}`)).padStart(10, '0')}77`,
    businessName: spec.businessName,
  };
}

function zonedOffset(nowMs: number, timeZone: string): { offsetMinutes: number } {
  const date = localDate(nowMs, timeZone);
  const midnight = localTimeToUnix(date, timeZone);
  const utcMidnight = Date.parse(`${date}T00:00:00Z`) / 1000;
  return { offsetMinutes: Math.round((utcMidnight - midnight) / 60) };
}

/** Splits `total` children over `parents` (each gets at least one), unevenly like real accounts. */
function spread(total: number, parents: number, random: Random): number[] {
  const counts = new Array<number>(parents).fill(1);
  for (let i = parents; i < total; i++) {
    const parent = random.chance(0.5)
      ? random.int(0, parents - 1)
      : random.int(0, parents >> 2 || 0);
    counts[parent] = (counts[parent] ?? 0) + 1;
  }
  return random.shuffle(counts);
}

function planEntity(
  context: PlanContext,
  level: Level,
  parent: PlannedEntity | undefined,
  row: number,
  steady: boolean,
): PlannedEntity {
  const { random, todayIndex } = context;
  const serial = ++context.serials[level];
  const objective = parent?.objective ?? (steady ? 'OUTCOME_SALES' : pickObjective(random));
  const startDay = steady
    ? (parent?.startDay ?? -random.int(30, 300))
    : launchDay(level, parent, random, todayIndex);
  const status = steady ? 'ACTIVE' : pickStatus(level, startDay, random, todayIndex);
  const stopDay =
    status === 'ACTIVE' ? NEVER : random.int(Math.max(startDay, 0) + 3, todayIndex - 1);
  const special =
    level === 'ad' && !steady && startDay < todayIndex - 5 ? adIssue(random) : undefined;
  const issueStop =
    special === 'DISAPPROVED' || special === 'WITH_ISSUES'
      ? random.int(Math.max(startDay, 0) + 3, todayIndex - 1)
      : NEVER;
  const pendingReview = special === 'PENDING_REVIEW';
  const ownStart = pendingReview ? NEVER : startDay;
  const deliveryStart = Math.max(ownStart, parent?.deliveryStart ?? ownStart);
  const deliveryStop = Math.min(
    stopDay,
    issueStop,
    parent?.deliveryStop ?? NEVER,
    context.accountStop,
  );
  const budget = ownsBudget(level, parent, random, steady)
    ? planBudget(context, level, startDay, steady)
    : undefined;
  const effectiveStatus = effectiveStatusOf(level, status, parent, special);
  const stampDay = (day: number): number => stamp(context, Math.min(day, todayIndex - 1));
  const createdTime = pendingReview
    ? Math.floor(context.nowMs / 1000) - 1800
    : stampDay(startDay - random.int(0, 3));
  const lastChange = Math.max(
    startDay,
    Number.isFinite(stopDay) ? stopDay : -NEVER,
    Number.isFinite(issueStop) ? issueStop : -NEVER,
    budget?.segments.at(-1)?.fromDay ?? -NEVER,
  );
  return {
    level,
    id: `${context.idPrefix}${LEVEL_DIGIT[level]}${String(serial).padStart(6, '0')}`,
    row,
    parent,
    children: [],
    name: ordinaryName(
      level,
      random,
      vocabularyFor(context.spec.language),
      context.spec.market,
      serial,
    ),
    status,
    effectiveStatus,
    objective,
    optimizationGoal: OPTIMIZATION_GOALS[objective],
    startDay,
    stopDay,
    deliveryStart,
    deliveryStop,
    weight: random.logNormal(0.6),
    budget,
    rates: planRates(context, objective, parent?.rates, level),
    newAudienceShare: 0.2 + 0.3 * random.next(),
    createdTime,
    updatedTime: pendingReview ? createdTime : Math.max(createdTime, stampDay(lastChange)),
    startTime: pendingReview ? createdTime : Math.max(createdTime, stampDay(startDay)),
  };
}

const LEVEL_DIGIT: Readonly<Record<Level, string>> = { campaign: '0', adset: '1', ad: '2' };

function stamp(context: PlanContext, day: number): number {
  const date = dateOfEpochDay(context.firstEpochDay + day);
  const secondsIntoDay = context.random.int(8 * 3600, 19 * 3600);
  return localTimeToUnix(date, context.spec.timezoneName, secondsIntoDay);
}

function pickObjective(random: Random): Objective {
  const roll = random.next();
  if (roll < 0.75) return 'OUTCOME_SALES';
  if (roll < 0.87) return 'OUTCOME_TRAFFIC';
  if (roll < 0.95) return 'OUTCOME_AWARENESS';
  return 'OUTCOME_LEADS';
}

/** Most entities predate the history; some launch during it (new campaigns, fresh creatives). */
function launchDay(
  level: Level,
  parent: PlannedEntity | undefined,
  random: Random,
  todayIndex: number,
): number {
  const laterChance = level === 'campaign' ? 0.25 : level === 'adset' ? 0.3 : 0.35;
  const base = parent?.startDay ?? -random.int(10, 400);
  if (!random.chance(laterChance)) return base;
  return Math.min(todayIndex - 1, Math.max(base, 0) + random.int(5, 150));
}

function pickStatus(
  level: Level,
  startDay: number,
  random: Random,
  todayIndex: number,
): ConfiguredStatus {
  if (startDay > todayIndex - 10) return 'ACTIVE';
  const roll = random.next();
  const paused = level === 'ad' ? 0.17 : 0.14;
  if (roll < paused) return 'PAUSED';
  if (roll < paused + 0.05) return 'ARCHIVED';
  if (roll < paused + 0.11) return 'DELETED';
  return 'ACTIVE';
}

type AdIssue = 'DISAPPROVED' | 'PENDING_REVIEW' | 'WITH_ISSUES';

function adIssue(random: Random): AdIssue | undefined {
  const roll = random.next();
  if (roll < 0.015) return 'DISAPPROVED';
  if (roll < 0.025) return 'PENDING_REVIEW';
  if (roll < 0.03) return 'WITH_ISSUES';
  return undefined;
}

function effectiveStatusOf(
  level: Level,
  status: ConfiguredStatus,
  parent: PlannedEntity | undefined,
  issue: AdIssue | undefined,
): EffectiveStatus {
  if (status === 'DELETED' || status === 'ARCHIVED') return status;
  const inherited = parent?.effectiveStatus;
  if (inherited === 'DELETED' || inherited === 'ARCHIVED') return inherited;
  if (status === 'PAUSED') return 'PAUSED';
  if (inherited === 'PAUSED') return parent?.level === 'adset' ? 'ADSET_PAUSED' : 'CAMPAIGN_PAUSED';
  if (inherited === 'CAMPAIGN_PAUSED' || inherited === 'ADSET_PAUSED') return 'CAMPAIGN_PAUSED';
  if (level === 'ad' && issue) return issue;
  return 'ACTIVE';
}

/** Campaigns with a campaign budget (CBO) own it; otherwise each ad set does. */
const CBO_CHANCE = 0.4;

function ownsBudget(
  level: Level,
  parent: PlannedEntity | undefined,
  random: Random,
  steady: boolean,
): boolean {
  if (level === 'campaign') return steady ? random.chance(0.5) : random.chance(CBO_CHANCE);
  return level === 'adset' && parent?.budget === undefined;
}

function planBudget(context: PlanContext, level: Level, startDay: number, steady: boolean): Budget {
  const { random, spec, todayIndex } = context;
  const typicalUsd = (level === 'campaign' ? 450 : 110) * (steady ? 1.5 : 1);
  const usd = typicalUsd * random.logNormal(0.7) * spec.budgetScale;
  const segments: BudgetSegment[] = [{ fromDay: -NEVER, dailyMinor: niceMinor(usd, spec) }];
  const changes = !steady && random.chance(0.35) ? random.int(1, 2) : 0;
  let amount = usd;
  let day = Math.max(startDay, 0) + 10;
  for (let i = 0; i < changes && day < todayIndex - 15; i++) {
    day = random.int(day, todayIndex - 15);
    amount *= random.pick([0.5, 0.7, 1.3, 1.5, 2]);
    segments.push({ fromDay: day, dailyMinor: niceMinor(amount, spec) });
    day += 7;
  }
  const current = segments.at(-1)?.dailyMinor ?? 0;
  const lifetime = random.chance(0.06);
  return {
    kind: lifetime ? 'lifetime' : 'daily',
    segments,
    reportedMinor: lifetime ? current * 90 : current,
  };
}

/** A budget in the account currency's minor units, rounded to a whole major unit (100 for JPY). */
function niceMinor(usd: number, spec: AccountSpec): number {
  const major = Math.max(1, usd * PER_USD[spec.currency]);
  const step = spec.currency === 'JPY' ? 100 : 1;
  return Math.max(step, Math.round(major / step) * step) * MINOR_PER_MAJOR[spec.currency];
}

const CTR_BY_OBJECTIVE: Readonly<Record<Objective, number>> = {
  OUTCOME_SALES: 0.012,
  OUTCOME_TRAFFIC: 0.02,
  OUTCOME_AWARENESS: 0.005,
  OUTCOME_LEADS: 0.011,
};
const CVR_BY_OBJECTIVE: Readonly<Record<Objective, number>> = {
  OUTCOME_SALES: 0.036,
  OUTCOME_TRAFFIC: 0.006,
  OUTCOME_AWARENESS: 0.003,
  OUTCOME_LEADS: 0.004,
};

/** Rates are inherited down the tree with a little variation at each level. */
function planRates(
  context: PlanContext,
  objective: Objective,
  inherited: AdRates | undefined,
  level: Level,
): AdRates {
  const { random, spec } = context;
  const money = PER_USD[spec.currency] * MINOR_PER_MAJOR[spec.currency];
  if (!inherited) {
    return {
      cpmMinor: (objective === 'OUTCOME_AWARENESS' ? 4.5 : 11) * random.logNormal(0.2) * money,
      ctr: CTR_BY_OBJECTIVE[objective] * random.logNormal(0.25),
      linkShare: 0.55 + 0.25 * random.next(),
      cvr: CVR_BY_OBJECTIVE[objective] * random.logNormal(0.3),
      aovMinor: 95 * random.logNormal(0.3) * money,
      frequency: 1.05 + 0.25 * random.next(),
    };
  }
  const variation = level === 'ad' ? 1 : 0.5;
  return {
    cpmMinor: inherited.cpmMinor * random.logNormal(0.08 * variation),
    ctr: inherited.ctr * random.logNormal(0.2 * variation),
    linkShare: Math.min(0.9, inherited.linkShare * random.logNormal(0.05)),
    cvr: inherited.cvr * random.logNormal(0.15 * variation),
    aovMinor: inherited.aovMinor * random.logNormal(0.1),
    frequency: 1.05 + (inherited.frequency - 1.05) * random.logNormal(0.2),
  };
}
