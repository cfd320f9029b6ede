import type { FindingMessage } from '@/lib/schema/finding-message';
import { message } from '@/lib/anomaly/format';
import type { AccountView, EntityView } from '@/lib/anomaly/account-view';
import type { Candidate, Detect } from '@/lib/anomaly/candidate';
import { defineDetector } from '@/lib/anomaly/candidate';
import { chanceScore, needChance, RAISE } from '@/lib/anomaly/evidence';
import { medianOf, robustScale } from '@/lib/anomaly/robust';
import { weeklyCeilingReached } from './spend';

/**
 * Delivery stopped: an entity that is active (itself, its parents and the account), started, not
 * ended and with budget left delivers nothing. Status explains every other silence (ads-domain.md),
 * and a schedule's planned empty days are learned from the weekday history: a day is judged by how
 * often that weekday, and the entity as a whole, went silent before.
 */

const BASELINE_DAYS = 28;
const MIN_HISTORY_DAYS = 14;
/** Chance of the silent run under the entity's own history of silent days. */
const MAX_CHANCE = 0.005;
/** Below this many impressions on a normal day, a silent day is not news. */
const MIN_TYPICAL_IMPRESSIONS = 50;
/** A lifetime budget spent down to this share has simply run out. */
const LIFETIME_SPENT = 0.97;

export const detectDeliveryStop: Detect = (entity, view, evidence = RAISE) => {
  if (!entity.expectedToDeliver || lifetimeSpent(entity)) return undefined;
  const last = view.asOfIndex;
  const from = silentRunStart(entity, last);
  if (from === undefined || pacedOut(entity, view, from, last)) return undefined;
  const baselineFrom = Math.max(0, entity.startIndex, from - BASELINE_DAYS);
  if (from - baselineFrom < MIN_HISTORY_DAYS) return undefined;
  const history = silenceHistory(entity, view, baselineFrom, from);
  if (!history.deliveredLately || history.typicalImpressions < MIN_TYPICAL_IMPRESSIONS) {
    return undefined;
  }
  let chance = 1;
  for (let day = from; day <= last; day++) chance *= history.silenceChance(view.weekday(day));
  if (chance >= needChance(MAX_CHANCE, evidence)) return undefined;
  return describe(entity, view, from, history, chance);
};

/**
 * Every silent day came after the budget had spent its week's allowance: the entity's budget
 * owner's, or for a campaign whose ad sets own the budgets, each of theirs.
 */
function pacedOut(entity: EntityView, view: AccountView, from: number, last: number): boolean {
  const owners = entity.budgetOwner
    ? [entity.budgetOwner]
    : entity.children.filter((child) => child.ownsBudget);
  if (owners.length === 0) return false;
  for (let day = from; day <= last; day++) {
    if (!owners.every((owner) => weeklyCeilingReached(owner, view, day))) return false;
  }
  return true;
}

function lifetimeSpent(entity: EntityView): boolean {
  const owner = entity.budgetOwner;
  const lifetime = owner?.node?.lifetimeBudgetMinor;
  if (!owner || !lifetime || owner.node?.dailyBudgetMinor) return false;
  const spent = owner.series.spend.reduce((sum, value) => sum + value, 0);
  return spent >= LIFETIME_SPENT * lifetime;
}

function isSilent(entity: EntityView, day: number): boolean {
  return (entity.series.impressions[day] ?? 0) === 0 && (entity.series.spend[day] ?? 0) === 0;
}

function silentRunStart(entity: EntityView, last: number): number | undefined {
  let from = last + 1;
  while (from > 0 && isSilent(entity, from - 1)) from--;
  return from <= last ? from : undefined;
}

interface SilenceHistory {
  readonly deliveredLately: boolean;
  readonly typicalImpressions: number;
  /** Typical spend on a delivering day of this weekday (falls back to all days). */
  typicalSpend(weekday: number): number;
  readonly spendSpread: number;
  /** Smoothed share of silent days on this weekday, shrunk towards the overall share. */
  silenceChance(weekday: number): number;
}

