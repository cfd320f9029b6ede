import { clause, message } from '@/lib/anomaly/format';
import type { AccountView, EntityView } from '@/lib/anomaly/account-view';
import type { Candidate, Detect } from '@/lib/anomaly/candidate';
import { defineDetector } from '@/lib/anomaly/candidate';
import type { Evidence } from '@/lib/anomaly/evidence';
import { chanceScore, needChance, RAISE, twoSdBand } from '@/lib/anomaly/evidence';
import { conversionExposure, sumOver, trafficOf } from '@/lib/anomaly/exposure';
import { mixAdjusted } from '@/lib/anomaly/mix';
import type { ScanSeries, ShiftTest } from '@/lib/anomaly/shift-scan';
import { scanCountShift, scanSeriesOf } from '@/lib/anomaly/shift-scan';
import { countLowerTail } from '@/lib/anomaly/statistics';

/**
 * Conversion tracking break: conversions fall to about zero while spend and clicks carry on. It
 * looks like success at first and buyers find it 3–5 days late (ads-domain.md), so it fires as soon
 * as the silence is improbable: the first full day for an entity with ~10 conversions a day, after
 * about four days for one with three.
 */

/** "About zero": at most a tenth of what the traffic should have converted. */
const NEAR_ZERO_SHARE = 0.1;
/** A day inside a silent run may keep up to half its conversions; the run as a whole a tenth. */
const DAY_SHARE_IN_RUN = 0.5;
/**
 * Chance of so few conversions without a break: about 10 expected conversions seen as none, more
 * when the usual rate rests on few conversions.
 */
const MAX_CHANCE = 1e-4;
const MIN_BASELINE_CONVERSIONS = 10;
/** The rate used to decide which recent days count as "about zero" comes from before these. */
const PROVISIONAL_GAP = 14;
/** A silent stretch that should have brought this many conversions is a break, not chance. */
const MIN_SILENT_RUN_EXPECTED = 5;
/** Days a break stays listed after conversions came back. */
const SHOWN_AFTER_RECOVERY = 3;

export const detectTrackingBreak: Detect = (entity, view, evidence = RAISE) => {
  const seriesOf = scanSeriesOf(
    (e) => e.series.conversions,
    (e) => conversionExposure(e, view),
  );
  const traffic = trafficOf(entity);
  // Days without traffic (a schedule's weekend) neither end a break nor show it is over.
  const withTraffic: number[] = [];
  for (let day = view.asOfIndex; day >= 0 && withTraffic.length <= SHOWN_AFTER_RECOVERY; day--) {
    if ((traffic[day] ?? 0) > 0 && (entity.series.spend[day] ?? 0) > 0) withTraffic.push(day);
  }
  for (const [i, end] of withTraffic.entries()) {
    const next = withTraffic[i - 1];
    const over = next !== undefined && (entity.series.conversions[next] ?? 0) > 0;
    if (i > 0 && !over) continue;
    const found = breakEndingOn(entity, view, { end, resumed: next, evidence }, seriesOf, traffic);
    if (found) return found;
  }
  return undefined;
};

/**
 * A break whose silent run ends on `end`: the latest day with traffic, or an earlier one when
 * conversions came back on `resumed`, so the gap in the data is still explained for a few days.
 */
function breakEndingOn(
  entity: EntityView,
  view: AccountView,
  { end, resumed, evidence }: { end: number; resumed: number | undefined; evidence: Evidence },
  seriesOf: (e: EntityView) => ScanSeries,
  traffic: Float64Array,
): Candidate | undefined {
  const series = seriesOf(entity);
  const from = silentRunStart(series, end);
  if (from === undefined) return undefined;
  const test = scanCountShift(series, {
    last: end,
    minDays: end - from + 1,
    maxDays: end - from + 1,
    minBaselineEvents: MIN_BASELINE_CONVERSIONS,
    minBaselineExposure: 1,
  })[0];
  if (!test) return undefined;
  // Held to each child's own conversion rate, so pausing the converting campaign is not a break.
  const mixed = mixAdjusted(entity, test.from, end, seriesOf, test.expected);
  if (!mixed || mixed.observed > NEAR_ZERO_SHARE * mixed.expected) return undefined;
  const chance = countLowerTail(
    mixed.observed,
    mixed.expected,
    test.baselineEvents,
    test.dispersion,
  );
  if (chance >= needChance(MAX_CHANCE, evidence)) return undefined;
  return describe(entity, view, { ...test, ...mixed }, { end, resumed }, traffic, chance);
}

/** First day of the trailing run of days with about no conversions; undefined without one. */
export function silentRunStart(series: ScanSeries, last: number): number | undefined {
  return silentRunEndingOn(
    series,
    last,
    rateBefore(series, last - PROVISIONAL_GAP),
    DAY_SHARE_IN_RUN,
  );
}

/**
 * The trailing run of about-zero days, when it should have brought enough conversions to be a
 * tracking question ({@link MIN_SILENT_RUN_EXPECTED}); two quiet days of a small campaign are not.
 */
