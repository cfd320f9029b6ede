import { message } from '@/lib/anomaly/format';
import type { AccountView, EntityView } from '@/lib/anomaly/account-view';
import type { Candidate, Detect } from '@/lib/anomaly/candidate';
import { defineDetector } from '@/lib/anomaly/candidate';
import type { Evidence } from '@/lib/anomaly/evidence';
import { RAISE, evidenceScore, needEffect, needZ, twoSdBand } from '@/lib/anomaly/evidence';
import { clickExposure, sumOver } from '@/lib/anomaly/exposure';
import { mixAdjusted } from '@/lib/anomaly/mix';
import type { ScanSeries, ShiftTest } from '@/lib/anomaly/shift-scan';
import {
  BASELINE_DAYS,
  scanCountShift,
  scanLogRatioShift,
  scanSeriesOf,
  zFor,
} from '@/lib/anomaly/shift-scan';

/**
 * A tiring creative or audience (ads-domain.md), in either of the two ways buyers meet it:
 * - wear-out: CTR falls and stays down over days, with or without frequency rising (the people who
 *   would click have seen the ad); tested on click counts against impressions (quasi-Poisson), so
 *   a drop on a few hundred impressions is noise;
 * - saturation: daily frequency climbs while daily reach falls: the budget keeps buying the same
 *   people again, before CTR shows much.
 * A change of mix (spend moving to an ad with a lower CTR) is not wear-out, and a launch still
 * learning has no established CTR to tire from.
 */

const MAX_SHARE_OF_USUAL = 0.75;
const MIN_Z = 5;
const MIN_DAYS = 4;
const MAX_DAYS = 21;
const MIN_BASELINE_CLICKS = 30;
const MIN_BASELINE_IMPRESSIONS = 2000;
/** The last three days must still be down this much against the baseline. */
const STILL_DOWN = 0.85;
/** Frequency this much above its baseline is told as part of a CTR wear-out. */
const MIN_FREQUENCY_RISE = 1.15;
const RECENT_DAYS = 3;

/** Saturation: daily frequency up this much, with reach per day down at least this much. */
const MIN_SATURATED_FREQUENCY = 1.4;
const MAX_REACH_SHARE = 0.85;
const MIN_SATURATION_DAYS = 3;
const MIN_BASELINE_REACH = 1000;

export const detectCreativeFatigue: Detect = (entity, view, evidence = RAISE) => {
  if (entity.level === 'account' || entity.learningNow) return undefined;
  return wearOut(entity, view, evidence) ?? saturation(entity, view, evidence);
};

function wearOut(entity: EntityView, view: AccountView, evidence: Evidence): Candidate | undefined {
  const maxShare = needEffect(MAX_SHARE_OF_USUAL, evidence);
  const minZ = needZ(MIN_Z, evidence);
  const last = view.asOfIndex;
  const seriesOf = scanSeriesOf(
    (e) => e.series.clicks,
    (e) => clickExposure(e, view),
  );
  const series = seriesOf(entity);
  const tests = scanCountShift(series, {
    last,
    minDays: MIN_DAYS,
    maxDays: MAX_DAYS,
    minBaselineEvents: MIN_BASELINE_CLICKS,
    minBaselineExposure: MIN_BASELINE_IMPRESSIONS,
  });
  let best: ShiftTest | undefined;
  for (const test of tests) {
    if (test.ratio > maxShare || test.z > -minZ) continue;
    if (best && test.z >= best.z) continue;
    const recentFrom = last - RECENT_DAYS + 1;
    const recentShare =
      sumOver(series.observed, recentFrom, last) /
      (sumOver(series.exposure, recentFrom, last) * test.baselineRate);
    // Without recent impressions there is no CTR to judge (the share is 0/0): a stop is not wear-out.
    if (!(recentShare <= needEffect(STILL_DOWN, evidence))) continue;
    if (!mixExplains(entity, test, { last, maxShare, minZ }, seriesOf)) best = test;
  }
  return best && describeWearOut(entity, view, best);
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

/** Daily frequency (impressions per person reached) before `from` and over the last days. */
function frequencyAround(entity: EntityView, from: number, last: number): Frequency | undefined {
  const { impressions, reach } = entity.series;
  const frequency = (a: number, b: number): number =>
    sumOver(impressions, a, b) / sumOver(reach, a, b);
  const before = frequency(Math.max(0, from - BASELINE_DAYS), from - 1);
  const now = frequency(last - RECENT_DAYS + 1, last);
  return before > 0 && now > 0 ? { before, now } : undefined;
}

function describeWearOut(entity: EntityView, view: AccountView, test: ShiftTest): Candidate {
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
  const frequency = frequencyAround(entity, test.from, last);
  const frequencyRose =
    frequency !== undefined && frequency.now >= MIN_FREQUENCY_RISE * frequency.before;
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
    ...twoSdBand(expected, sd),
    score: evidenceScore(test.z, MIN_Z),
    summary: frequencyRose
      ? message(
          'findingCreativeFatigue',
          format.percent(fall),
          format.plural(days),
          format.percent(expected),
          format.percent(actual),
          format.decimal(frequency.before),
          format.decimal(frequency.now),
        )
      : message(
          'findingCreativeWearOut',
          format.percent(fall),
          format.plural(days),
          format.percent(expected),
          format.percent(actual),
        ),
    nextStep: frequencyRose ? fatigueNext(entity) : message('findingCreativeWearOutNext'),
    stake: (sumOver(entity.series.spend, test.from, last) / days) * fall,
  };
}

