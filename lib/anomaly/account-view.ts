import { dateOfEpochDay, epochDayOrNaN, epochDayParser, weekdayOfEpochDay } from './dates';
import { formatterFor, type Formatter } from './format';
import {
  DEFAULT_CONVERSION_COMPLETENESS,
  type AccountInput,
  type BudgetChange,
  type DailyRow,
  type DetectOptions,
  type EntityNode,
  type FindingLevel,
} from './types';
import { LEARNING_DAYS, learningDaysOf, learningThroughChildren } from './learning';
import { estimateWeeklyProfile, type WeeklyProfile } from './weekly-profile';

/**
 * The account as the detectors see it: every entity with dense day-indexed columns (index 0 = the
 * first day of known history, the last index = `asOf`), its place in the tree, who owns its budget,
 * whether it is allowed to deliver and which of its days were spent learning.
 */

/** Enough for a 4-week baseline behind a 6-week-old problem, plus weekly profiles. */
const MAX_HISTORY_DAYS = 120;
/** Graph `account_status` values that deliver: active and in grace period. */
const DELIVERING_ACCOUNT_STATUSES: ReadonlySet<number> = new Set([1, 9]);

export interface SeriesColumns {
  readonly spend: Float64Array;
  readonly impressions: Float64Array;
  readonly reach: Float64Array;
  readonly clicks: Float64Array;
  readonly linkClicks: Float64Array;
  readonly conversions: Float64Array;
  readonly value: Float64Array;
}

export interface EntityView {
  readonly id: string;
  readonly level: FindingLevel;
  readonly node: EntityNode | undefined;
  readonly parent: EntityView | undefined;
  readonly children: EntityView[];
  readonly series: SeriesColumns;
  /** True when this entity carries the budget (a CBO campaign or an ad set of an ABO campaign). */
  readonly ownsBudget: boolean;
  /** Its own entity when it owns the budget, else the ancestor that does. */
  readonly budgetOwner: EntityView | undefined;
  /** Daily budget in effect on a day, when a daily budget is known. */
  readonly dailyBudgetOn: (index: number) => number | undefined;
  /** Whether the daily budget comes from a known history rather than today's value. */
  readonly budgetHistoryKnown: boolean;
  /** Index of the first day it could deliver; negative or 0 when it predates the history. */
  readonly startIndex: number;
  /** 1 on days spent in the learning phase. */
  readonly learningDays: Uint8Array;
  /** In the learning phase on `asOf`: findings on its rates are capped at info. */
  readonly learningNow: boolean;
  /**
   * Active itself, under active parents, in an active account, started and not ended, with at least
   * one child that is too.
   */
  readonly expectedToDeliver: boolean;
}

export interface AccountView {
  readonly accountId: string;
  readonly firstDay: number;
  readonly length: number;
  readonly asOfIndex: number;
  readonly account: EntityView;
  /** Account first, then campaigns, ad sets, ads. */
  readonly entities: readonly EntityView[];
  readonly profile: WeeklyProfile;
  readonly format: Formatter;
  weekday(index: number): number;
  dateOf(index: number): string;
  epochDay(index: number): number;
  /** Share of a day's final conversions already reported. */
  completeness(index: number): number;
}

