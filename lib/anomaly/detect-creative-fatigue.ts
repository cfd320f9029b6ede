import { message } from './format';
import type { AccountView, EntityView } from './account-view';
import {
  RAISE,
  evidenceScore,
  needEffect,
  needZ,
  type Candidate,
  type Evidence,
} from './candidate';
import { clickExposure, sumOver } from './exposure';
import { mixAdjusted } from './mix';
import { BASELINE_DAYS, scanCountShift, zFor, type ScanSeries, type ShiftTest } from './shift-scan';

/**
 * Creative fatigue is a drift, not a jump (ads-domain.md): frequency climbs while CTR decays over a
 * week or two. CTR is tested with its impressions (quasi-binomial counts), the decline must deepen
 * within the window, and frequency must have risen: a sudden CTR drop at steady frequency is
 * something else.
 */

const MAX_SHARE_OF_USUAL = 0.75;
const MIN_Z = 5;
const MIN_DAYS = 4;
const MAX_DAYS = 21;
const MIN_BASELINE_CLICKS = 30;
const MIN_BASELINE_IMPRESSIONS = 2000;
/** The last three days must still be down this much against the baseline. */
const STILL_DOWN = 0.85;
/** The later half of the window must be down more than the earlier half (a drift). */
const DEEPENING = 0.92;
const MIN_FREQUENCY_RISE = 1.15;
const RECENT_DAYS = 3;

export function detectCreativeFatigue(
  entity: EntityView,
  view: AccountView,
  evidence: Evidence = RAISE,
): Candidate | undefined {
  const maxShare = needEffect(MAX_SHARE_OF_USUAL, evidence);
  const minZ = needZ(MIN_Z, evidence);
  // Fatigue is judged against an established CTR: a launch still learning has none yet.
  if (entity.level === 'account' || entity.learningNow) return undefined;
  const last = view.asOfIndex;
  const seriesOf = (e: EntityView): ScanSeries => ({
    observed: e.series.clicks,
    exposure: clickExposure(e, view),
    excluded: e.learningDays,
  });
  const series = seriesOf(entity);
  const tests = scanCountShift(series, {
    last,
    minDays: MIN_DAYS,
    maxDays: MAX_DAYS,
    minBaselineEvents: MIN_BASELINE_CLICKS,
    minBaselineExposure: MIN_BASELINE_IMPRESSIONS,
  });
  let best: { test: ShiftTest; frequency: Frequency } | undefined;
  for (const test of tests) {
    if (test.ratio > maxShare || test.z > -minZ) continue;
    if (best && test.z >= best.test.z) continue;
    const share = (from: number, to: number): number =>
      sumOver(series.observed, from, to) / (sumOver(series.exposure, from, to) * test.baselineRate);
    const middle = Math.floor((test.from + last) / 2);
    if (share(last - RECENT_DAYS + 1, last) > needEffect(STILL_DOWN, evidence)) continue;
    if (share(middle + 1, last) > DEEPENING * share(test.from, middle)) continue;
    const frequency = frequencyRise(entity, test.from, last);
    if (frequency && !mixExplains(entity, test, { last, maxShare, minZ }, seriesOf)) {
      best = { test, frequency };
    }
  }
  return best && describe(entity, view, best.test, best.frequency);
}

/** Spend moving towards ads with a lower CTR lowers the total without any creative tiring. */
function mixExplains(
  entity: EntityView,
  test: ShiftTest,
  { last, maxShare, minZ }: { last: number; maxShare: number; minZ: number },
  seriesOf: (e: EntityView) => ScanSeries,
): boolean {
  const mixed = mixAdjusted(entity, test.from, last, seriesOf, test.expected);
  if (!mixed || mixed.expected <= 0) return true;
  const ratio = mixed.observed / mixed.expected;
  return ratio > maxShare || zFor(test, mixed.observed, mixed.expected) > -minZ;
}

interface Frequency {
  readonly before: number;
  readonly now: number;
}

/** Daily frequency (impressions per person reached) before the window and in its last days. */
function frequencyRise(entity: EntityView, from: number, last: number): Frequency | undefined {
  const { impressions, reach } = entity.series;
  const frequency = (a: number, b: number): number =>
    sumOver(impressions, a, b) / sumOver(reach, a, b);
  const before = frequency(Math.max(0, from - BASELINE_DAYS), from - 1);
  const start = frequency(from, Math.min(last, from + RECENT_DAYS - 1));
  const now = frequency(last - RECENT_DAYS + 1, last);
  if (!(before > 0 && now > 0)) return undefined;
  return now >= MIN_FREQUENCY_RISE * before && now > start ? { before, now } : undefined;
}

function describe(
  entity: EntityView,
  view: AccountView,
  test: ShiftTest,
  frequency: Frequency,
): Candidate {
  const { format } = view;
  const last = view.asOfIndex;
  const days = last - test.from + 1;
  const recentFrom = last - RECENT_DAYS + 1;
  const impressions = sumOver(entity.series.impressions, recentFrom, last);
  const clicks = sumOver(entity.series.clicks, recentFrom, last);
  const expectedClicks = test.baselineRate * sumOver(clickExposure(entity, view), recentFrom, last);
  const actual = clicks / impressions;
  const expected = expectedClicks / impressions;
  const sd = Math.sqrt(test.dispersion * expectedClicks) / impressions;
  const fall = 1 - actual / expected;
  return {
    kind: 'creative_fatigue',
    entity,
    metric: 'ctr',
    severity: 'warning',
    direction: 'down',
    from: test.from,
    to: last,
    actual,
    expected,
    lower: Math.max(0, expected - 2 * sd),
    upper: expected + 2 * sd,
    score: evidenceScore(test.z, MIN_Z),
    summary: message(
      'findingCreativeFatigue',
      format.percent(fall),
      format.plural(days),
      format.percent(expected),
      format.percent(actual),
      format.decimal(frequency.before),
      format.decimal(frequency.now),
    ),
    nextStep: message(
      entity.level === 'ad'
        ? 'findingCreativeFatigueAdNext'
        : entity.level === 'adset'
          ? 'findingCreativeFatigueAdsetNext'
          : 'findingCreativeFatigueCampaignNext',
    ),
    stake: (sumOver(entity.series.spend, test.from, last) / days) * fall,
  };
}
