import { unitHash } from '../../../support/hash';
import type { Currency, PlantedAnomaly, World } from '../../world/types';
import { METRICS, type Metric, type MetricValues } from '../../world/stats-table';

/**
 * Breakdowns split an entity's numbers across audience slices, day by day, so the slices of every
 * day (and so of every range) add up exactly to the entity's row, money to the minor unit.
 * Segments differ in price and response (Reels are cheaper per impression than Feed, older people
 * convert better) and jitter a little from day to day. Behind some planted problems sits a planted
 * segment: on the affected days that one segment carries the change while the others keep their
 * rates (a CPM surge from one placement, a CPA jump in one age group, a delivery spike on one
 * device). A delivery stop or a tracking break zeroes the entity's totals, so every segment stops
 * alike: nothing is planted behind them, and the explanation should say so.
 */

export const BREAKDOWNS = [
  'age',
  'gender',
  'country',
  'region',
  'publisher_platform',
  'platform_position',
  'device_platform',
  'impression_device',
] as const;

export type Breakdown = (typeof BREAKDOWNS)[number];

/** value, volume weight, CPM factor, CTR factor, conversion-rate factor */
type Profile = readonly [string, number, number, number, number];

/** Placements as `platform/position`: publisher_platform and platform_position are one family. */
const PLACEMENTS: readonly Profile[] = [
  ['facebook/feed', 0.3, 1.15, 1.1, 1.05],
  ['facebook/facebook_reels', 0.06, 0.75, 0.8, 0.8],
  ['facebook/facebook_stories', 0.05, 0.8, 0.7, 0.85],
  ['facebook/marketplace', 0.05, 0.9, 0.9, 0.9],
  ['facebook/video_feeds', 0.04, 0.85, 0.7, 0.8],
  ['facebook/right_hand_column', 0.02, 0.5, 0.4, 0.7],
  ['instagram/stream', 0.2, 1.3, 1.0, 1.1],
  ['instagram/instagram_reels', 0.11, 0.8, 0.9, 0.85],
  ['instagram/instagram_stories', 0.09, 0.9, 0.8, 0.9],
  ['instagram/instagram_explore', 0.02, 1.0, 0.8, 0.9],
  ['audience_network/classic', 0.03, 0.4, 0.6, 0.4],
  ['messenger/messenger_inbox', 0.02, 0.7, 0.6, 0.8],
  ['messenger/messenger_stories', 0.01, 0.6, 0.5, 0.7],
];

const PROFILES: Readonly<
  Record<
    Exclude<Breakdown, 'country' | 'region' | 'publisher_platform' | 'platform_position'>,
    readonly Profile[]
  >
> = {
  age: [
    ['18-24', 0.12, 0.8, 1.15, 0.6],
    ['25-34', 0.3, 0.95, 1.05, 0.9],
    ['35-44', 0.26, 1.05, 1.0, 1.1],
    ['45-54', 0.17, 1.1, 0.95, 1.15],
    ['55-64', 0.1, 1.1, 0.9, 1.2],
    ['65+', 0.05, 1.0, 0.85, 1.1],
  ],
  gender: [
    ['female', 0.54, 1.05, 1.05, 1.05],
    ['male', 0.43, 0.95, 0.95, 0.95],
    ['unknown', 0.03, 0.9, 0.9, 0.8],
  ],
  device_platform: [
    ['mobile_app', 0.83, 1.0, 1.0, 0.95],
    ['mobile_web', 0.07, 0.9, 0.8, 0.8],
    ['desktop', 0.1, 1.2, 1.1, 1.4],
  ],
  impression_device: [
    ['iphone', 0.46, 1.1, 1.0, 1.1],
    ['android_smartphone', 0.36, 0.9, 1.0, 0.85],
    ['desktop', 0.1, 1.2, 1.1, 1.4],
    ['ipad', 0.05, 1.0, 0.9, 1.0],
    ['other', 0.03, 0.8, 0.8, 0.7],
  ],
};

const COUNTRIES: Readonly<Record<Currency, readonly Profile[]>> = {
  USD: [
    ['US', 0.86, 1.0, 1.0, 1.0],
    ['CA', 0.09, 0.85, 1.0, 0.9],
    ['GB', 0.05, 0.95, 1.0, 0.9],
  ],
  EUR: [
    ['DE', 0.62, 1.0, 1.0, 1.0],
    ['AT', 0.14, 0.9, 1.0, 1.0],
    ['CH', 0.1, 1.3, 1.0, 1.1],
    ['NL', 0.08, 0.95, 1.0, 0.9],
    ['FR', 0.06, 0.9, 1.0, 0.85],
  ],
  JPY: [
    ['JP', 0.96, 1.0, 1.0, 1.0],
    ['US', 0.04, 1.1, 0.9, 0.7],
  ],
};

