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
export const conversionExposure = perEntity((entity, view) =>
  trafficOf(entity).map(
    (value, day) => value * (view.profile.cvr[view.weekday(day)] ?? 1) * view.completeness(day),
  ),
);

/** Impressions weighted by the weekday CTR rhythm. */
export const clickExposure = perEntity((entity, view) =>
  entity.series.impressions.map((value, day) => value * (view.profile.ctr[view.weekday(day)] ?? 1)),
);

/** Thousands of impressions weighted by the weekday CPM rhythm: spend over it is CPM. */
export const cpmExposure = perEntity((entity, view) =>
  entity.series.impressions.map(
    (value, day) => (value / 1000) * (view.profile.cpm[view.weekday(day)] ?? 1),
  ),
);

type Exposure = (entity: EntityView, view: AccountView) => Float64Array;

/**
 * Each entity's exposure is made once per run and then shared (read only): a parent's checks hold
 * every ad to its own baseline, and building all 5,000 ads' series inside the account's one step
 * was the engine's longest stretch without a pause (issue 17). The engine visits the ads first,
 * so each ad's series is built in its own step.
 */
function perEntity(compute: Exposure): Exposure {
  const made = new WeakMap<AccountView, WeakMap<EntityView, Float64Array>>();
  return (entity, view) => {
    let ofView = made.get(view);
    if (!ofView) made.set(view, (ofView = new WeakMap()));
    let exposure = ofView.get(entity);
    if (!exposure) ofView.set(entity, (exposure = compute(entity, view)));
    return exposure;
  };
}

/** Sum of `values[from..to]`, both inclusive. */
export function sumOver(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let day = Math.max(0, from); day <= to; day++) sum += values[day] ?? 0;
  return sum;
}
