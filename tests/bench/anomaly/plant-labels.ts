import type { FindingKind } from '@/lib/anomaly';
import { minorPerCent } from './build-structure';
import type { Random } from '../../support/random';
import {
  DAYS,
  EVAL_FROM,
  adsUnder,
  budgetOn,
  budgetOwnerOf,
  descendants,
  type Effect,
  type Label,
  type Level,
  type WorldEntity,
} from './world-types';

/**
 * Planted problems, the ground truth. Each goes on an entity that has delivered steadily for weeks,
 * in a budget scope where nothing else (launch, pause, budget edit) happens around it, and in a
 * subtree no other label touches, so every label has exactly one cause. Each starts at least ten
 * days before the last day, so a detector has the time a media buyer would give it.
 */

const NEVER = Number.POSITIVE_INFINITY;
/** Nothing else may move in the target's budget scope from this many days before the start. */
const QUIET_DAYS = 40;
const STEADY_DAYS = 50;

export type Wish = readonly [FindingKind, readonly ('owner' | Level)[]];

/** What a general account gets planted, broadest levels first. */
export const GENERAL_WISHES: readonly Wish[] = [
  ['tracking_break', ['campaign', 'adset', 'ad']],
  ['cpa_shift', ['adset', 'campaign']],
  ['roas_shift', ['adset', 'campaign']],
  ['spend_spike', ['owner']],
  ['overspend', ['owner']],
  ['under_delivery', ['owner']],
  ['cpm_surge', ['adset', 'ad', 'campaign']],
  ['delivery_stop', ['adset', 'ad', 'campaign']],
  ['delivery_stop', ['ad', 'adset']],
  ['creative_fatigue', ['ad']],
  ['creative_fatigue', ['ad', 'adset']],
  ['creative_fatigue', ['ad']],
  ['under_delivery', ['owner']],
  ['cpa_shift', ['campaign', 'adset']],
];

interface Volume {
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
}

export function plantLabels(
  random: Random,
  accountId: string,
  currency: string,
  entities: readonly WorldEntity[],
  wishes: readonly Wish[],
): Label[] {
  const covered = new Set<WorldEntity>();
  const labels: Label[] = [];
  for (const [kind, levels] of wishes) {
    const startDay = random.int(EVAL_FROM + 3, DAYS - 11);
    const candidates = levels.flatMap((level) =>
      entities.filter(
        (e) =>
          (level === 'owner' ? ownsDailyBudget(e) : e.level === level) &&
          !covered.has(e) &&
          steadyAndQuiet(e, startDay) &&
          bigEnough(kind, volumeOf(e, startDay), currency),
      ),
    );
    if (candidates.length === 0) continue;
    const target = random.pick(candidates);
    const effect = effectFor(kind, startDay, random);
    target.effects.push(effect);
    for (let e: WorldEntity | undefined = target; e; e = e.parent) covered.add(e);
    for (const below of descendants(target)) covered.add(below);
    labels.push({
      kind,
      accountId,
      entityId: target.id,
      level: target.level,
      startDay,
      endDay: Math.min(DAYS - 1, effect.endDay),
    });
  }
  return labels;
}

/** An account-wide problem: every ad carries it. */
export function accountEffect(kind: FindingKind, random: Random): Effect {
  const startDay = random.int(EVAL_FROM + 3, DAYS - 11);
  const magnitude = kind === 'cpm_surge' ? random.uniform(1.35, 1.5) : 0;
  return { kind, startDay, endDay: NEVER, magnitude };
}