function fatigueNext(entity: EntityView): Candidate['nextStep'] {
  return message(
    entity.level === 'ad'
      ? 'findingCreativeFatigueAdNext'
      : entity.level === 'adset'
        ? 'findingCreativeFatigueAdsetNext'
        : 'findingCreativeFatigueCampaignNext',
  );
}

function saturation(
  entity: EntityView,
  view: AccountView,
  evidence: Evidence,
): Candidate | undefined {
  const last = view.asOfIndex;
  const minRise = needEffect(MIN_SATURATED_FREQUENCY, evidence);
  const maxReach = needEffect(MAX_REACH_SHARE, evidence);
  const minZ = needZ(MIN_Z, evidence);
  const { impressions, reach } = entity.series;
  const tests = scanLogRatioShift(
    { observed: impressions, exposure: reach, excluded: entity.learningDays },
    {
      last,
      minDays: MIN_SATURATION_DAYS,
      maxDays: MAX_DAYS,
      minBaselineEvents: MIN_BASELINE_IMPRESSIONS,
      minBaselineExposure: MIN_BASELINE_REACH,
    },
  );
  let best: ShiftTest | undefined;
  for (const test of tests) {
    if (test.ratio < minRise || test.z < minZ) continue;
    if (best && test.z <= best.z) continue;
    const frequency = frequencyAround(entity, test.from, last);
    if (!frequency || frequency.now < minRise * frequency.before) continue;
    const reachBefore = dailyMean(reach, Math.max(0, test.from - BASELINE_DAYS), test.from - 1);
    const reachNow = dailyMean(reach, last - RECENT_DAYS + 1, last);
    if (reachNow > maxReach * reachBefore) continue;
    best = test;
  }
  return best && describeSaturation(entity, view, best);
}

/** Mean per day over the days that delivered. */
function dailyMean(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  let days = 0;
  for (let day = Math.max(0, from); day <= to; day++) {
    if ((values[day] ?? 0) <= 0) continue;
    sum += values[day] ?? 0;
    days++;
  }
  return days > 0 ? sum / days : 0;
}

function describeSaturation(entity: EntityView, view: AccountView, test: ShiftTest): Candidate {
  const { format } = view;
  const last = view.asOfIndex;
  const days = last - test.from + 1;
  const { reach, spend } = entity.series;
  const frequency = frequencyAround(entity, test.from, last) ?? { before: 0, now: 0 };
  const reachBefore = dailyMean(reach, Math.max(0, test.from - BASELINE_DAYS), test.from - 1);
  const reachNow = dailyMean(reach, last - RECENT_DAYS + 1, last);
  const spread = Math.sqrt(test.variance) / test.expected;
  return {
    kind: 'creative_fatigue',
    entity,
    metric: 'frequency',
    severity: 'warning',
    direction: 'up',
    from: test.from,
    to: last,
    actual: frequency.now,
    expected: frequency.before,
    lower: frequency.before * Math.exp(-2 * spread),
    upper: frequency.before * Math.exp(2 * spread),
    score: evidenceScore(test.z, MIN_Z),
    summary: message(
      'findingAudienceSaturation',
      format.decimal(frequency.before),
      format.decimal(frequency.now),
      format.plural(days),
      format.percent(1 - reachNow / reachBefore),
      format.count(Math.round(reachBefore)),
      format.count(Math.round(reachNow)),
    ),
    nextStep: message('findingAudienceSaturationNext'),
    // The money at stake: what the repeated impressions beyond the usual frequency cost a day.
    stake: (sumOver(spend, test.from, last) / days) * (1 - frequency.before / frequency.now),
  };
}

/** CTR decaying over days while frequency climbs. */
export const creativeFatigue = defineDetector('creative_fatigue', detectCreativeFatigue, {
  // Fatigue raises CPM as relevance falls, on the ad and on what it belongs to.
  explains: ['cpm_surge'],
  explainsAbove: ['cpm_surge'],
});
