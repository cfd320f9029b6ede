import type { FindingMessage } from '@/lib/schema/finding-message';
import { clause, message } from '@/lib/anomaly/format';
import type { AccountView, EntityView } from '@/lib/anomaly/account-view';
import type { Candidate, Detect } from '@/lib/anomaly/candidate';
import { defineDetector } from '@/lib/anomaly/candidate';
import type { Evidence } from '@/lib/anomaly/evidence';
import { RAISE, evidenceScore, needEffect, needZ, twoSdBand } from '@/lib/anomaly/evidence';
import { learningWithin } from '@/lib/anomaly/learning';
import { cpmExposure, sumOver } from '@/lib/anomaly/exposure';
import { mixAdjusted } from '@/lib/anomaly/mix';
import type { ScanSeries, ShiftTest } from '@/lib/anomaly/shift-scan';
import { BASELINE_DAYS, scanLogRatioShift, scanSeriesOf } from '@/lib/anomaly/shift-scan';

/**
 * CPM surge: the price of a thousand impressions up sharply against the entity's weekday-adjusted
 * baseline. CPM swings 5–15 % by weekday and creeps up slightly when a budget grows (ads-domain.md),
 * so only a rise of 30 % or more with strong evidence counts. An account-wide rise across most of
 * the spend is one account finding (the auction), not one per campaign.
 */

const MIN_RISE = 1.3;
/** While learning, CPM swings widely: only a doubling is worth an info. */
const MIN_RISE_WHILE_LEARNING = 2;
const MIN_Z = 5;
/** Each of the last days must still be this far up, or the surge is over (or was one day). */
const STILL_UP = 1.15;
/** One dear day is an auction blip that reverts; a surge is still there the next day. */
const MIN_DAYS = 2;
/** Up to this many days, every day of a surge must be up by the full amount. */
const SHORT_SURGE_DAYS = 3;
const MAX_DAYS = 28;
/** Inspect shows nothing below 500 impressions in 7 days; a CPM needs a few thousand to mean much. */
const MIN_BASELINE_THOUSANDS = 2;
const MIN_WINDOW_IMPRESSIONS = 500;
/** An account finding needs the rise in at least two campaigns holding most of the spend. */
const ACCOUNT_MIN_CAMPAIGNS = 2;
const ACCOUNT_MIN_SPEND_SHARE = 0.5;
const CAMPAIGN_RISE_FOR_BREADTH = 1.15;
/** Campaigns rising together that let an account rise count on less evidence of its own. */
const WITNESS_CAMPAIGNS = 3;
const MIN_Z_WITNESSED = 3;

export const detectCpmSurge: Detect = (entity, view, evidence = RAISE) => {
  const last = view.asOfIndex;
  const seriesOf = scanSeriesOf(
    (e) => e.series.spend,
    (e) => cpmExposure(e, view),
  );
  const series = seriesOf(entity);
  const limits = {
    last,
    minDays: MIN_DAYS,
    maxDays: MAX_DAYS,
    minBaselineEvents: 1,
    minBaselineExposure: MIN_BASELINE_THOUSANDS,
  };
  const breadthOf = entity.level === 'account' ? accountBreadths(entity, view) : undefined;
  const minRise = (test: ShiftTest): number =>
    needEffect(
      learningWithin(entity, test.from, last) && !witnessedOutsideLearning(breadthOf?.(test.from))
        ? MIN_RISE_WHILE_LEARNING
        : MIN_RISE,
      evidence,
    );
  const marketMove = marketMoves(entity, view);
  const candidates = scanLogRatioShift(series, limits)
    .filter(
      (test) =>
        test.ratio >= minRise(test) * marketMove(test.from) &&
        sumOver(entity.series.impressions, test.from, last) >= MIN_WINDOW_IMPRESSIONS &&
        everyRecentDayUp(
          series,
          test,
          last,
          dailyRiseNeeded(test, last, minRise(test), evidence) *
            marketMove(Math.max(test.from, last - 2), test.from),
        ) &&
        test.z >= needZ(zNeeded(breadthOf?.(test.from)), evidence),
    )
    .sort((a, b) => b.z - a.z);
  const best = candidates.find((test) => {
    const mixed = mixAdjusted(entity, test.from, last, seriesOf, test.expected);
    return mixed !== undefined && mixed.observed >= minRise(test) * mixed.expected;
  });
  if (!best) return undefined;
  const breadth = breadthOf?.(best.from);
  if (breadth && !breadth.broad) return undefined;
  return describe(entity, view, best, breadth);
};

