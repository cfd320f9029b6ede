import type { Random } from '../../support/random';
import {
  DAYS,
  type AdRates,
  type BudgetSegment,
  type Level,
  type Rhythm,
  type WorldEntity,
} from './world-types';

/**
 * Account structure and the ordinary life of an account, which the detector must not alarm on:
 * campaign budgets and ad set budgets, launches (learning), pauses, archives and deletions, end
 * dates, Monday–Friday schedules on lifetime budgets, budget raises and cuts, tiny budgets.
 */

const NEVER = Number.POSITIVE_INFINITY;
const BUDGET_FACTORS = [0.5, 0.6, 1.5, 2, 2.5, 3];

export interface Structure {
  readonly campaigns: WorldEntity[];
  readonly entities: WorldEntity[];
  readonly rhythm: Rhythm;
}

/** USD cents per major unit of money in the account currency, roughly (JPY ≈ 1.5 yen per cent). */
export function minorPerCent(currency: string): number {
  return currency === 'JPY' ? 1.5 : 1;
}

export function buildStructure(random: Random, accountKey: string, currency: string): Structure {
  const scale = minorPerCent(currency);
  const campaigns: WorldEntity[] = [];
  const campaignCount = random.int(4, 8);
  for (let c = 0; c < campaignCount; c++) {
    campaigns.push(buildCampaign(random, `${accountKey}:c${c}`, scale));
  }
  const entities = campaigns.flatMap((campaign) => [campaign, ...flatten(campaign)]);
  for (const entity of entities) addLifeEvents(random, entity);
  return { campaigns, entities, rhythm: buildRhythm(random) };
}

function flatten(entity: WorldEntity): WorldEntity[] {
  return entity.children.flatMap((child) => [child, ...flatten(child)]);
}

function buildCampaign(random: Random, id: string, scale: number): WorldEntity {
  const cbo = random.chance(0.4);
  // A few awareness campaigns barely convert: no conversion finding may come from them.
  const awareness = random.chance(0.15);
  const product: Product = {
    cvr: awareness ? random.uniform(0.0002, 0.001) : random.uniform(0.01, 0.05),
    aovMinor: random.uniform(2000, 15000) * scale,
  };
  const startDay = random.chance(0.85) ? -random.int(20, 300) : random.int(5, 110);
  const campaign = entity(id, 'campaign', undefined, 1, startDay);
  if (cbo) campaign.budget = [{ fromDay: -1000, dailyMinor: dailyBudget(random, scale) }];
  const adsetCount = random.int(1, 4);
  for (let s = 0; s < adsetCount; s++) {
    const adsetStart = random.chance(0.2) ? random.int(startDay + 5, DAYS + 5) : startDay;
    const adset = entity(`${id}:s${s}`, 'adset', campaign, random.logNormal(0.5), adsetStart);
    const audience: Audience = {
      cpmMinor: random.uniform(500, 2000) * scale,
      frequency: random.uniform(1.05, 1.5),
    };
    if (!cbo) {
      if (random.chance(0.07)) adset.lifetimePace = dailyBudget(random, scale) * 0.9;
      else adset.budget = [{ fromDay: -1000, dailyMinor: dailyBudget(random, scale) }];
    }
    const adCount = random.int(1, 4);
    for (let a = 0; a < adCount; a++) {
      const adStart = random.chance(0.2) ? random.int(adsetStart + 5, DAYS + 5) : adsetStart;
      const ad = entity(`${id}:s${s}:a${a}`, 'ad', adset, random.logNormal(0.5), adStart, {
        rates: adRates(random, product, audience),
      });
      adset.children.push(ad);
    }
    campaign.children.push(adset);
  }
  return campaign;
}

function entity(
  id: string,
  level: Level,
  parent: WorldEntity | undefined,
  weight: number,
  startDay: number,
  extra: { rates?: AdRates } = {},
): WorldEntity {
  return {
    id,
    level,
    parent,
    children: [],
    weight,
    budget: undefined,
    lifetimePace: undefined,
    startDay,
    pauseDay: NEVER,
    pausedAs: 'PAUSED',
    endDay: NEVER,
    rates: extra.rates,
    effects: [],
  };
}

/** Log-uniform from $15 to $1,500 a day; one budget in seven is a tiny $2–$6 test budget. */
function dailyBudget(random: Random, scale: number): number {
  const dollars = random.chance(1 / 7)
    ? random.uniform(2, 6)
    : Math.exp(random.uniform(Math.log(15), Math.log(1500)));
  return Math.round(dollars * 100 * scale);
}

/** What the campaign sells: its conversion rate and order value. */
interface Product {
  readonly cvr: number;
  readonly aovMinor: number;
}

/** Whom the ad set reaches: the price of its audience and how often it sees ads. */
interface Audience {
  readonly cpmMinor: number;
  readonly frequency: number;
}

/** Creatives differ most in CTR, somewhat in conversion rate and barely in order value. */
function adRates(random: Random, product: Product, audience: Audience): AdRates {
  return {
    cpmMinor: audience.cpmMinor * random.logNormal(0.1),
    ctr: random.uniform(0.006, 0.025),
    linkShare: random.uniform(0.55, 0.85),
    cvr: product.cvr * random.logNormal(0.2),
    aovMinor: product.aovMinor * random.logNormal(0.1),
    frequency: audience.frequency * random.logNormal(0.05),
  };
}

/** Pauses (some archived or deleted), end dates and budget edits, at any time in the history. */
function addLifeEvents(random: Random, entity: WorldEntity): void {
  const pauseChance = { campaign: 0.06, adset: 0.08, ad: 0.1 }[entity.level];
  if (random.chance(pauseChance)) {
    entity.pauseDay = random.int(15, DAYS - 1);
    entity.pausedAs = random.pick(['PAUSED', 'PAUSED', 'PAUSED', 'ARCHIVED', 'DELETED'] as const);
  }
  if (entity.level === 'adset' && entity.budget && random.chance(0.05)) {
    entity.endDay = random.int(60, DAYS - 2);
  }
  if (entity.budget && random.chance(0.35)) entity.budget = budgetEdits(random, entity.budget);
}

function budgetEdits(random: Random, budget: BudgetSegment[]): BudgetSegment[] {
  const edits = random.int(1, 2);
  const days = Array.from({ length: edits }, () => random.int(10, DAYS - 1)).sort((a, b) => a - b);
  let daily = budget[0]?.dailyMinor ?? 0;
  const segments = [...budget];
  for (const day of days) {
    daily = Math.max(100, Math.round(daily * random.pick(BUDGET_FACTORS)));
    segments.push({ fromDay: day, dailyMinor: daily });
  }
  return segments;
}

/** Weekday rhythm, Sunday first: CPM cheaper at weekends, conversion rate a little higher. */
function buildRhythm(random: Random): Rhythm {
  const wave = (amplitude: number, phase: number): number[] =>
    Array.from({ length: 7 }, (_, weekday) =>
      Math.exp(amplitude * Math.cos(((weekday - phase) * 2 * Math.PI) / 7)),
    );
  return {
    spend: wave(random.uniform(0.02, 0.05), 3),
    cpm: wave(random.uniform(0.05, 0.12), 3),
    ctr: wave(random.uniform(0.01, 0.04), 0),
    cvr: wave(random.uniform(0.03, 0.1), 0),
  };
}
