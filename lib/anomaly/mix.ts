import type { EntityView } from './account-view';
import { sumOver } from './exposure';
import { BASELINE_DAYS, type ScanSeries } from './shift-scan';

/**
 * Mix: a campaign's CPM, conversion rate or value per conversion also moves when its spend moves
 * between parts that differ (a pricier audience launched, the converting ad set paused, the
 * campaign budget favouring another ad set). That is composition, not a shift. The mix-adjusted
 * comparison holds every ad to its own baseline and adds them up, over the ads that have one.
 */

/** An ad needs this much baseline exposure, relative to its window exposure, to be judged. */
const MIN_BASELINE_SHARE = 0.5;
/** Ads with a baseline must carry this share of the window's exposure for a verdict. */
const MIN_COVERED_SHARE = 0.5;

export interface Comparison {
  readonly observed: number;
  readonly expected: number;
}

interface Tally {
  observed: number;
  expected: number;
  covered: number;
  total: number;
}

/**
 * Observed and expected events over `[from, last]`, expected from each ad's own baseline rate.
 * For an entity without children, its own totals against `ownExpected`; undefined when too little
 * of the window comes from ads with a baseline to tell a shift from a change of mix.
 */
export function mixAdjusted(
  entity: EntityView,
  from: number,
  last: number,
  seriesOf: (entity: EntityView) => ScanSeries,
  ownExpected: number,
): Comparison | undefined {
  if (entity.children.length === 0) {
    return { observed: sumOver(seriesOf(entity).observed, from, last), expected: ownExpected };
  }
  const tally: Tally = { observed: 0, expected: 0, covered: 0, total: 0 };
  addLeaves(entity, from, last, seriesOf, tally);
  return tally.total > 0 && tally.covered >= MIN_COVERED_SHARE * tally.total
    ? { observed: tally.observed, expected: tally.expected }
    : undefined;
}

function addLeaves(
  entity: EntityView,
  from: number,
  last: number,
  seriesOf: (entity: EntityView) => ScanSeries,
  tally: Tally,
): void {
  if (entity.children.length > 0) {
    for (const child of entity.children) addLeaves(child, from, last, seriesOf, tally);
    return;
  }
  const series = seriesOf(entity);
  const windowExposure = sumOver(series.exposure, from, last);
  if (windowExposure <= 0) return;
  tally.total += windowExposure;
  let baseEvents = 0;
  let baseExposure = 0;
  for (let day = Math.max(0, from - BASELINE_DAYS); day < from; day++) {
    if (series.excluded[day] === 1) continue;
    baseEvents += series.observed[day] ?? 0;
    baseExposure += series.exposure[day] ?? 0;
  }
  if (baseExposure < MIN_BASELINE_SHARE * windowExposure) return;
  tally.covered += windowExposure;
  tally.observed += sumOver(series.observed, from, last);
  tally.expected += (baseEvents / baseExposure) * windowExposure;
}
