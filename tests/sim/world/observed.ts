import type { Clock } from '../clock';
import { addDays, dateOfEpochDay, epochDay, localDate, localTimeToUnix } from './calendar';
import {
  CLICKS,
  IMPRESSIONS,
  LINK_CLICKS,
  METRICS,
  PURCHASES,
  PURCHASE_VALUE,
  REACH,
  SPEND,
  type MetricValues,
  type StatsTable,
} from './stats-table';
import type { AccountPlan } from './structure';
import type { DailyStats, RangeStats } from './types';

/**
 * The numbers as the API reports them at a given moment: simulated history, except that today is
 * only partly over (its numbers grow through the day) and conversions of the last 28 days are still
 * being attributed (they rise toward their final value hour by hour). Everything is computed from the
 * ads up, so ad sets still add up to their ads and campaigns to their ad sets at any moment.
 */

export const RESTATEMENT_DAYS = 28;
/** Share of a day's final conversions already attributed when the day ends. */
const ATTRIBUTED_AT_DAY_END = 0.8;
/** Hours over which the rest of the conversions trickle in (e-folding time). */
const ATTRIBUTION_HOURS = 48;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** An account, campaign, ad set or ad: its own row, and the contiguous run of its ads' rows. */
export interface StatsNode {
  readonly table: StatsTable;
  readonly row: number;
  readonly firstAd: number;
  readonly endAd: number;
  readonly children: readonly StatsNode[];
  /** New people per extra impression over a range: drives de-duplicated reach. */
  readonly newAudienceShare: number;
}

/** "Now" to the minute: the simulator's numbers move once a minute. */
interface Moment {
  readonly ms: number;
  readonly todayIndex: number;
  /** How much of today has passed, 0–1. */
  readonly dayFraction: number;
  /** Share of a past day's conversions attributed by now, indexed by days ago (1 = yesterday). */
  readonly attributed: Float64Array;
}

export class ObservedStats {
  private latest: Moment | undefined;

  constructor(
    private readonly plan: AccountPlan,
    private readonly ads: StatsTable,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return localDate(this.clock.now(), this.plan.account.timezoneName);
  }

  daily(node: StatsNode, since: string, until: string): DailyStats[] {
    const moment = this.moment();
    const [from, to] = this.window(moment, since, until);
    const rows: DailyStats[] = [];
    for (let day = from; day <= to; day++) {
      const values = this.valuesOn(node, day, moment);
      if (values.impressions > 0) rows.push({ date: this.dateOf(day), ...values });
    }
    return rows;
  }

  totals(node: StatsNode, since: string, until: string): RangeStats | undefined {
    const moment = this.moment();
    const [from, to] = this.window(moment, since, until);
    if (from > to) return undefined;
    const lastFullDay = Math.min(to, moment.todayIndex - 1);
    const { sums, maxDailyReach } =
      from <= lastFullDay
        ? node.table.sum(node.row, from, lastFullDay)
        : { sums: zeroValues(), maxDailyReach: 0 };
    const firstUnsettled = Math.max(from, moment.todayIndex - RESTATEMENT_DAYS + 1);
    for (let day = firstUnsettled; day <= lastFullDay; day++) {
      const share = moment.attributed[moment.todayIndex - day] ?? 1;
      const [final, attributed] = [
        this.conversions(node, day, 1),
        this.conversions(node, day, share),
      ];
      sums.purchases += attributed[0] - final[0];
      sums.purchaseValueMinor += attributed[1] - final[1];
    }
    let maxReach = maxDailyReach;
    if (to === moment.todayIndex) {
      const today = this.partialDay(node, to, moment.dayFraction);
      for (const metric of METRICS) sums[metric] += today[metric];
      maxReach = Math.max(maxReach, today.reach);
    }
    if (sums.impressions === 0) return undefined;
    // People reached on several days count once: the busiest day's reach plus a share of the rest.
    const reach = Math.round(maxReach + (sums.reach - maxReach) * node.newAudienceShare);
    return { ...sums, reach, dateStart: since, dateStop: until };
  }

