import { message } from '@/lib/anomaly/format';
import type { AccountView, EntityView } from '@/lib/anomaly/account-view';
import type { Candidate, Detect } from '@/lib/anomaly/candidate';
import { defineDetector } from '@/lib/anomaly/candidate';
import { evidenceScore } from '@/lib/anomaly/evidence';
import { medianOf } from '@/lib/anomaly/robust';
import { sumOver } from '@/lib/anomaly/exposure';

/**
 * Spend against the budget, judged only where the budget is owned (ads-domain.md: under a campaign
 * budget, spend moving between ad sets is the system working). A daily budget is an average: Meta
 * may spend up to 75 % more on one day and keeps the Sunday–Saturday week within 7x the daily
 * budget. So a day at 150 % is normal; a day far beyond 175 %, or a week above 7x, is not.
 */

const DAILY_ALLOWANCE = 1.75;
/** "Far beyond" the allowance: budget edits inside a day and time zones blur the line a little. */
const ALLOWANCE_MARGIN = 1.1;
const WEEKLY_MULTIPLE = 7;
const WEEKLY_MARGIN = 1.05;
/** A spike also breaks with the entity's own last four weeks, so a budget cut cannot look like one. */
const HISTORY_DAYS = 28;
const ABOVE_HISTORY_MAX = 1.5;
/** Without a daily budget (lifetime budgets), a spike is judged on history alone. */
const ABOVE_TYPICAL_WITHOUT_BUDGET = 3;
/** Days a spike stays on the list after it happened. */
const RECENT_DAYS = 3;

export const detectSpendSpike: Detect = (entity, view) => {
  if (!entity.ownsBudget) return undefined;
  const last = view.asOfIndex;
  const firstJudged = Math.max(0, last - RECENT_DAYS + 1);
  for (let day = firstJudged; day <= last; day++) {
    const limit = spikeLimit(entity, day, firstJudged);
    if (limit && (entity.series.spend[day] ?? 0) > limit.threshold) {
      return describeSpike(entity, view, day, limit);
    }
  }
  return undefined;
};

interface SpikeLimit {
  readonly threshold: number;
  readonly typical: number;
  readonly budget: number | undefined;
}

/**
 * The spend on `day` that makes a spike. Its history ends before the days being judged (the first
 * day of a two-day spike must not excuse the second), and with a known budget history each past day
 * counts at today's budget, so a budget cut cannot look like a spike nor a spike hide behind the
 * days before a cut.
 */
function spikeLimit(entity: EntityView, day: number, historyEnd: number): SpikeLimit | undefined {
  const from = Math.max(0, entity.startIndex, day - HISTORY_DAYS);
  if (day - from < 7) return undefined;
  const budget = entity.dailyBudgetOn(day);
  let historyMax = 0;
  for (let d = from; d < Math.min(day, historyEnd); d++) {
    historyMax = Math.max(historyMax, atBudgetOf(entity, d, budget));
  }
  const typical = medianOf(entity.series.spend, from, day);
  if (!(typical > 0)) return undefined;
  const byBudget = budget
    ? DAILY_ALLOWANCE * ALLOWANCE_MARGIN * budget
    : typical * ABOVE_TYPICAL_WITHOUT_BUDGET;
  return { threshold: Math.max(byBudget, ABOVE_HISTORY_MAX * historyMax), typical, budget };
}

/** A past day's spend as if it had run under `budget`, when the budget history says what it had. */
function atBudgetOf(entity: EntityView, day: number, budget: number | undefined): number {
  const spend = entity.series.spend[day] ?? 0;
  const then = entity.dailyBudgetOn(day);
  if (!entity.budgetHistoryKnown || !budget || !then) return spend;
  return (spend * budget) / then;
}

function describeSpike(
  entity: EntityView,
  view: AccountView,
  from: number,
  limit: SpikeLimit,
): Candidate {
  const { format } = view;
  const last = view.asOfIndex;
  let to = from;
  let peakDay = from;
  for (let day = from + 1; day <= last; day++) {
    const spend = entity.series.spend[day] ?? 0;
    if (spend <= (limit.budget ? DAILY_ALLOWANCE * limit.budget : limit.threshold)) break;
    to = day;
    if (spend > (entity.series.spend[peakDay] ?? 0)) peakDay = day;
  }
  const peak = entity.series.spend[peakDay] ?? 0;
  const budget = limit.budget;
  const multiple = peak / (budget ?? limit.typical);
  const critical = budget ? multiple > 2.5 : multiple > 2 * ABOVE_TYPICAL_WITHOUT_BUDGET;
  const on = format.date(view.epochDay(peakDay));
  return {
    kind: 'spend_spike',
    entity,
    metric: 'spend',
    severity: critical ? 'critical' : 'warning',
    direction: 'up',
    from,
    to,
    actual: peak,
    expected: limit.typical,
    lower: 0,
    upper: budget ? DAILY_ALLOWANCE * budget : limit.threshold,
    score: evidenceScore(peak / limit.threshold, 1),
    summary: budget
      ? message(
          'findingSpendSpikeBudget',
          format.money(peak),
          on,
          format.decimal(multiple),
          format.money(budget),
          format.money(DAILY_ALLOWANCE * budget),
        )
      : message(
          'findingSpendSpike',
          format.money(peak),
          on,
          format.decimal(multiple),
          format.money(limit.typical),
        ),
    nextStep: budget
      ? message('findingSpendSpikeBudgetNext', format.money(WEEKLY_MULTIPLE * budget))
      : message('findingSpendSpikeNext'),
    stake: peak - limit.typical,
  };
}