/**
 * An account's daily CPM wanders with the season, so its own spread understates a move; campaigns
 * that rose together over the same days are independent witnesses, and with enough of them less
 * evidence from the total is needed.
 */
function zNeeded(breadth: Breadth | undefined): number {
  return breadth?.broad && breadth.risen >= WITNESS_CAMPAIGNS ? MIN_Z_WITNESSED : MIN_Z;
}

/**
 * An account counts as learning when most of its spend is, yet campaigns out of learning that rose
 * over the same days show the auction moved, not the learning phase.
 */
function witnessedOutsideLearning(breadth: Breadth | undefined): boolean {
  return breadth !== undefined && breadth.risenSteady >= WITNESS_CAMPAIGNS;
}

/**
 * How far CPM rose from `from` to the last day in the rest of the account (every other campaign),
 * against the weeks before `baselineEnd` (by default `from`), at least 1: an auction that got dearer
 * for everyone (Q4, Black Friday) is the account's finding, and a campaign's own surge is what it
 * adds on top, over the whole window and on its last days.
 */
function marketMoves(
  entity: EntityView,
  view: AccountView,
): (from: number, baselineEnd?: number) => number {
  if (entity.level === 'account') return () => 1;
  let campaign = entity;
  while (campaign.parent && campaign.level !== 'campaign') campaign = campaign.parent;
  // The rest of the account, day by day, read once for every window tested.
  const accountExposure = cpmExposure(view.account, view);
  const campaignExposure = cpmExposure(campaign, view);
  const spend = view.account.series.spend.map(
    (value, day) => value - (campaign.series.spend[day] ?? 0),
  );
  const exposure = accountExposure.map((value, day) => value - (campaignExposure[day] ?? 0));
  const last = view.asOfIndex;
  return (from, baselineEnd = from) => {
    const baseFrom = Math.max(0, baselineEnd - BASELINE_DAYS);
    const windowExposure = sumOver(exposure, from, last);
    const baseExposure = sumOver(exposure, baseFrom, baselineEnd - 1);
    if (windowExposure < MIN_BASELINE_THOUSANDS || baseExposure < MIN_BASELINE_THOUSANDS) return 1;
    const move =
      sumOver(spend, from, last) /
      windowExposure /
      (sumOver(spend, baseFrom, baselineEnd - 1) / baseExposure);
    return Number.isFinite(move) ? Math.max(1, move) : 1;
  };
}

/**
 * A short surge must show on each of its days at its full size (one day far off makes a short
 * window's total alone); a long one only needs its last days still up.
 */
function dailyRiseNeeded(
  test: ShiftTest,
  last: number,
  minRise: number,
  evidence: Evidence,
): number {
  return last - test.from + 1 <= SHORT_SURGE_DAYS ? minRise : needEffect(STILL_UP, evidence);
}

/**
 * Each of the window's last three delivering days up against the same baseline: CPM noise has
 * heavy tails, and one day at twice the price lifts a short window's total on its own.
 */
function everyRecentDayUp(series: ScanSeries, test: ShiftTest, last: number, min: number): boolean {
  for (let day = Math.max(test.from, last - 2); day <= last; day++) {
    const exposure = series.exposure[day] ?? 0;
    if (exposure <= 0) continue;
    if ((series.observed[day] ?? 0) / exposure < min * test.baselineRate) return false;
  }
  return true;
}

interface Breadth {
  readonly broad: boolean;
  readonly risen: number;
  /** Of the campaigns that rose, those not learning over the window. */
  readonly risenSteady: number;
  readonly campaigns: number;
}

/**
 * How many delivering campaigns saw CPM rise from a window's first day on, and their share of the
 * spend: each campaign's exposure is read once, and each window's answer once, as every test of
 * the account asks it several times.
 */