const REGIONS: Readonly<Record<Currency, readonly Profile[]>> = {
  USD: [
    ['California', 0.17, 1.2, 1.0, 1.05],
    ['Texas', 0.13, 0.95, 1.0, 1.0],
    ['Florida', 0.1, 0.95, 1.0, 0.95],
    ['New York', 0.09, 1.25, 1.0, 1.05],
    ['Illinois', 0.06, 1.0, 1.0, 1.0],
    ['Pennsylvania', 0.06, 0.95, 1.0, 1.0],
    ['Ohio', 0.05, 0.85, 1.0, 0.95],
    ['Georgia', 0.05, 0.9, 1.0, 0.95],
    ['Washington', 0.04, 1.1, 1.0, 1.05],
    ['Ontario', 0.05, 0.85, 1.0, 0.9],
    ['England', 0.05, 0.95, 1.0, 0.9],
    ['Other', 0.15, 0.85, 1.0, 0.9],
  ],
  EUR: [
    ['Bavaria', 0.16, 1.05, 1.0, 1.05],
    ['North Rhine-Westphalia', 0.17, 1.0, 1.0, 1.0],
    ['Baden-Württemberg', 0.12, 1.05, 1.0, 1.05],
    ['Berlin', 0.08, 1.15, 1.0, 0.95],
    ['Hamburg', 0.05, 1.1, 1.0, 1.0],
    ['Hesse', 0.06, 1.0, 1.0, 1.0],
    ['Vienna', 0.08, 0.95, 1.0, 1.0],
    ['Zurich', 0.06, 1.3, 1.0, 1.1],
    ['North Holland', 0.05, 0.95, 1.0, 0.9],
    ['Île-de-France', 0.04, 1.0, 1.0, 0.85],
    ['Other', 0.13, 0.9, 1.0, 0.95],
  ],
  JPY: [
    ['Tokyo', 0.34, 1.2, 1.0, 1.05],
    ['Osaka', 0.14, 1.05, 1.0, 1.0],
    ['Kanagawa', 0.1, 1.05, 1.0, 1.0],
    ['Aichi', 0.08, 0.95, 1.0, 1.0],
    ['Hokkaido', 0.06, 0.85, 1.0, 0.95],
    ['Fukuoka', 0.06, 0.9, 1.0, 0.95],
    ['Other', 0.22, 0.85, 1.0, 0.9],
  ],
};

type Family =
  'placement' | 'age' | 'gender' | 'country' | 'region' | 'device_platform' | 'impression_device';

const FAMILY_OF: Readonly<Record<Breakdown, Family>> = {
  age: 'age',
  gender: 'gender',
  country: 'country',
  region: 'region',
  publisher_platform: 'placement',
  platform_position: 'placement',
  device_platform: 'device_platform',
  impression_device: 'impression_device',
};

function profilesOf(family: Family, currency: Currency): readonly Profile[] {
  if (family === 'placement') return PLACEMENTS;
  if (family === 'country') return COUNTRIES[currency];
  if (family === 'region') return REGIONS[currency];
  return PROFILES[family];
}

/** Per metric (METRICS order), each value's share of the entity's day. */
type Shares = readonly (readonly number[])[];

/** A seeded, roughly normal number with the given spread: jitter of shares and rates. */
function jitter(key: string, spread: number): number {
  const u = unitHash(17, `${key}:a`) + unitHash(17, `${key}:b`) + unitHash(17, `${key}:c`) - 1.5;
  return Math.exp(spread * 2 * u);
}

function normalized(values: readonly number[]): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  return values.map((value) => (total > 0 ? value / total : 1 / values.length));
}

/**
 * A family's shares on one day for one entity: its typical mix and rates, perturbed per entity (no
 * two entities split alike) and jittered per day.
 */
function dayShares(subjectId: string, family: Family, currency: Currency, date: string): Shares {
  const profiles = profilesOf(family, currency);
  const rows = profiles.map(([value, weight, cpm, ctr, cvr]) => {
    const entity = `${subjectId}:${family}:${value}`;
    const day = `${entity}:${date}`;
    const impressions = weight * (0.6 + 0.8 * unitHash(11, entity)) * jitter(`${day}:w`, 0.06);
    const price = cpm * jitter(`${entity}:cpm`, 0.08) * jitter(`${day}:cpm`, 0.04);
    const clicks = impressions * ctr * jitter(`${entity}:ctr`, 0.08) * jitter(`${day}:ctr`, 0.05);
    const purchases = clicks * cvr * jitter(`${entity}:cvr`, 0.1) * jitter(`${day}:cvr`, 0.06);
    const purchaseValue = purchases * jitter(`${entity}:aov`, 0.08);
    const byMetric: Record<Metric, number> = {
      spendMinor: impressions * price,
      impressions,
      reach: impressions,
      clicks,
      inlineLinkClicks: clicks,
      purchases,
      purchaseValueMinor: purchaseValue,
    };
    return byMetric;
  });
  return METRICS.map((metric) => normalized(rows.map((row) => row[metric])));
}