function silenceHistory(
  entity: EntityView,
  view: AccountView,
  from: number,
  to: number,
): SilenceHistory {
  const silentByWeekday = new Array<number>(7).fill(0);
  const daysByWeekday = new Array<number>(7).fill(0);
  const spendByWeekday: number[][] = [[], [], [], [], [], [], []];
  const delivering: number[] = [];
  const impressions: number[] = [];
  let silent = 0;
  for (let day = from; day < to; day++) {
    const weekday = view.weekday(day);
    daysByWeekday[weekday] = (daysByWeekday[weekday] ?? 0) + 1;
    if (isSilent(entity, day)) {
      silent++;
      silentByWeekday[weekday] = (silentByWeekday[weekday] ?? 0) + 1;
      continue;
    }
    const spend = entity.series.spend[day] ?? 0;
    delivering.push(spend);
    spendByWeekday[weekday]?.push(spend);
    impressions.push(entity.series.impressions[day] ?? 0);
  }
  const days = to - from;
  // Laplace-smoothed overall share, then one pseudo-observation of it per weekday.
  const overall = (silent + 0.5) / (days + 1);
  const overallSpend = medianOf(delivering);
  const lastWeek = Math.max(from, to - 7);
  let deliveredLately = false;
  for (let day = lastWeek; day < to; day++) deliveredLately ||= !isSilent(entity, day);
  return {
    deliveredLately,
    typicalImpressions: medianOf(impressions) || 0,
    typicalSpend: (weekday) => {
      const sameDay = spendByWeekday[weekday] ?? [];
      return sameDay.length >= 2 ? medianOf(sameDay) : overallSpend || 0;
    },
    spendSpread: robustScale(delivering.map((value) => value - overallSpend)),
    silenceChance: (weekday) =>
      ((silentByWeekday[weekday] ?? 0) + overall) / ((daysByWeekday[weekday] ?? 0) + 1),
  };
}

function describe(
  entity: EntityView,
  view: AccountView,
  from: number,
  history: SilenceHistory,
  chance: number,
): Candidate {
  const { format } = view;
  const last = view.asOfIndex;
  const days = last - from + 1;
  let usual = 0;
  for (let day = from; day <= last; day++) usual += history.typicalSpend(view.weekday(day));
  const perDay = usual / days;
  const band = 2 * history.spendSpread;
  const owner = entity.budgetOwner;
  const budgetCarriesOn = owner !== undefined && owner !== entity && !isSilent(owner, last);
  const critical = entity.level === 'account' || entity.level === 'campaign' || entity.ownsBudget;
  return {
    kind: 'delivery_stop',
    entity,
    metric: 'spend',
    severity: critical ? 'critical' : 'warning',
    direction: 'down',
    from,
    to: last,
    actual: 0,
    expected: perDay,
    lower: Math.max(0, perDay - band),
    upper: perDay + band,
    score: chanceScore(chance, MAX_CHANCE),
    summary: message(
      entity.level === 'account'
        ? 'findingDeliveryStopAccount'
        : budgetCarriesOn
          ? 'findingDeliveryStopBudgetElsewhere'
          : 'findingDeliveryStop',
      format.plural(days),
      format.date(view.epochDay(from)),
      format.money(perDay),
    ),
    nextStep: nextStepFor(entity, budgetCarriesOn),
    stake: perDay,
  };
}

function nextStepFor(entity: EntityView, budgetCarriesOn: boolean): FindingMessage {
  if (entity.level === 'account') return message('findingDeliveryStopAccountNext');
  if (entity.level === 'ad') {
    return message(
      budgetCarriesOn ? 'findingDeliveryStopAdElsewhereNext' : 'findingDeliveryStopAdNext',
    );
  }
  return message(budgetCarriesOn ? 'findingDeliveryStopSiblingsNext' : 'findingDeliveryStopNext');
}

/** An active entity with budget stops delivering. */
export const deliveryStop = defineDetector('delivery_stop', detectDeliveryStop, {
  // Nothing delivers, so nothing else about it can be the cause.
  explains: [
    'under_delivery',
    'tracking_break',
    'spend_spike',
    'overspend',
    'cpm_surge',
    'creative_fatigue',
    'cpa_shift',
    'roas_shift',
  ],
});
