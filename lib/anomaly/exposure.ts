import type { AccountView, EntityView } from './account-view';

/**
 * What each rate is measured against, per day, scaled by the account's weekday rhythm so Saturday is
 * compared with what a Saturday should bring.
 */

/** Link clicks when the entity reports them, else all clicks: conversions follow clicks. */
export function trafficOf(entity: EntityView): Float64Array {
  const { linkClicks, clicks } = entity.series;
  return linkClicks.some((value) => value > 0) ? linkClicks : clicks;
}

/**
 * Traffic weighted by the weekday conversion rhythm and by how much of each day's conversions is
 * already reported (the freshest days are restated upwards for days).
 */
export function conversionExposure(entity: EntityView, view: AccountView): Float64Array {
  const traffic = trafficOf(entity);
  return traffic.map(
    (value, day) => value * (view.profile.cvr[view.weekday(day)] ?? 1) * view.completeness(day),
  );
}

/** Impressions weighted by the weekday CTR rhythm. */
export function clickExposure(entity: EntityView, view: AccountView): Float64Array {
  return entity.series.impressions.map(
    (value, day) => value * (view.profile.ctr[view.weekday(day)] ?? 1),
  );
}

/** Thousands of impressions weighted by the weekday CPM rhythm: spend over it is CPM. */
export function cpmExposure(entity: EntityView, view: AccountView): Float64Array {
  return entity.series.impressions.map(
    (value, day) => (value / 1000) * (view.profile.cpm[view.weekday(day)] ?? 1),
  );
}

/** Sum of `values[from..to]`, both inclusive. */
export function sumOver(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let day = Math.max(0, from); day <= to; day++) sum += values[day] ?? 0;
  return sum;
}