function accountBreadths(account: EntityView, view: AccountView): (from: number) => Breadth {
  const last = view.asOfIndex;
  const campaigns = account.children.map((campaign) => ({
    campaign,
    exposure: cpmExposure(campaign, view),
  }));
  const known = new Map<number, Breadth>();
  return (from) => {
    const cached = known.get(from);
    if (cached) return cached;
    const breadth = breadthFrom(campaigns, from, last);
    known.set(from, breadth);
    return breadth;
  };
}

function breadthFrom(
  campaigns: readonly { campaign: EntityView; exposure: Float64Array }[],
  from: number,
  last: number,
): Breadth {
  let delivering = 0;
  let risen = 0;
  let risenSteady = 0;
  let risenSpend = 0;
  let totalSpend = 0;
  for (const { campaign, exposure } of campaigns) {
    const spend = sumOver(campaign.series.spend, from, last);
    const baseFrom = Math.max(0, from - BASELINE_DAYS);
    const baseRate =
      sumOver(campaign.series.spend, baseFrom, from - 1) / sumOver(exposure, baseFrom, from - 1);
    const rate = spend / sumOver(exposure, from, last);
    if (!(spend > 0 && baseRate > 0)) continue;
    delivering++;
    totalSpend += spend;
    if (rate / baseRate >= CAMPAIGN_RISE_FOR_BREADTH) {
      risen++;
      risenSpend += spend;
      if (!learningWithin(campaign, from, last)) risenSteady++;
    }
  }
  const broad =
    delivering < ACCOUNT_MIN_CAMPAIGNS ||
    (risen >= ACCOUNT_MIN_CAMPAIGNS && risenSpend >= ACCOUNT_MIN_SPEND_SHARE * totalSpend);
  return { broad, risen, risenSteady, campaigns: delivering };
}

function describe(
  entity: EntityView,
  view: AccountView,
  test: ShiftTest,
  breadth: Breadth | undefined,
): Candidate {
  const { format } = view;
  const last = view.asOfIndex;
  const days = last - test.from + 1;
  const thousands = sumOver(entity.series.impressions, test.from, last) / 1000;
  const actual = test.observed / thousands;
  const expected = test.expected / thousands;
  const band = twoSdBand(expected, Math.sqrt(test.variance) / thousands);
  const since = format.date(view.epochDay(test.from));
  const range = [
    format.plural(days),
    format.money(expected),
    format.money(band.lower),
    format.money(band.upper),
    clause(cpaEffect(entity, view, test)),
  ];
  return {
    kind: 'cpm_surge',
    entity,
    metric: 'cpm',
    severity: learningWithin(entity, test.from, last)
      ? 'info'
      : test.ratio >= 2 && days >= 2
        ? 'critical'
        : 'warning',
    direction: 'up',
    from: test.from,
    to: last,
    actual,
    expected,
    ...band,
    score: evidenceScore(test.z, MIN_Z),
    summary: breadth
      ? message(
          'findingCpmSurgeBroad',
          format.change(actual, expected),
          format.count(breadth.risen),
          format.plural(breadth.campaigns),
          format.money(actual),
          ...range,
        )
      : message('findingCpmSurge', format.change(actual, expected), format.money(actual), ...range),
    nextStep: message(breadth ? 'findingCpmSurgeBroadNext' : 'findingCpmSurgeNext', since),
    stake: test.observed / days - test.expected / days,
  };
}

/** "; CPA followed, $31 against $19 before" when there are enough conversions to say so. */
function cpaEffect(entity: EntityView, view: AccountView, test: ShiftTest): FindingMessage | null {
  const last = view.asOfIndex;
  const conversions = sumOver(entity.series.conversions, test.from, last);
  const baseFrom = Math.max(0, test.from - 28);
  const before = sumOver(entity.series.conversions, baseFrom, test.from - 1);
  if (conversions < 5 || before < 10) return null;
  const cpa = test.observed / conversions;
  const cpaBefore = sumOver(entity.series.spend, baseFrom, test.from - 1) / before;
  if (cpa < 1.1 * cpaBefore) return null;
  return message('findingCpaFollowed', view.format.money(cpa), view.format.money(cpaBefore));
}

/** Cost per thousand impressions up sharply against its weekday-adjusted baseline. */
export const cpmSurge = defineDetector('cpm_surge', detectCpmSurge);