export function telltaleSilence(series: ScanSeries, last: number): number | undefined {
  const rate = rateBefore(series, last - PROVISIONAL_GAP);
  const from = silentRunEndingOn(series, last, rate, NEAR_ZERO_SHARE);
  if (from === undefined || from === last) return undefined;
  return looksBroken(series, from, last, rate) ? from : undefined;
}

/**
 * The last day of the latest run of at least two days without conversions, where the traffic
 * should have brought a few, within `lookback` days: the tail of an earlier tracking break.
 */
export function latestSilentRunEnd(
  series: ScanSeries,
  last: number,
  lookback: number,
): number | undefined {
  const rate = rateBefore(series, last - lookback);
  for (let end = last; end > last - lookback; end--) {
    const from = silentRunEndingOn(series, end, rate, NEAR_ZERO_SHARE);
    if (from !== undefined && end - from >= 1 && looksBroken(series, from, end, rate)) return end;
  }
  return undefined;
}

/**
 * The earliest start of a run ending on `end` whose conversions are at most a tenth of what its
 * traffic should have brought, each day keeping at most `dayShare` of its own. Telling a break
 * allows half (what a broken pixel still sends: a stray conversion or two must not cut a break in
 * two); deciding that a CPA shift is a break's business instead asks every day to be about zero,
 * as a conversion rate down to a third has quiet days too.
 */
function silentRunEndingOn(
  series: ScanSeries,
  end: number,
  rate: number,
  dayShare: number,
): number | undefined {
  let observed = 0;
  let expected = 0;
  let start: number | undefined;
  for (let day = end; day >= 0; day--) {
    const dayExpected = rate * (series.exposure[day] ?? 0);
    const dayObserved = series.observed[day] ?? 0;
    if (dayObserved > Math.floor(dayShare * dayExpected)) break;
    observed += dayObserved;
    expected += dayExpected;
    if (observed <= NEAR_ZERO_SHARE * expected) start = day;
  }
  return start;
}

/** A run of days that should have brought a few conversions and brought about none. */
function looksBroken(series: ScanSeries, from: number, to: number, rate: number): boolean {
  const expected = rate * sumOver(series.exposure, from, to);
  const observed = sumOver(series.observed, from, to);
  return expected >= MIN_SILENT_RUN_EXPECTED && observed <= NEAR_ZERO_SHARE * expected;
}

/** Conversions per unit of exposure over the baseline before `day` (0 without one). */
function rateBefore(series: ScanSeries, day: number): number {
  const test = scanCountShift(series, {
    last: day,
    minDays: 1,
    maxDays: 1,
    minBaselineEvents: MIN_BASELINE_CONVERSIONS,
    minBaselineExposure: 1,
  })[0];
  return test?.baselineRate ?? 0;
}

function describe(
  entity: EntityView,
  view: AccountView,
  test: ShiftTest,
  { end, resumed }: { end: number; resumed: number | undefined },
  traffic: Float64Array,
  chance: number,
): Candidate {
  const { format } = view;
  const days = end - test.from + 1;
  const spend = sumOver(entity.series.spend, test.from, end);
  const clicks = sumOver(traffic, test.from, end);
  const sd = Math.sqrt(test.variance);
  const recovered = resumed !== undefined;
  const start = format.date(view.epochDay(test.from));
  const seen = clause(
    test.observed === 0
      ? message('findingTrackingNone', format.plural(days))
      : message('findingTrackingFew', format.plural(test.observed), format.plural(days)),
  );
  const account = entity.level === 'account';
  const expected = format.count(Math.round(test.expected));
  return {
    kind: 'tracking_break',
    entity,
    metric: 'conversions',
    severity: recovered ? 'warning' : 'critical',
    direction: 'down',
    from: test.from,
    to: end,
    actual: test.observed,
    expected: test.expected,
    ...twoSdBand(test.expected, sd),
    score: chanceScore(chance, MAX_CHANCE),
    summary: recovered
      ? message(
          account ? 'findingTrackingBreakRecoveredAccount' : 'findingTrackingBreakRecovered',
          seen,
          format.plural(days),
          start,
          format.date(view.epochDay(end)),
          expected,
          format.money(spend),
          format.plural(Math.round(clicks)),
          format.date(view.epochDay(resumed ?? end + 1)),
        )
      : message(
          account ? 'findingTrackingBreakOngoingAccount' : 'findingTrackingBreakOngoing',
          seen,
          expected,
          format.money(spend),
          format.plural(Math.round(clicks)),
          start,
        ),
    nextStep: message(
      recovered ? 'findingTrackingBreakRecoveredNext' : 'findingTrackingBreakOngoingNext',
      start,
    ),
    stake: spend / days,
    shortfall: test.expected - test.observed,
  };
}

/** Conversions fall to about zero while spend and clicks carry on. */
export const trackingBreak = defineDetector('tracking_break', detectTrackingBreak, {
  // With no conversions recorded, CPA and ROAS are wrong, not shifted.
  explains: ['cpa_shift', 'roas_shift'],
});
