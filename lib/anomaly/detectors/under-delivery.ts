import { message } from '@/lib/anomaly/format';
import type { AccountView, EntityView } from '@/lib/anomaly/account-view';
import type { Candidate, Detect } from '@/lib/anomaly/candidate';
import { defineDetector } from '@/lib/anomaly/candidate';
import { RAISE, evidenceScore, needEffect, needZ } from '@/lib/anomaly/evidence';
import { MAD_TO_SD, medianOf } from '@/lib/anomaly/robust';
import { weeklyCeilingReached } from './spend';

/**
 * Persistent under-delivery: a budget owner that used to spend its daily budget spends well below
 * it for days in a row, and below what it used to spend. Utilisation is spend over budget and the
 * account's weekday spend rhythm, so budget changes (known from the history) and quiet weekends do
 * not count, nor does a raise the auction does not absorb, nor a week whose allowance is spent. Owners in learning are
 * left alone (a new or re-edited ad set ramps up), and so are scheduled ones, whose empty hours are
 * the plan.
 */

const LOW_UTILISATION = 0.6;
const MIN_USUAL_UTILISATION = 0.75;
/** The recent level must be this far below the usual one. */
const MAX_SHARE_OF_USUAL = 0.7;
const MIN_DAYS = 3;
const BASELINE_DAYS = 28;
const MIN_BASELINE_DAYS = 14;
const MIN_Z = 4;

export const detectUnderDelivery: Detect = (entity, view, evidence = RAISE) => {
  const planned = entity.node?.hasSchedule === true;
  if (!entity.ownsBudget || !entity.expectedToDeliver || entity.learningNow || planned) {
    return undefined;
  }
  const last = view.asOfIndex;
  if (weeklyCeilingReached(entity, view, last)) return undefined;
  const utilisation = (day: number): number => {
    const budget = entity.dailyBudgetOn(day);
    const rhythm = view.profile.spend[view.weekday(day)] ?? 1;
    return budget ? (entity.series.spend[day] ?? 0) / (budget * rhythm) : Number.NaN;
  };
  let from = last + 1;
  const low = needEffect(LOW_UTILISATION, evidence);
  while (from > 0 && utilisation(from - 1) < low) from--;
  const days = last - from + 1;
  if (days < MIN_DAYS) return undefined;

  const usual: number[] = [];
  for (let day = Math.max(0, entity.startIndex, from - BASELINE_DAYS); day < from; day++) {
    const value = utilisation(day);
    if (entity.learningDays[day] !== 1 && Number.isFinite(value)) usual.push(value);
  }
  if (usual.length < MIN_BASELINE_DAYS) return undefined;
  const usualLevel = medianOf(usual);
  const spread = Math.max(0.03, MAD_TO_SD * medianOf(usual.map((v) => Math.abs(v - usualLevel))));
  let recentSum = 0;
  for (let day = from; day <= last; day++) recentSum += utilisation(day);
  const recent = recentSum / days;
  const z = (recent - usualLevel) / (spread / Math.sqrt(days));
  if (
    usualLevel < MIN_USUAL_UTILISATION ||
    !spendFell(entity, view, from, needEffect(MAX_SHARE_OF_USUAL, evidence)) ||
    recent > needEffect(MAX_SHARE_OF_USUAL, evidence) * usualLevel ||
    z > -needZ(MIN_Z, evidence)
  ) {
    return undefined;
  }
  return describe(entity, view, from, { usualLevel, recent, spread, z });
};

/**
 * Spend itself below its usual daily level, weekday rhythm aside: a budget raised that the auction
 * does not absorb lowers the share spent, but nothing was lost that used to be delivered.
 */
function spendFell(entity: EntityView, view: AccountView, from: number, maxShare: number): boolean {
  const last = view.asOfIndex;
  const perRhythm = (day: number): number =>
    (entity.series.spend[day] ?? 0) / (view.profile.spend[view.weekday(day)] ?? 1);
  const usual: number[] = [];
  for (let day = Math.max(0, entity.startIndex, from - BASELINE_DAYS); day < from; day++) {
    if (entity.learningDays[day] !== 1) usual.push(perRhythm(day));
  }
  let recent = 0;
  for (let day = from; day <= last; day++) recent += perRhythm(day);
  return recent / (last - from + 1) <= maxShare * medianOf(usual);
}

function describe(
  entity: EntityView,
  view: AccountView,
  from: number,
  level: { usualLevel: number; recent: number; spread: number; z: number },
): Candidate {
  const { format } = view;
  const last = view.asOfIndex;
  const days = last - from + 1;
  const budget = entity.dailyBudgetOn(last) ?? 0;
  let spent = 0;
  let deliverable = 0;
  for (let day = from; day <= last; day++) {
    spent += entity.series.spend[day] ?? 0;
    deliverable += (entity.dailyBudgetOn(day) ?? 0) * (view.profile.spend[view.weekday(day)] ?? 1);
  }
  const expected = (level.usualLevel * deliverable) / days;
  const band = (2 * level.spread * deliverable) / days / Math.sqrt(days);
  return {
    kind: 'under_delivery',
    entity,
    metric: 'spend',
    severity: 'warning',
    direction: 'down',
    from,
    to: last,
    actual: spent / days,
    expected,
    lower: Math.max(0, expected - band),
    upper: expected + band,
    score: evidenceScore(level.z, MIN_Z),
    summary: message(
      'findingUnderDelivery',
      format.percent(level.recent),
      format.money(budget),
      format.plural(days),
      format.percent(level.usualLevel),
    ),
    nextStep: message('findingUnderDeliveryNext'),
    stake: expected - spent / days,
  };
}

/** Spending well below the daily budget for days, after having spent it. */
export const underDelivery = defineDetector('under_delivery', detectUnderDelivery);