function effectFor(kind: FindingKind, startDay: number, random: Random): Effect {
  const lasting = (days: number, magnitude: number): Effect => ({
    kind,
    startDay,
    endDay: startDay + days - 1,
    magnitude,
  });
  const ongoing = (magnitude: number): Effect => ({ kind, startDay, endDay: NEVER, magnitude });
  switch (kind) {
    case 'tracking_break':
      return random.chance(0.5) ? ongoing(0) : lasting(random.int(4, 9), 0);
    case 'delivery_stop':
      return ongoing(0);
    case 'spend_spike':
      return lasting(random.int(1, 2), random.uniform(2.8, 4));
    case 'overspend':
      return lasting(random.int(5, 8), random.uniform(1.45, 1.6));
    case 'under_delivery':
      return ongoing(random.uniform(0.35, 0.5));
    case 'cpm_surge':
      return ongoing(random.uniform(1.6, 2.2));
    case 'creative_fatigue':
      return ongoing(random.uniform(0.045, 0.065));
    case 'cpa_shift':
      return ongoing(random.uniform(0.4, 0.55));
    case 'roas_shift':
      return ongoing(random.chance(0.2) ? 0 : random.uniform(0.45, 0.6));
  }
}

function ownsDailyBudget(entity: WorldEntity): boolean {
  return entity.budget !== undefined;
}

function steadyAndQuiet(target: WorldEntity, startDay: number): boolean {
  for (let e: WorldEntity | undefined = target; e; e = e.parent) {
    if (e.startDay > startDay - STEADY_DAYS || e.pauseDay !== NEVER || e.endDay !== NEVER) {
      return false;
    }
  }
  const owner = budgetOwnerOf(target);
  const scope = owner && isAncestorOrSelf(owner, target) ? owner : target;
  const since = startDay - QUIET_DAYS;
  return [scope, ...descendants(scope)].every(
    (e) =>
      (e.startDay < since || e.startDay > DAYS) &&
      (e.pauseDay === NEVER || e.pauseDay < since) &&
      (e.budget ?? []).every((segment) => segment.fromDay < since),
  );
}

function isAncestorOrSelf(ancestor: WorldEntity, entity: WorldEntity): boolean {
  for (let e: WorldEntity | undefined = entity; e; e = e.parent) if (e === ancestor) return true;
  return false;
}

function bigEnough(kind: FindingKind, volume: Volume, currency: string): boolean {
  switch (kind) {
    case 'tracking_break':
      return volume.conversions >= 2;
    case 'delivery_stop':
      return volume.impressions >= 300;
    case 'spend_spike':
    case 'overspend':
    case 'under_delivery':
      return volume.spend >= 1500 * minorPerCent(currency);
    case 'cpm_surge':
      return volume.impressions >= 2000;
    case 'creative_fatigue':
      return volume.impressions >= 3000 && volume.clicks >= 30;
    case 'cpa_shift':
    case 'roas_shift':
      return volume.conversions >= 3;
  }
}

/** What an entity delivers on an ordinary day, from budgets, shares and its ads' rates. */
function volumeOf(entity: WorldEntity, day: number): Volume {
  const volume: Volume = { spend: 0, impressions: 0, clicks: 0, conversions: 0 };
  for (const ad of adsUnder(entity)) {
    const rates = ad.rates;
    const spend = expectedSpend(ad, day);
    if (!rates || spend <= 0) continue;
    const impressions = (spend / rates.cpmMinor) * 1000;
    const clicks = impressions * rates.ctr;
    volume.spend += spend;
    volume.impressions += impressions;
    volume.clicks += clicks;
    volume.conversions += clicks * rates.linkShare * rates.cvr;
  }
  return volume;
}

function delivers(entity: WorldEntity, day: number): boolean {
  for (let e: WorldEntity | undefined = entity; e; e = e.parent) {
    if (day < e.startDay || day >= e.pauseDay || day > e.endDay) return false;
  }
  return true;
}

function expectedSpend(entity: WorldEntity, day: number): number {
  if (!delivers(entity, day)) return 0;
  if (entity.budget) return 0.9 * budgetOn(entity.budget, day);
  if (entity.lifetimePace !== undefined) return (entity.lifetimePace * 5) / 7;
  const parent = entity.parent;
  if (!parent) return entity.children.reduce((sum, child) => sum + expectedSpend(child, day), 0);
  const siblings = parent.children.filter((sibling) => delivers(sibling, day));
  const weights = siblings.reduce((sum, sibling) => sum + sibling.weight, 0);
  return weights > 0 ? (expectedSpend(parent, day) * entity.weight) / weights : 0;
}
