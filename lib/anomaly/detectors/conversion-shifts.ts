import type { AccountView, EntityView } from '@/lib/anomaly/account-view';
import type { Candidate, Detect } from '@/lib/anomaly/candidate';
import { defineDetector } from '@/lib/anomaly/candidate';
import { RAISE, evidenceScore, needEffect, needZ, twoSdBand } from '@/lib/anomaly/evidence';
import { learningWithin } from '@/lib/anomaly/learning';
import { conversionExposure, sumOver, trafficOf } from '@/lib/anomaly/exposure';
import { message } from '@/lib/anomaly/format';
import { mixAdjusted } from '@/lib/anomaly/mix';
import { latestSilentRunEnd, telltaleSilence } from './tracking-break';
import type { ScanSeries, ShiftTest } from '@/lib/anomaly/shift-scan';
import {
  scanCountShift,
  scanSeriesOf,
  scanValuePerEventShift,
  zFor,
} from '@/lib/anomaly/shift-scan';

/**
 * CPA and ROAS shifts, each tied to its own cause so one root cause makes one finding:
 * - CPA shift: conversions per click moved at steady traffic (landing page, offer, checkout). A CPA
 *   rise from pricier impressions is the CPM surge's finding, and from fewer clicks, fatigue's.
 * - ROAS shift: value per conversion moved (price, discounts, the value the pixel sends).
 * Conversion counts are small (3 a day swing about ±60 %): the CPA test is quasi-Poisson on the
 * pooled days, with the freshest days' conversions expected short (restatement); the ROAS test
 * compares value per conversion on the log scale, where one large basket weighs less.
 */

/**
 * Evidence needed, in standard deviations. Count tails are heavier upwards at small volumes, and a
 * missed improvement costs less than a missed deterioration, so rises need more.
 */
const MIN_Z_WORSE = 3.5;
const MIN_Z_BETTER = 5;
const MIN_Z_VALUE = 4.5;
const MAX_DAYS = 28;
/** CPA up at least ~50 % (conversion rate down to 65 %) or down a third (rate up 50 %). */
const DROP_SHARE = 0.65;
const RISE_SHARE = 1.5;
const MIN_EXPECTED_CONVERSIONS = 8;
/** Value per conversion from fewer orders than this is an anecdote (one large basket). */
const MIN_CONVERSIONS_FOR_VALUE = 15;
const MIN_BASELINE_CONVERSIONS = 20;
/** Value per conversion moved at least 30 %. */
const VALUE_SHIFT = 0.3;
/** While learning, conversion rates swing widely: only large moves are worth an info. */
const DROP_SHARE_WHILE_LEARNING = 0.4;
const RISE_SHARE_WHILE_LEARNING = 2.5;
const VALUE_SHIFT_WHILE_LEARNING = 0.5;
const RECENT_DAYS = 3;

export const detectCpaShift: Detect = (entity, view, evidence = RAISE) => {
  const last = view.asOfIndex;
  const seriesOf = scanSeriesOf(
    (e) => e.series.conversions,
    (e) => conversionExposure(e, view),
  );
  const series = seriesOf(entity);
  // Days of about zero conversions that should have brought several are the tracking-break
  // detector's question, not a CPA shift: while they last, and as the start of any window (a
  // repaired break is not a new CPA level).
  if (telltaleSilence(series, last) !== undefined) return undefined;
  const breakEnd = latestSilentRunEnd(series, last, MAX_DAYS);
  const tests = scanCountShift(series, {
    last,
    minDays: 2,
    maxDays: breakEnd === undefined ? MAX_DAYS : last - breakEnd,
    minBaselineEvents: MIN_BASELINE_CONVERSIONS,
    minBaselineExposure: 1,
  }).filter((test) => test.expected >= MIN_EXPECTED_CONVERSIONS);
  const shifted = (test: ShiftTest, ratio: number): boolean => {
    const learning = learningWithin(entity, test.from, last);
    const drop = needEffect(learning ? DROP_SHARE_WHILE_LEARNING : DROP_SHARE, evidence);
    const rise = needEffect(learning ? RISE_SHARE_WHILE_LEARNING : RISE_SHARE, evidence);
    return ratio <= drop || ratio >= rise;
  };
  const best = strongest(entity, series, tests, seriesOf, last, shifted, [
    needZ(MIN_Z_WORSE, evidence),
    needZ(MIN_Z_BETTER, evidence),
  ]);
  return best && describeCpa(entity, view, best);
};