/** A week this close to its ceiling leaves the rest of it little or nothing to deliver. */
const WEEKLY_CEILING_REACHED = 0.9;

/**
 * Whether the budget owner had spent its week's allowance (7x today's daily budget) before `day`:
 * after a budget cut mid-week, Meta delivers little or nothing until Sunday, which is pacing, not
 * a stop or an under-delivery.
 */
export function weeklyCeilingReached(owner: EntityView, view: AccountView, day: number): boolean {
  const budget = owner.dailyBudgetOn(day);
  if (!budget) return false;
  const spent = sumOver(owner.series.spend, day - view.weekday(day), day - 1);
  return spent >= WEEKLY_CEILING_REACHED * WEEKLY_MULTIPLE * budget;
}

/**
 * The calendar week containing the last day, and on Sunday and Monday also the week just ended,
 * against the weekly ceiling of 7x the daily budget.
 */
export const detectOverspend: Detect = (entity, view) => {
  if (!entity.ownsBudget) return undefined;
  const last = view.asOfIndex;
  const weekStart = last - view.weekday(last);
  const weeks = view.weekday(last) <= 1 ? [weekStart, weekStart - 7] : [weekStart];
  for (const start of weeks) {
    const found = overspentWeek(entity, view, start);
    if (found) return found;
  }
  return undefined;
};

function overspentWeek(
  entity: EntityView,
  view: AccountView,
  weekStart: number,
): Candidate | undefined {
  const last = view.asOfIndex;
  const weekEnd = Math.min(last, weekStart + 6);
  if (weekStart < 0 || weekStart < entity.startIndex) return undefined;
  let ceiling = 0;
  for (let day = weekStart; day <= weekStart + 6; day++) {
    const budget = entity.dailyBudgetOn(Math.min(day, last));
    if (!budget) return undefined;
    ceiling += budget;
  }
  const spent = sumOver(entity.series.spend, weekStart, weekEnd);
  if (spent <= WEEKLY_MARGIN * ceiling || !budgetFitsHistory(entity, weekStart, weekEnd))
    return undefined;
  if (spent - spikeExcess(entity, weekStart, weekEnd) <= WEEKLY_MARGIN * ceiling) return undefined;
  let from = weekStart;
  while (
    from < weekEnd &&
    (entity.series.spend[from] ?? 0) <= 1.2 * (entity.dailyBudgetOn(from) ?? 0)
  ) {
    from++;
  }
  const { format } = view;
  const budget = entity.dailyBudgetOn(weekEnd) ?? ceiling / WEEKLY_MULTIPLE;
  return {
    kind: 'overspend',
    entity,
    metric: 'spend',
    severity: spent > 1.25 * ceiling ? 'critical' : 'warning',
    direction: 'up',
    from,
    to: weekEnd,
    actual: spent,
    expected: ceiling,
    lower: 0,
    upper: ceiling,
    score: evidenceScore(spent / ceiling - 1, WEEKLY_MARGIN - 1),
    summary: message(
      weekEnd < weekStart + 6 ? 'findingOverspendSoFar' : 'findingOverspend',
      format.date(view.epochDay(weekStart)),
      format.money(spent),
      format.money(ceiling),
      format.money(budget),
    ),
    nextStep: message('findingOverspendNext'),
    stake: (spent - ceiling) / (weekEnd - weekStart + 1),
  };
}

/**
 * What spike days (beyond the daily allowance) spent above the daily budget: when the week is only
 * over its ceiling because of them, the spike's finding tells it and names the weekly ceiling.
 */
function spikeExcess(entity: EntityView, from: number, to: number): number {
  let excess = 0;
  for (let day = from; day <= to; day++) {
    const budget = entity.dailyBudgetOn(day) ?? Number.POSITIVE_INFINITY;
    const spend = entity.series.spend[day] ?? 0;
    if (spend > DAILY_ALLOWANCE * budget) excess += spend - budget;
  }
  return excess;
}

/**
 * Without a known budget history, today's budget is assumed for the whole week. That only holds if
 * the weeks before spent like it and no day of the week spent beyond its allowance (a spike is the
 * spike's finding), or a recent budget cut would read as overspend.
 */
function budgetFitsHistory(entity: EntityView, weekStart: number, weekEnd: number): boolean {
  if (entity.budgetHistoryKnown) return true;
  const from = Math.max(0, entity.startIndex, weekStart - HISTORY_DAYS);
  const budget = entity.dailyBudgetOn(weekStart) ?? 0;
  const typical = medianOf(entity.series.spend, from, weekStart);
  let withinAllowance = true;
  for (let day = weekStart; day <= weekEnd; day++) {
    withinAllowance &&= (entity.series.spend[day] ?? 0) <= DAILY_ALLOWANCE * budget;
  }
  return budget > 0 && !(typical > 1.1 * budget) && withinAllowance;
}

/** A day's spend far beyond the daily allowance (1.75x budget) and its own history. */
export const spendSpike = defineDetector('spend_spike', detectSpendSpike, {
  // A spike is what pushed the week over its ceiling.
  explains: ['overspend'],
});

/** A calendar week (Sunday–Saturday) spending above 7x the daily budget. */
export const overspend = defineDetector('overspend', detectOverspend);
