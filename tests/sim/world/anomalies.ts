import { dateOfEpochDay } from './calendar';
import { createRandom, type Random } from '../../support/random';
import type { AccountPlan, PlannedEntity } from './structure';
import type { AnomalyKind, Level, PlantedAnomaly } from './types';

/**
 * Planted anomalies: the ground truth a detector is scored against. Each one is placed on a steady,
 * long-running, active sales entity in the last two weeks, in a subtree no other anomaly touches, so
 * every label has exactly one cause.
 */

const NEVER = Number.POSITIVE_INFINITY;

export interface AnomalyEffect {
  readonly kind: AnomalyKind;
  readonly startDay: number;
  /** Inclusive; NEVER while ongoing. */
  readonly endDay: number;
}

/** How an effect changes an ad's day, as multipliers on its normal behaviour. */
export interface DayFactors {
  spend: number;
  cpm: number;
  ctr: number;
  frequency: number;
  cvr: number;
}

const UNAFFECTED: Readonly<DayFactors> = { spend: 1, cpm: 1, ctr: 1, frequency: 1, cvr: 1 };

export function factorsOn(
  effects: readonly AnomalyEffect[] | undefined,
  day: number,
): Readonly<DayFactors> {
  if (!effects) return UNAFFECTED;
  const factors: DayFactors = { spend: 1, cpm: 1, ctr: 1, frequency: 1, cvr: 1 };
  for (const effect of effects) {
    if (day < effect.startDay || day > effect.endDay) continue;
    const age = day - effect.startDay;
    switch (effect.kind) {
      case 'spend_spike':
        factors.spend *= 3.5;
        break;
      case 'delivery_stop':
        factors.spend = 0;
        break;
      case 'cpm_surge':
        factors.cpm *= 2.2;
        break;
      case 'creative_fatigue':
        factors.ctr *= Math.max(0.35, 1 - 0.055 * (age + 1));
        factors.frequency *= 1 + 0.1 * (age + 1);
        factors.cpm *= 1 + 0.02 * (age + 1);
        break;
      case 'tracking_break':
        factors.cvr = 0;
        break;
      case 'cpa_jump':
        factors.cvr *= 0.35;
        break;
    }
  }
  return factors;
}

const DESCRIPTIONS: Readonly<Record<AnomalyKind, string>> = {
  spend_spike: 'Spend jumps to about 3.5x its usual level; CPM, CTR and CPA hold.',
  delivery_stop: 'Delivery stops (no spend, no impressions) while the entity stays ACTIVE.',
  cpm_surge: 'CPM rises to about 2.2x at the same spend, so impressions and clicks fall.',
  creative_fatigue:
    'Creative fatigue: frequency climbs about 10 % a day while CTR decays about 5.5 % a day.',
  tracking_break:
    'Conversion tracking breaks: purchases and purchase value drop to zero while spend, impressions and clicks carry on.',
  cpa_jump: 'Conversion rate falls to about 35 %, so CPA roughly triples at unchanged traffic.',
};

/** When each kind starts (days before today) and how long it lasts (undefined = ongoing). */
function timing(kind: AnomalyKind, random: Random): { daysAgo: number; duration?: number } {
  switch (kind) {
    case 'spend_spike':
      return { daysAgo: random.int(2, 9), duration: random.int(1, 2) };
    case 'delivery_stop':
      return { daysAgo: random.int(2, 6) };
    case 'cpm_surge':
      return { daysAgo: random.int(3, 10) };
    case 'creative_fatigue':
      return { daysAgo: random.int(10, 13) };
    case 'tracking_break':
      return { daysAgo: random.int(2, 7) };
    case 'cpa_jump':
      return { daysAgo: random.int(3, 9) };
  }
}

export interface PlantedAnomalies {
  readonly labels: PlantedAnomaly[];
  /** Effects per ad row: the ads of a planted entity's subtree carry its effect. */
  readonly effectsByAd: Map<number, AnomalyEffect[]>;
}

const LEVEL_ORDER: readonly Level[] = ['campaign', 'adset', 'ad'];

export function plantAnomalies(
  seed: number,
  accountIndex: number,
  plan: AccountPlan,
  wanted: readonly (readonly [AnomalyKind, Level])[],
): PlantedAnomalies {
  const random = createRandom(seed, `anomalies:${accountIndex}`);
  const labels: PlantedAnomaly[] = [];
  const effectsByAd = new Map<number, AnomalyEffect[]>();
  const planted = new Set<PlannedEntity>();
  /** Planted targets and their ancestors: no second anomaly may cover them. */
  const covered = new Set<PlannedEntity>();
  const ordered = [...wanted].sort((a, b) => LEVEL_ORDER.indexOf(a[1]) - LEVEL_ORDER.indexOf(b[1]));
  for (const [kind, level] of ordered) {
    const target = pickTarget(plan, kind, level, { planted, covered }, random);
    planted.add(target);
    for (let e: PlannedEntity | undefined = target; e; e = e.parent) covered.add(e);
    const { daysAgo, duration } = timing(kind, random);
    const startDay = plan.todayIndex - daysAgo;
    const endDay = duration === undefined ? NEVER : startDay + duration - 1;
    for (const ad of adsUnder(target)) {
      const list = effectsByAd.get(ad.row) ?? [];
      list.push({ kind, startDay, endDay });
      effectsByAd.set(ad.row, list);
    }
    labels.push({
      kind,
      accountId: plan.account.accountId,
      level,
      entityId: target.id,
      startDate: dateOfEpochDay(plan.firstEpochDay + startDay),
      ...(Number.isFinite(endDay) ? { endDate: dateOfEpochDay(plan.firstEpochDay + endDay) } : {}),
      description: DESCRIPTIONS[kind],
    });
  }
  return { labels, effectsByAd };
}