/** Where a planted problem shows in the breakdowns: one segment, given as the API labels it. */
export interface PlantedSegment {
  readonly breakdown: 'platform_position' | 'age' | 'device_platform';
  /** platform_position values carry their platform: `instagram/instagram_reels`. */
  readonly value: string;
}

const PLANTED_CHOICES = {
  cpm_surge: {
    breakdown: 'platform_position',
    values: [
      'instagram/instagram_reels',
      'facebook/facebook_reels',
      'instagram/instagram_stories',
      'audience_network/classic',
    ],
  },
  cpa_jump: { breakdown: 'age', values: ['18-24', '55-64', '65+', '45-54'] },
  spend_spike: { breakdown: 'device_platform', values: ['desktop', 'mobile_web'] },
} as const;

/**
 * How the planted kinds move the entity's totals (metric → factor on the affected days) and how
 * much of the moved metric the other segments keep. The other segments keep their rates; the
 * planted segment takes the rest, so its share and its rate both move.
 */
const PLANTED_EFFECT: Readonly<
  Record<
    keyof typeof PLANTED_CHOICES,
    { factor: Partial<Record<Metric, number>>; others: number; key: Metric; keep: number }
  >
> = {
  cpm_surge: {
    factor: {
      impressions: 1 / 2.2,
      reach: 1 / 2.2,
      clicks: 1 / 2.2,
      inlineLinkClicks: 1 / 2.2,
      purchases: 1 / 2.2,
      purchaseValueMinor: 1 / 2.2,
    },
    others: 1,
    key: 'impressions',
    keep: 0.55,
  },
  cpa_jump: {
    factor: { purchases: 0.35, purchaseValueMinor: 0.35 },
    others: 1,
    key: 'purchases',
    keep: 0.5,
  },
  spend_spike: { factor: {}, others: 3.5, key: 'spendMinor', keep: 1 / 3.5 },
};

/** The planted segment behind an anomaly, or none (nothing to localise). */
export function plantedSegment(anomaly: PlantedAnomaly): PlantedSegment | undefined {
  if (!(anomaly.kind in PLANTED_CHOICES)) return undefined;
  const choice = PLANTED_CHOICES[anomaly.kind as keyof typeof PLANTED_CHOICES];
  const index = Math.floor(unitHash(23, anomaly.entityId) * choice.values.length);
  return { breakdown: choice.breakdown, value: choice.values[index] ?? choice.values[0] };
}

/** The family's shares on an affected day: the planted segment carries the change. */
function plantedShares(normal: Shares, family: Family, anomaly: PlantedAnomaly): Shares {
  const segment = plantedSegment(anomaly);
  const effect = PLANTED_EFFECT[anomaly.kind as keyof typeof PLANTED_EFFECT];
  if (!segment || !effect || FAMILY_OF[segment.breakdown] !== family) return normal;
  const profiles = profilesOf(family, 'USD');
  const planted = profiles.findIndex(([value]) => value === segment.value);
  if (planted < 0) return normal;
  const factorOf = (metric: Metric) => effect.factor[metric] ?? effect.others;
  const keyShare = normal[METRICS.indexOf(effect.key)]?.[planted] ?? 0;
  // The other segments' volume against their normal day, so they keep `keep` of the key metric.
  const volume = (effect.keep * factorOf(effect.key)) / (1 - keyShare);
  return METRICS.map((metric, m) => {
    const shares = normal[m] ?? [];
    const own = shares[planted] ?? 0;
    const others = Math.min(0.98, (volume * (1 - own)) / factorOf(metric));
    return shares.map((share, index) =>
      index === planted ? 1 - others : (share * others) / (1 - own),
    );
  });
}

export interface BreakdownCell {
  /** Breakdown name → value, e.g. { age: '25-34', gender: 'female' }. */
  readonly labels: Readonly<Record<string, string>>;
  readonly values: MetricValues;
}

/** One day of an entity, or the part of it a planted anomaly below it carries. */
interface DayPart {
  readonly date: string;
  readonly values: MetricValues;
  readonly anomaly?: PlantedAnomaly;
}

