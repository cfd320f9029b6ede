import type { AccountInput, DailyRow, EntityNode } from '@/lib/anomaly';
import { createBenchRandom } from '@/tests/support/random';

/**
 * Small, seeded accounts for the engine's tests: one day's numbers come from spend and rates, with
 * count noise, so a test states what changed (a budget, a rate, a status) and nothing else.
 */

export const AS_OF = '2025-03-31';
const AS_OF_DAY = Date.UTC(2025, 2, 31) / 86_400_000;
export const HISTORY_DAYS = 90;

/** Day 0 is the first day of history, day HISTORY_DAYS - 1 is AS_OF. */
export function dateOf(day: number): string {
  return new Date((AS_OF_DAY - HISTORY_DAYS + 1 + day) * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday. */
export function weekdayOf(day: number): number {
  return (((AS_OF_DAY - HISTORY_DAYS + 1 + day + 4) % 7) + 7) % 7;
}

export interface Delivery {
  /** Minor units spent that day (0 = no delivery). */
  spend: number;
  cpm: number;
  ctr: number;
  linkShare: number;
  /** Conversions per link click. */
  cvr: number;
  /** Value per conversion, minor units. */
  aov: number;
  frequency: number;
}

export const TYPICAL: Readonly<Delivery> = {
  spend: 50_000,
  cpm: 1_000,
  ctr: 0.015,
  linkShare: 0.7,
  cvr: 0.03,
  aov: 6_000,
  frequency: 1.3,
};

/** Daily rows with Poisson clicks and conversions and a little price noise, seeded. */
export function rowsFor(
  seed: string,
  deliveryOn: (day: number) => Partial<Delivery> | undefined,
  days = HISTORY_DAYS,
): DailyRow[] {
  const random = createBenchRandom(1, seed);
  const rows: DailyRow[] = [];
  for (let day = 0; day < days; day++) {
    const change = deliveryOn(day);
    if (change === undefined) continue;
    const d = { ...TYPICAL, ...change };
    const spend = Math.round(d.spend * random.logNormal(0.05));
    if (spend <= 0) continue;
    const impressions = Math.round((spend / (d.cpm * random.logNormal(0.04))) * 1000);
    const clicks = random.poisson(impressions * d.ctr);
    const linkClicks = random.binomial(clicks, d.linkShare);
    const conversions = random.poisson(linkClicks * d.cvr);
    rows.push({
      date: dateOf(day),
      spendMinor: spend,
      impressions,
      reach: Math.max(1, Math.round(impressions / d.frequency)),
      clicks,
      linkClicks,
      conversions,
      conversionValueMinor: Math.round(conversions * d.aov * random.logNormal(0.05)),
    });
  }
  return rows;
}

/** The rows of a parent as the Insights API sums them. */
export function sumRows(...children: readonly DailyRow[][]): DailyRow[] {
  const byDate = new Map<string, DailyRow>();
  for (const row of children.flat()) {
    const sum = byDate.get(row.date);
    byDate.set(
      row.date,
      sum
        ? {
            date: row.date,
            spendMinor: sum.spendMinor + row.spendMinor,
            impressions: sum.impressions + row.impressions,
            reach: sum.reach + row.reach,
            clicks: sum.clicks + row.clicks,
            linkClicks: sum.linkClicks + row.linkClicks,
            conversions: sum.conversions + row.conversions,
            conversionValueMinor: sum.conversionValueMinor + row.conversionValueMinor,
          }
        : row,
    );
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export interface Tree {
  readonly entities: EntityNode[];
  readonly daily: Map<string, DailyRow[]>;
}

/**
 * One campaign with one ad set per entry of `adsets` and one ad each, each ad delivering as given.
 * The ad set owns a daily budget unless the campaign does (CBO).
 */
export function campaignOf(
  campaignId: string,
  adsets: readonly {
    readonly id: string;
    readonly rows: DailyRow[];
    readonly node?: Partial<EntityNode>;
  }[],
  campaign: Partial<EntityNode> = {},
): Tree {
  const entities: EntityNode[] = [
    {
      id: campaignId,
      level: 'campaign',
      effectiveStatus: 'ACTIVE',
      startDate: '2024-06-01',
      ...campaign,
    },
  ];
  const daily = new Map<string, DailyRow[]>();
  const cbo = campaign.dailyBudgetMinor !== undefined;
  for (const adset of adsets) {
    const adId = `${adset.id}-ad`;
    entities.push(
      {
        id: adset.id,
        level: 'adset',
        campaignId,
        effectiveStatus: 'ACTIVE',
        startDate: '2024-06-01',
        ...(cbo || adset.node?.lifetimeBudgetMinor ? {} : { dailyBudgetMinor: 55_000 }),
        ...adset.node,
      },
      {
        id: adId,
        level: 'ad',
        campaignId,
        adsetId: adset.id,
        effectiveStatus: adset.node?.effectiveStatus === 'PAUSED' ? 'ADSET_PAUSED' : 'ACTIVE',
        startDate: adset.node?.startDate ?? '2024-06-01',
      },
    );
    daily.set(adset.id, adset.rows);
    daily.set(adId, adset.rows);
  }
  daily.set(campaignId, sumRows(...adsets.map((adset) => adset.rows)));
  return { entities, daily };
}

export function accountOf(...trees: readonly Tree[]): AccountInput {
  const daily = new Map<string, DailyRow[]>();
  for (const tree of trees) for (const [id, rows] of tree.daily) daily.set(id, rows);
  return {
    accountId: 'act_1',
    currency: 'USD',
    entities: trees.flatMap((tree) => tree.entities),
    daily,
  };
}

/** Days counted back from AS_OF: `recent(0)` is AS_OF itself. */
export function recent(daysAgo: number): number {
  return HISTORY_DAYS - 1 - daysAgo;
}

/** The tree next to a healthy control campaign, as most accounts have more than one campaign. */
export function withControl(tree: Tree): AccountInput {
  return accountOf(
    tree,
    campaignOf('control', [{ id: 'control-s', rows: rowsFor('control', () => ({})) }]),
  );
}