function pickTarget(
  plan: AccountPlan,
  kind: AnomalyKind,
  level: Level,
  taken: {
    readonly planted: ReadonlySet<PlannedEntity>;
    readonly covered: ReadonlySet<PlannedEntity>;
  },
  random: Random,
): PlannedEntity {
  const pool = level === 'campaign' ? plan.campaigns : level === 'adset' ? plan.adsets : plan.ads;
  const candidates = pool
    .filter(
      (e) =>
        !taken.covered.has(e) &&
        !hasPlantedAncestor(e, taken.planted) &&
        deliversSteadily(e, plan) &&
        inQuietBudget(e, plan),
    )
    .map((e) => ({ entity: e, volume: expectedVolume(e, kind) }))
    .sort((a, b) => b.volume - a.volume);
  // The busiest tenth: an anomaly on an entity that barely spends is noise, not a test case.
  const busiest = candidates.slice(0, Math.max(1, Math.ceil(candidates.length / 10)));
  if (busiest.length === 0) {
    throw new Error(`No steady ${level} left in account ${plan.account.accountId} to plant on`);
  }
  return random.pick(busiest).entity;
}

function hasPlantedAncestor(entity: PlannedEntity, planted: ReadonlySet<PlannedEntity>): boolean {
  for (let e = entity.parent; e; e = e.parent) if (planted.has(e)) return true;
  return false;
}

/** Days before today in which nothing in a target's campaign may launch, stop or change budget. */
const QUIET_DAYS = 35;

/**
 * Nothing else moves lately under the budget that feeds the target (its campaign with a campaign
 * budget, else its ad set), so the label is the only cause of change in its numbers.
 */
function inQuietBudget(entity: PlannedEntity, plan: AccountPlan): boolean {
  const campaign =
    entity.level === 'campaign'
      ? entity
      : entity.level === 'adset'
        ? entity.parent
        : entity.parent?.parent;
  const adset = entity.level === 'ad' ? entity.parent : entity;
  const scope = entity.level === 'campaign' || campaign?.budget ? campaign : adset;
  if (!scope) return false;
  const since = plan.todayIndex - QUIET_DAYS;
  const quiet = (e: PlannedEntity): boolean =>
    (e.startDay < since || e.deliveryStart === NEVER) &&
    (e.deliveryStop === NEVER || e.deliveryStop < since) &&
    (e.budget?.segments.every((segment) => segment.fromDay < since) ?? true) &&
    e.children.every(quiet);
  return quiet(scope);
}

/** Active sales delivery for at least 60 days before today with nothing scheduled to stop it. */
function deliversSteadily(entity: PlannedEntity, plan: AccountPlan): boolean {
  const ownOk =
    entity.effectiveStatus === 'ACTIVE' &&
    entity.objective === 'OUTCOME_SALES' &&
    entity.deliveryStart <= plan.todayIndex - 60 &&
    entity.deliveryStop === NEVER;
  if (!ownOk) return false;
  return entity.level === 'ad' || entity.children.some((child) => deliversSteadily(child, plan));
}

/** Expected daily purchases for conversion anomalies, expected daily spend for the others. */
function expectedVolume(entity: PlannedEntity, kind: AnomalyKind): number {
  const spend = expectedDailySpend(entity);
  if (kind !== 'tracking_break' && kind !== 'cpa_jump') return spend;
  const { cpmMinor, ctr, linkShare, cvr } = entity.rates;
  return (spend / cpmMinor) * 1000 * ctr * linkShare * cvr;
}

function expectedDailySpend(entity: PlannedEntity): number {
  if (entity.budget) return entity.budget.segments.at(-1)?.dailyMinor ?? 0;
  const parent = entity.parent;
  if (!parent) return entity.children.reduce((sum, child) => sum + expectedDailySpend(child), 0);
  const running = parent.children.filter((sibling) => sibling.deliveryStop === NEVER);
  const siblingsWeight = running.reduce((sum, sibling) => sum + sibling.weight, 0);
  return (expectedDailySpend(parent) * entity.weight) / siblingsWeight;
}

function adsUnder(entity: PlannedEntity): PlannedEntity[] {
  return entity.level === 'ad' ? [entity] : entity.children.flatMap(adsUnder);
}