export function buildAccountView(input: AccountInput, options: DetectOptions): AccountView {
  const steps = accountViewSteps(input, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link buildAccountView} one entity at a time: it yields after each, so a caller sharing its
 * thread can pause in between (a large account's view takes about a second to build).
 */
export function* accountViewSteps(
  input: AccountInput,
  options: DetectOptions,
): Generator<void, AccountView> {
  const asOfDay = epochDayOrNaN(options.asOf);
  if (!Number.isFinite(asOfDay)) throw new RangeError(`asOf must be YYYY-MM-DD: ${options.asOf}`);
  const dayOf = epochDayParser();
  const earliest = yield* earliestRowDay(input, asOfDay, dayOf);
  const firstDay = Math.max(asOfDay - MAX_HISTORY_DAYS + 1, earliest);
  const length = asOfDay - firstDay + 1;
  const curve = options.conversionCompleteness ?? DEFAULT_CONVERSION_COMPLETENESS;
  const frame: Frame = { firstDay, length, dayOf };
  const accountActive = DELIVERING_ACCOUNT_STATUSES.has(input.accountStatus ?? 1);

  const views = new Map<string, MutableView>();
  const account = createView(frame, input.accountId, 'account', undefined, undefined);
  const ordered = [...input.entities].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  for (const node of ordered) {
    const parentId = node.level === 'ad' ? node.adsetId : node.campaignId;
    const parent = node.level === 'campaign' ? account : views.get(parentId ?? '');
    if (!parent) continue;
    const view = createView(frame, node.id, node.level, node, parent);
    fillSeries(view.series, input.daily.get(node.id) ?? [], frame);
    parent.children.push(view);
    views.set(node.id, view);
    yield;
  }
  if (input.accountDaily) fillSeries(account.series, input.accountDaily, frame);
  else sumChildren(account);

  const entities: MutableView[] = [account, ...ordered.flatMap((n) => views.get(n.id) ?? [])];
  for (const view of entities) {
    settleFacts(view, frame, accountActive, asOfDay);
    yield;
  }
  for (const view of [...entities].reverse()) {
    requireDeliverableChild(view);
    if (learningThroughChildren(view)) view.learningNow = true;
    yield;
  }

  return {
    accountId: input.accountId,
    firstDay,
    length,
    asOfIndex: length - 1,
    account,
    entities,
    profile: estimateWeeklyProfile(account.series, firstDay),
    format: formatterFor(input.currency),
    weekday: (index) => weekdayOfEpochDay(firstDay + index),
    dateOf: (index) => dateOfEpochDay(firstDay + index),
    epochDay: (index) => firstDay + index,
    completeness: (index) => curve[length - 1 - index] ?? 1,
  };
}

interface Frame {
  readonly firstDay: number;
  readonly length: number;
  readonly dayOf: (date: string) => number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MutableView = Mutable<EntityView> & { children: MutableView[] };

const LEVEL_RANK: Readonly<Record<EntityNode['level'], number>> = { campaign: 0, adset: 1, ad: 2 };

/** One entity's rows per step: all of a large account's dates at once took a slice's length. */
function* earliestRowDay(
  input: AccountInput,
  asOfDay: number,
  dayOf: (date: string) => number,
): Generator<void, number> {
  let earliest = asOfDay;
  const consider = (rows: readonly DailyRow[]): void => {
    for (const row of rows) {
      const day = dayOf(row.date);
      if (day < earliest) earliest = day;
    }
  };
  for (const rows of input.daily.values()) {
    consider(rows);
    yield;
  }
  if (input.accountDaily) consider(input.accountDaily);
  return earliest;
}

function createView(
  frame: Frame,
  id: string,
  level: FindingLevel,
  node: EntityNode | undefined,
  parent: MutableView | undefined,
): MutableView {
  const column = (): Float64Array => new Float64Array(frame.length);
  return {
    id,
    level,
    node,
    parent,
    children: [],
    series: {
      spend: column(),
      impressions: column(),
      reach: column(),
      clicks: column(),
      linkClicks: column(),
      conversions: column(),
      value: column(),
    },
    ownsBudget: false,
    budgetOwner: undefined,
    dailyBudgetOn: () => undefined,
    budgetHistoryKnown: false,
    startIndex: 0,
    learningDays: new Uint8Array(frame.length),
    learningNow: false,
    expectedToDeliver: false,
  };
}

/** Rows into columns; rows outside the frame (older history, today's partial day) are dropped. */
function fillSeries(series: SeriesColumns, rows: readonly DailyRow[], frame: Frame): void {
  for (const row of rows) {
    const index = frame.dayOf(row.date) - frame.firstDay;
    if (!(index >= 0 && index < frame.length)) continue;
    series.spend[index] = clean(row.spendMinor);
    series.impressions[index] = clean(row.impressions);
    series.reach[index] = clean(row.reach);
    series.clicks[index] = clean(row.clicks);
    series.linkClicks[index] = clean(row.linkClicks);
    series.conversions[index] = clean(row.conversions);
    series.value[index] = clean(row.conversionValueMinor);
  }
}

/** Counts and money are never negative or non-finite; a bad cell counts as no delivery. */
function clean(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function sumChildren(view: MutableView): void {
  const columns = Object.keys(view.series) as (keyof SeriesColumns)[];
  for (const child of view.children) {
    for (const key of columns) {
      const into = view.series[key];
      const from = child.series[key];
      for (let i = 0; i < into.length; i++) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
    }
  }
}

function settleFacts(
  view: MutableView,
  frame: Frame,
  accountActive: boolean,
  asOfDay: number,
): void {
  const node = view.node;
  const parent = view.parent;
  view.ownsBudget = node !== undefined && hasBudget(node);
  view.budgetOwner = view.ownsBudget ? view : parent?.budgetOwner;
  if (view.ownsBudget && node) {
    view.dailyBudgetOn = budgetLookup(node, frame);
    view.budgetHistoryKnown = (node.budgetHistory?.length ?? 0) > 0;
  } else if (parent) {
    view.dailyBudgetOn = parent.dailyBudgetOn;
    view.budgetHistoryKnown = parent.budgetHistoryKnown;
  }
  view.startIndex = startIndexOf(view, frame);
  view.learningDays = learningDaysOf(view, frame.length);
  view.learningNow =
    view.learningDays[frame.length - 1] === 1 ||
    node?.learningStage === 'LEARNING' ||
    (parent?.node?.level === 'adset' && parent.learningNow);
  view.expectedToDeliver = node === undefined ? accountActive : deliversOn(node, asOfDay, parent);
}

/**
 * A campaign or ad set whose children are all paused or ended delivers nothing while it still
 * reads ACTIVE, so it is not expected to deliver. Children are settled first (reverse tree order).
 */
function requireDeliverableChild(view: MutableView): void {
  if (view.children.length > 0 && !view.children.some((child) => child.expectedToDeliver)) {
    view.expectedToDeliver = false;
  }
}

/** Active under active parents, started (not merely scheduled) and not past its end date. */
function deliversOn(node: EntityNode, asOfDay: number, parent: EntityView | undefined): boolean {
  const scheduled = epochDayOrNaN(node.startDate ?? '') > asOfDay;
  const ended = epochDayOrNaN(node.endDate ?? '') < asOfDay;
  return (
    node.effectiveStatus === 'ACTIVE' &&
    (parent?.expectedToDeliver ?? false) &&
    !scheduled &&
    !ended
  );
}

function hasBudget(node: EntityNode): boolean {
  return (
    (node.dailyBudgetMinor ?? 0) > 0 ||
    (node.lifetimeBudgetMinor ?? 0) > 0 ||
    (node.budgetHistory?.length ?? 0) > 0
  );
}

/** The daily budget on each day: the latest known change on or before it, else today's budget. */
function budgetLookup(node: EntityNode, frame: Frame): (index: number) => number | undefined {
  const changes = [...(node.budgetHistory ?? [])]
    .map((change) => ({ day: epochDayOrNaN(change.from), change }))
    .filter((entry) => Number.isFinite(entry.day))
    .sort((a, b) => a.day - b.day);
  const byIndex = new Float64Array(frame.length).fill(Number.NaN);
  for (let index = 0; index < frame.length; index++) {
    const day = frame.firstDay + index;
    let current: BudgetChange | undefined = changes[0]?.change;
    for (const entry of changes) if (entry.day <= day) current = entry.change;
    const daily = changes.length > 0 ? current?.dailyBudgetMinor : node.dailyBudgetMinor;
    if (daily !== undefined && daily > 0) byIndex[index] = daily;
  }
  return (index) => {
    const value = byIndex[index] ?? Number.NaN;
    return Number.isNaN(value) ? undefined : value;
  };
}

/**
 * The first day it could deliver: its start date, else its first delivery when that falls inside
 * the history (an entity already delivering on day 0 predates the history).
 */
function startIndexOf(view: MutableView, frame: Frame): number {
  const start = epochDayOrNaN(view.node?.startDate ?? '');
  if (Number.isFinite(start)) return start - frame.firstDay;
  const firstDelivery = view.series.impressions.findIndex((value) => value > 0);
  return firstDelivery > 0 ? firstDelivery : -LEARNING_DAYS;
}