  private moment(): Moment {
    const ms = Math.floor(this.clock.now() / MINUTE_MS) * MINUTE_MS;
    if (this.latest?.ms === ms) return this.latest;
    const { timezoneName } = this.plan.account;
    const today = localDate(ms, timezoneName);
    const dayStart = localTimeToUnix(today, timezoneName) * 1000;
    const attributed = new Float64Array(RESTATEMENT_DAYS).fill(1);
    for (let daysAgo = 1; daysAgo < RESTATEMENT_DAYS; daysAgo++) {
      const dayEnd = localTimeToUnix(addDays(today, 1 - daysAgo), timezoneName) * 1000;
      const hours = Math.max(0, (ms - dayEnd) / 3_600_000);
      attributed[daysAgo] = 1 - (1 - ATTRIBUTED_AT_DAY_END) * Math.exp(-hours / ATTRIBUTION_HOURS);
    }
    this.latest = {
      ms,
      todayIndex: epochDay(today) - this.plan.firstEpochDay,
      dayFraction: Math.min(1, Math.max(0, (ms - dayStart) / DAY_MS)),
      attributed,
    };
    return this.latest;
  }

  /** Day indices of [since, until] that have begun, clipped to the simulated days. */
  private window(moment: Moment, since: string, until: string): [number, number] {
    const first = this.plan.firstEpochDay;
    return [
      Math.max(0, epochDay(since) - first),
      Math.min(this.plan.days - 1, moment.todayIndex, epochDay(until) - first),
    ];
  }

  private dateOf(day: number): string {
    return dateOfEpochDay(this.plan.firstEpochDay + day);
  }

  private valuesOn(node: StatsNode, day: number, moment: Moment): MetricValues {
    if (day === moment.todayIndex) return this.partialDay(node, day, moment.dayFraction);
    const values = node.table.valuesOn(node.row, day);
    const share = moment.attributed[moment.todayIndex - day];
    if (share !== undefined && share < 1) {
      [values.purchases, values.purchaseValueMinor] = this.conversions(node, day, share);
    }
    return values;
  }

  /** A node's purchases and their value on a day with only `share` of them attributed so far. */
  private conversions(node: StatsNode, day: number, share: number): [number, number] {
    let purchases = 0;
    let value = 0;
    for (let ad = node.firstAd; ad < node.endAd; ad++) {
      const [adPurchases, adValue] = attribute(this.ads, ad, day, share);
      purchases += adPurchases;
      value += adValue;
    }
    return [purchases, value];
  }

  /** Today so far: every ad's day scaled by the time passed, summed up the tree. */
  private partialDay(node: StatsNode, day: number, fraction: number): MetricValues {
    if (node.children.length === 0) return partialAd(this.ads, node.row, day, fraction);
    const values = zeroValues();
    let largestReach = 0;
    for (const child of node.children) {
      const part = this.partialDay(child, day, fraction);
      for (const metric of METRICS) values[metric] += part[metric];
      largestReach = Math.max(largestReach, part.reach);
    }
    if (values.impressions === 0) return values;
    const scaled = Math.round(node.table.get(REACH, node.row, day) * fraction);
    values.reach = Math.min(values.reach, Math.max(largestReach, scaled));
    return values;
  }
}

function partialAd(ads: StatsTable, row: number, day: number, fraction: number): MetricValues {
  const values = zeroValues();
  const impressions = Math.round(ads.get(IMPRESSIONS, row, day) * fraction);
  if (impressions === 0) return values;
  values.impressions = impressions;
  values.spendMinor = Math.max(1, Math.round(ads.get(SPEND, row, day) * fraction));
  values.reach = Math.min(
    impressions,
    Math.max(1, Math.round(ads.get(REACH, row, day) * fraction)),
  );
  values.clicks = Math.round(ads.get(CLICKS, row, day) * fraction);
  values.inlineLinkClicks = Math.round(ads.get(LINK_CLICKS, row, day) * fraction);
  const [purchases, value] = attribute(ads, row, day, fraction * ATTRIBUTED_AT_DAY_END);
  values.purchases = purchases;
  values.purchaseValueMinor = value;
  return values;
}

/** An ad's purchases and their value with only `share` of them attributed so far. */
function attribute(ads: StatsTable, row: number, day: number, share: number): [number, number] {
  const final = ads.get(PURCHASES, row, day);
  if (final === 0) return [0, 0];
  const purchases = Math.round(final * share);
  return [purchases, Math.round((ads.get(PURCHASE_VALUE, row, day) * purchases) / final)];
}

function zeroValues(): MetricValues {
  return {
    spendMinor: 0,
    impressions: 0,
    reach: 0,
    clicks: 0,
    inlineLinkClicks: 0,
    purchases: 0,
    purchaseValueMinor: 0,
  };
}