export const detectRoasShift: Detect = (entity, view, evidence = RAISE) => {
  const last = view.asOfIndex;
  const seriesOf = scanSeriesOf(
    (e) => e.series.value,
    (e) => e.series.conversions,
  );
  const series = seriesOf(entity);
  const tests = scanValuePerEventShift(series, {
    last,
    minDays: 2,
    maxDays: MAX_DAYS,
    minBaselineEvents: 1,
    minBaselineExposure: MIN_BASELINE_CONVERSIONS,
  }).filter((test) => sumOver(series.exposure, test.from, last) >= MIN_CONVERSIONS_FOR_VALUE);
  const shifted = (test: ShiftTest, ratio: number): boolean => {
    const learning = learningWithin(entity, test.from, last);
    const shift = learning ? VALUE_SHIFT_WHILE_LEARNING : VALUE_SHIFT;
    return Math.abs(ratio - 1) >= needEffect(1 + shift, evidence) - 1;
  };
  const best = strongest(entity, series, tests, seriesOf, last, shifted, [
    needZ(MIN_Z_VALUE, evidence),
    needZ(MIN_Z_VALUE, evidence),
  ]);
  return best && describeRoas(entity, view, best);
};

/**
 * The most significant window whose shift is large, still going on and not an artefact of the mix
 * of children.
 */
function strongest(
  entity: EntityView,
  series: ScanSeries,
  tests: readonly ShiftTest[],
  seriesOf: (e: EntityView) => ScanSeries,
  last: number,
  shifted: (test: ShiftTest, ratio: number) => boolean,
  [minZDown, minZUp]: readonly [number, number],
): ShiftTest | undefined {
  return tests
    .filter(
      (test) =>
        (test.z <= -minZDown || test.z >= minZUp) &&
        shifted(test, test.ratio) &&
        stillShifted(series, test, last),
    )
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
    .find((test) => {
      const mixed = mixAdjusted(entity, test.from, last, seriesOf, test.expected);
      if (!mixed || mixed.expected <= 0) return false;
      const z = zFor(test, mixed.observed, mixed.expected);
      return shifted(test, mixed.observed / mixed.expected) && (z <= -minZDown || z >= minZUp);
    });
}

/** The last days must still lean the same way, or the shift is over. */
function stillShifted(series: ScanSeries, test: ShiftTest, last: number): boolean {
  const from = Math.max(test.from, last - RECENT_DAYS + 1);
  const expected = sumOver(series.exposure, from, last) * test.baselineRate;
  if (expected <= 0) return false;
  const ratio = sumOver(series.observed, from, last) / expected;
  const halfway = 1 + (test.ratio - 1) / 2;
  return test.ratio < 1 ? ratio <= halfway : ratio >= halfway;
}

