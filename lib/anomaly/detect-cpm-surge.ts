import type { FindingMessage } from '@/lib/schema/finding-message';
import { clause, message } from './format';
import type { AccountView, EntityView } from './account-view';
import {
  RAISE,
  evidenceScore,
  learningWithin,
  needEffect,
  needZ,
  type Candidate,
  type Evidence,
} from './candidate';
import { cpmExposure, sumOver } from './exposure';
import { mixAdjusted } from './mix';
import { scanLogRatioShift, type ScanSeries, type ShiftTest } from './shift-scan';

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
/** The last days must still be this far up, or the surge is over. */
const STILL_UP = 1.15;
const MAX_DAYS = 28;
/** Inspect shows nothing below 500 impressions in 7 days; a CPM needs a few thousand to mean much. */
const MIN_BASELINE_THOUSANDS = 2;
const MIN_WINDOW_IMPRESSIONS = 500;
/** An account finding needs the rise in at least two campaigns holding most of the spend. */
const ACCOUNT_MIN_CAMPAIGNS = 2;
const ACCOUNT_MIN_SPEND_SHARE = 0.5;
const CAMPAIGN_RISE_FOR_BREADTH = 1.15;

export function detectCpmSurge(
  entity: EntityView,
  view: AccountView,
  evidence: Evidence = RAISE,
): Candidate | undefined {
  const last = view.asOfIndex;
  const seriesOf = (e: EntityView): ScanSeries => ({
    observed: e.series.spend,
    exposure: cpmExposure(e, view),
    excluded: e.learningDays,
  });
  const series = seriesOf(entity);
  const limits = {
    last,
    minDays: 1,
    maxDays: MAX_DAYS,
    minBaselineEvents: 1,
    minBaselineExposure: MIN_BASELINE_THOUSANDS,
  };
  const minRise = (test: ShiftTest): number =>
    needEffect(
      learningWithin(entity, test.from, last) ? MIN_RISE_WHILE_LEARNING : MIN_RISE,
      evidence,
    );
  const candidates = scanLogRatioShift(series, limits)
    .filter(
      (test) =>
        test.ratio >= minRise(test) &&
        test.z >= needZ(MIN_Z, evidence) &&
        sumOver(entity.series.impressions, test.from, last) >= MIN_WINDOW_IMPRESSIONS &&
        recentRatio(series, test, last) >= needEffect(STILL_UP, evidence),
    )
    .sort((a, b) => b.z - a.z);
  const best = candidates.find((test) => {
    const mixed = mixAdjusted(entity, test.from, last, seriesOf, test.expected);
    return mixed !== undefined && mixed.observed >= minRise(test) * mixed.expected;
  });
  if (!best) return undefined;
  const breadth = entity.level === 'account' ? accountBreadth(entity, view, best) : undefined;
  if (breadth && !breadth.broad) return undefined;
  return describe(entity, view, best, breadth);
}

/** The window's last three days against the same baseline. */
function recentRatio(series: ScanSeries, test: ShiftTest, last: number): number {
  const from = Math.max(test.from, last - 2);
  return (
    sumOver(series.observed, from, last) / sumOver(series.exposure, from, last) / test.baselineRate
  );
}

interface Breadth {
  readonly broad: boolean;
  readonly risen: number;
  readonly campaigns: number;
}

/** How many delivering campaigns saw CPM rise over the same days, and their share of the spend. */
function accountBreadth(account: EntityView, view: AccountView, test: ShiftTest): Breadth {
  const last = view.asOfIndex;
  let campaigns = 0;
  let risen = 0;
  let risenSpend = 0;
  let totalSpend = 0;
  for (const campaign of account.children) {
    const exposure = cpmExposure(campaign, view);
    const spend = sumOver(campaign.series.spend, test.from, last);
    const baseFrom = Math.max(0, test.from - 28);
    const baseRate =
      sumOver(campaign.series.spend, baseFrom, test.from - 1) /
      sumOver(exposure, baseFrom, test.from - 1);
    const rate = spend / sumOver(exposure, test.from, last);
    if (!(spend > 0 && baseRate > 0)) continue;
    campaigns++;
    totalSpend += spend;
    if (rate / baseRate >= CAMPAIGN_RISE_FOR_BREADTH) {
      risen++;
      risenSpend += spend;
    }
  }
  const broad =
    campaigns < ACCOUNT_MIN_CAMPAIGNS ||
    (risen >= ACCOUNT_MIN_CAMPAIGNS && risenSpend >= ACCOUNT_MIN_SPEND_SHARE * totalSpend);
  return { broad, risen, campaigns };
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
  const sd = Math.sqrt(test.variance) / thousands;
  const since = format.date(view.epochDay(test.from));
  const range = [
    format.plural(days),
    format.money(expected),
    format.money(Math.max(0, expected - 2 * sd)),
    format.money(expected + 2 * sd),
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
    lower: Math.max(0, expected - 2 * sd),
    upper: expected + 2 * sd,
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
