import type { EntityView } from './account-view';
import { medianOf } from './robust';

/**
 * The learning phase (ads-domain.md): after launch or a significant edit (budget, bid, targeting,
 * creative) an ad set explores for about a week and its metrics swing. Days spent learning are
 * kept out of baselines, and findings on them are said at info level at most.
 */

/** Days an ad set explores after launch or a significant edit. */
export const LEARNING_DAYS = 7;
/** Children in learning carrying this share of spend put their parent in learning. */
const LEARNING_SPEND_SHARE = 0.5;
/** A budget change of this size resets learning. */
const SIGNIFICANT_BUDGET_CHANGE = 0.3;
/** How far back an unlogged budget edit is looked for: beyond that its learning is over anyway. */
const INFERENCE_DAYS = 42;
/** A step in spend level this large, either way, can only be a budget edit or a problem. */
const INFERRED_STEP = 1 + SIGNIFICANT_BUDGET_CHANGE;
/** The week before a step must sit this close to the month before it: a level held for weeks. */
const HELD = 1.2;
/** Spend per budget that fits the budget it runs under (outside it, the budget must differ). */
const FITTING_UTILISATION: readonly [number, number] = [0.5, 1.4];

type LearningSubject = Pick<
  EntityView,
  | 'level'
  | 'parent'
  | 'series'
  | 'startIndex'
  | 'ownsBudget'
  | 'budgetHistoryKnown'
  | 'dailyBudgetOn'
>;

/**
 * Days after launch and after significant budget edits, on the ad set and inherited by its ads.
 * A CBO campaign's edits reset the learning of every ad set under it.
 */
export function learningDaysOf(view: LearningSubject, length: number): Uint8Array {
  const days = new Uint8Array(length);
  if (view.level === 'account') return days;
  if (view.startIndex > -LEARNING_DAYS) markLearning(days, view.startIndex);
  for (const editIndex of significantBudgetEdits(view, length)) markLearning(days, editIndex);
  const parentDays = view.parent?.learningDays;
  if (parentDays && view.parent?.level !== 'account') {
    for (let i = 0; i < days.length; i++) days[i] = (days[i] ?? 0) | (parentDays[i] ?? 0);
  }
  return days;
}

function markLearning(days: Uint8Array, from: number): void {
  days.fill(1, Math.max(0, from), Math.min(days.length, from + LEARNING_DAYS));
}

function significantBudgetEdits(view: LearningSubject, length: number): number[] {
  if (!view.ownsBudget) return [];
  if (!view.budgetHistoryKnown) return inferredBudgetEdit(view, length);
  const edits: number[] = [];
  for (let index = 1; index < length; index++) {
    const before = view.dailyBudgetOn(index - 1);
    const after = view.dailyBudgetOn(index);
    if (before && after && Math.abs(after / before - 1) >= SIGNIFICANT_BUDGET_CHANGE) {
      edits.push(index);
    }
  }
  return edits;
}

/**
 * Without a budget log, the latest significant edit still shows in the spend: a lasting step from
 * a level held for weeks to one that fits today's budget. Under-delivery and spikes do not fit the
 * budget afterwards, and a recovery from under-delivery steps up from a level held only for days,
 * so none of them is mistaken for an edit.
 */
function inferredBudgetEdit(view: LearningSubject, length: number): number[] {
  const last = length - 1;
  const budget = view.dailyBudgetOn(last);
  if (!budget) return [];
  const spend = view.series.spend;
  const fits = (level: number): boolean =>
    level >= FITTING_UTILISATION[0] * budget && level <= FITTING_UTILISATION[1] * budget;
  const earliest = Math.max(view.startIndex + LEARNING_DAYS, 7, last - INFERENCE_DAYS);
  for (let day = last; day >= earliest; day--) {
    const before = medianOf(spend, day - 7, day);
    const after = medianOf(spend, day, Math.min(day + 3, last + 1));
    const held = before / medianOf(spend, day - 28, day);
    const step = after / before;
    const stepped = step >= INFERRED_STEP || step <= 1 / INFERRED_STEP;
    if (before > 0 && stepped && fits(after) && held > 1 / HELD && held < HELD) return [day];
  }
  return [];
}

/**
 * A campaign (or account) whose spend mostly goes through learning ad sets swings with them: it is
 * learning on the days when learning children carry at least half of its spend, and now when
 * they carry half of the latest day's.
 */
export function learningThroughChildren(view: EntityView): boolean {
  if (view.children.length === 0) return false;
  const days = view.learningDays;
  for (let day = 0; day < days.length; day++) {
    let learning = 0;
    let total = 0;
    for (const child of view.children) {
      const spend = child.series.spend[day] ?? 0;
      total += spend;
      if (child.learningDays[day] === 1) learning += spend;
    }
    if (total > 0 && learning >= LEARNING_SPEND_SHARE * total) days[day] = 1;
  }
  const last = days.length - 1;
  const spendNow = (child: EntityView): number => child.series.spend[last] ?? 0;
  const total = view.children.reduce((sum, child) => sum + spendNow(child), 0);
  const learning = view.children
    .filter((child) => child.learningNow)
    .reduce((sum, child) => sum + spendNow(child), 0);
  return total > 0 && learning >= LEARNING_SPEND_SHARE * total;
}

/**
 * Whether the days judged include learning (after launch or a significant edit), when metrics swing
 * widely: findings then need a larger effect and are said at info level, never louder.
 */
export function learningWithin(entity: EntityView, from: number, to: number): boolean {
  if (entity.learningNow) return true;
  for (let day = Math.max(0, from); day <= to; day++)
    if (entity.learningDays[day] === 1) return true;
  return false;
}