function describeCpa(entity: EntityView, view: AccountView, test: ShiftTest): Candidate {
  const { format } = view;
  const last = view.asOfIndex;
  const days = last - test.from + 1;
  const spend = sumOver(entity.series.spend, test.from, last);
  const sd = Math.sqrt(test.variance);
  const worse = test.ratio < 1;
  const traffic = sumOver(trafficOf(entity), test.from, last);
  const rateNow = test.observed / traffic;
  const rateBefore = test.expected / traffic;
  const since = format.date(view.epochDay(test.from));
  const cpaRange = (conversions: number): number => spend / Math.max(conversions, 0.5);
  const withConversions = test.observed > 0;
  return {
    kind: 'cpa_shift',
    entity,
    metric: withConversions ? 'cpa' : 'conversions',
    severity:
      worse && !learningWithin(entity, test.from, last)
        ? test.ratio <= 0.4
          ? 'critical'
          : 'warning'
        : 'info',
    direction: withConversions === worse ? 'up' : 'down',
    from: test.from,
    to: last,
    actual: withConversions ? spend / test.observed : 0,
    expected: withConversions ? spend / test.expected : test.expected,
    lower: withConversions ? cpaRange(test.expected + 2 * sd) : Math.max(0, test.expected - 2 * sd),
    upper: withConversions ? cpaRange(test.expected - 2 * sd) : test.expected + 2 * sd,
    score: evidenceScore(test.z, worse ? MIN_Z_WORSE : MIN_Z_BETTER),
    summary: withConversions
      ? message(
          worse ? 'findingCpaRose' : 'findingCpaImproved',
          format.change(test.expected, test.observed),
          format.money(spend / test.observed),
          format.plural(days),
          format.money(spend / test.expected),
          format.percent(rateBefore),
          format.percent(rateNow),
        )
      : message(
          // No conversions is always a fall of the conversion rate.
          'findingCpaNoConversions',
          format.plural(days),
          format.plural(Math.round(test.expected)),
          format.percent(rateBefore),
          format.percent(rateNow),
        ),
    nextStep: message(worse ? 'findingCpaWorseNext' : 'findingCpaBetterNext', since),
    stake: Math.abs(spend / days) * Math.abs(1 - test.ratio),
    shortfall: test.expected - test.observed,
  };
}

function describeRoas(entity: EntityView, view: AccountView, test: ShiftTest): Candidate {
  const { format } = view;
  const last = view.asOfIndex;
  const days = last - test.from + 1;
  const spend = sumOver(entity.series.spend, test.from, last);
  const conversions = sumOver(entity.series.conversions, test.from, last);
  const sd = Math.sqrt(test.variance);
  const worse = test.ratio < 1;
  const valueLost = test.ratio < 0.1;
  const perConversionNow = test.observed / conversions;
  const perConversionBefore = test.baselineRate;
  const since = format.date(view.epochDay(test.from));
  const summary = valueLost
    ? message(
        'findingRoasValueLost',
        format.count(conversions),
        format.plural(days),
        format.money(test.observed),
        format.money(test.expected),
        format.decimal(test.observed / spend),
        format.decimal(test.expected / spend),
      )
    : message(
        worse ? 'findingRoasFell' : 'findingRoasRose',
        format.decimal(test.observed / spend),
        format.decimal(test.expected / spend),
        format.plural(days),
        format.plural(Math.round(conversions)),
        format.change(perConversionNow, perConversionBefore),
        format.money(perConversionBefore),
        format.money(perConversionNow),
      );
  const nextStep = valueLost
    ? message('findingRoasValueLostNext')
    : worse
      ? message('findingRoasWorseNext', since)
      : message('findingRoasBetterNext');
  return {
    kind: 'roas_shift',
    entity,
    metric: 'roas',
    severity: valueLost
      ? 'critical'
      : worse && !learningWithin(entity, test.from, last)
        ? 'warning'
        : 'info',
    direction: worse ? 'down' : 'up',
    from: test.from,
    to: last,
    actual: test.observed / spend,
    expected: test.expected / spend,
    ...twoSdBand(test.expected / spend, sd / spend),
    score: evidenceScore(test.z, MIN_Z_VALUE),
    summary,
    nextStep,
    stake: Math.abs(test.expected - test.observed) / days,
  };
}

/** CPA moved because the conversion rate moved at steady traffic. */
export const cpaShift = defineDetector('cpa_shift', detectCpaShift);

/** ROAS moved because the value per conversion moved. */
export const roasShift = defineDetector('roas_shift', detectRoasShift);