/** Planted anomalies on the subject, above it (the subject is under the planted entity) or below it. */
function relatedAnomalies(world: World, subjectId: string) {
  const subject = world.entity(subjectId);
  const accountId = subject?.accountId ?? subjectId.replace(/^act_/, '');
  const covering: PlantedAnomaly[] = [];
  const below: PlantedAnomaly[] = [];
  for (const anomaly of world.anomalies) {
    if (anomaly.accountId !== accountId || !plantedSegment(anomaly)) continue;
    if (
      anomaly.entityId === subjectId ||
      subject?.campaignId === anomaly.entityId ||
      subject?.adsetId === anomaly.entityId
    ) {
      covering.push(anomaly);
      continue;
    }
    const planted = world.entity(anomaly.entityId);
    if (!subject || planted?.campaignId === subjectId || planted?.adsetId === subjectId) {
      below.push(anomaly);
    }
  }
  return { covering, below };
}

const affects = (anomaly: PlantedAnomaly, date: string) =>
  date >= anomaly.startDate && (anomaly.endDate === undefined || date <= anomaly.endDate);

const toValues = (day: MetricValues): MetricValues =>
  Object.fromEntries(METRICS.map((metric) => [metric, day[metric]])) as MetricValues;

function dayParts(world: World, subjectId: string, since: string, until: string): DayPart[] {
  const { covering, below } = relatedAnomalies(world, subjectId);
  const belowDays = below.map((anomaly) => ({
    anomaly,
    byDate: new Map(world.daily(anomaly.entityId, since, until).map((day) => [day.date, day])),
  }));
  return world.daily(subjectId, since, until).flatMap((day): DayPart[] => {
    const onDay = covering.find((anomaly) => affects(anomaly, day.date));
    if (onDay) return [{ date: day.date, values: toValues(day), anomaly: onDay }];
    const rest = toValues(day);
    const parts: DayPart[] = [];
    for (const { anomaly, byDate } of belowDays) {
      const child = byDate.get(day.date);
      if (!child || !affects(anomaly, day.date)) continue;
      const values = toValues(child);
      for (const metric of METRICS) rest[metric] -= values[metric];
      parts.push({ date: day.date, values, anomaly });
    }
    return [{ date: day.date, values: rest }, ...parts];
  });
}

/**
 * Every combination of the breakdowns' values with its part of the range's numbers; slices without
 * impressions dropped. `total` is the range's row (its reach is spread by impressions).
 */
export function splitByBreakdowns(
  world: World,
  subjectId: string,
  currency: Currency,
  breakdowns: readonly Breakdown[],
  range: { readonly since: string; readonly until: string },
  total: MetricValues,
): BreakdownCell[] {
  const families = [...new Set(breakdowns.map((breakdown) => FAMILY_OF[breakdown]))];
  const cells = new Map<string, { labels: Record<string, string>; values: MetricValues }>();
  for (const part of dayParts(world, subjectId, range.since, range.until)) {
    let combos: { labels: Record<string, string>; shares: number[] }[] = [
      { labels: {}, shares: METRICS.map(() => 1) },
    ];
    for (const family of families) {
      const normal = dayShares(subjectId, family, currency, part.date);
      const shares = part.anomaly ? plantedShares(normal, family, part.anomaly) : normal;
      const values = profilesOf(family, currency).map(([value]) => value);
      combos = combos.flatMap((combo) =>
        values.map((value, index) => ({
          labels: { ...combo.labels, ...labelsOf(family, value, breakdowns) },
          shares: combo.shares.map((share, m) => share * (shares[m]?.[index] ?? 0)),
        })),
      );
    }
    const allocations = METRICS.map((metric, m) =>
      allocate(
        Math.max(0, part.values[metric]),
        combos.map((combo) => combo.shares[m] ?? 0),
      ),
    );
    combos.forEach((combo, index) => {
      const key = JSON.stringify(combo.labels);
      const cell =
        cells.get(key) ??
        cells
          .set(key, {
            labels: combo.labels,
            values: Object.fromEntries(METRICS.map((metric) => [metric, 0])) as MetricValues,
          })
          .get(key)!;
      METRICS.forEach((metric, m) => (cell.values[metric] += allocations[m]?.[index] ?? 0));
    });
  }
  const list = [...cells.values()];
  const reach = allocate(
    total.reach,
    list.map((cell) => cell.values.impressions),
  );
  return list
    .map((cell, index) => ({
      labels: cell.labels,
      values: { ...cell.values, reach: Math.min(reach[index] ?? 0, cell.values.impressions) },
    }))
    .filter((cell) => cell.values.impressions > 0);
}

function labelsOf(family: Family, value: string, breakdowns: readonly Breakdown[]) {
  if (family !== 'placement') return { [family]: value };
  const [platform = '', position = ''] = value.split('/');
  return {
    ...(breakdowns.includes('publisher_platform') ? { publisher_platform: platform } : {}),
    ...(breakdowns.includes('platform_position') ? { platform_position: position } : {}),
  };
}

/** Splits an integer by weights with the largest-remainder method, so the parts sum to the whole. */
function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left--;
  }
  return parts;
}
