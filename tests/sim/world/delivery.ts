import { factorsOn, type AnomalyEffect } from './anomalies';
import { createRandom, type Random } from '../../support/random';
import {
  CLICKS,
  IMPRESSIONS,
  LINK_CLICKS,
  PURCHASES,
  PURCHASE_VALUE,
  REACH,
  SPEND,
  StatsTable,
} from './stats-table';
import type { AccountPlan, Budget, PlannedEntity } from './structure';

/**
 * Day-by-day delivery of every ad. Budgets set the spend (with weekly rhythm and noise), campaign
 * budgets move spend between ad sets, and each ad turns its spend into impressions, clicks and
 * purchases through its own rates, so a budget change scales volume while ratios hold.
 */

// Indexed by weekday, Sunday first.
const WEEKDAY_SPEND = [0.96, 1.02, 1.03, 1.02, 1.0, 0.97, 0.94];
const WEEKDAY_CPM = [0.93, 1.04, 1.06, 1.04, 1.0, 0.97, 0.92];
const WEEKDAY_CTR = [1.03, 0.98, 0.98, 0.99, 1.0, 1.01, 1.03];
const WEEKDAY_CVR = [1.08, 0.95, 0.96, 0.98, 1.0, 1.03, 1.07];
const LEARNING_DAYS = 7;

export function simulateDelivery(
  seed: number,
  accountIndex: number,
  plan: AccountPlan,
  effectsByAd: ReadonlyMap<number, readonly AnomalyEffect[]>,
): StatsTable {
  const ads = new StatsTable(plan.ads.length, plan.days);
  for (const campaign of plan.campaigns) {
    const random = createRandom(seed, `delivery:${accountIndex}:${campaign.row}`);
    const simulator = new CampaignSimulator(plan, campaign, random, ads, effectsByAd);
    const first = Math.max(0, campaign.deliveryStart);
    const last = Math.min(plan.days, campaign.deliveryStop);
    for (let day = first; day < last; day++) simulator.simulateDay(day);
  }
  return ads;
}

class CampaignSimulator {
  /** Log-weights of ad sets under a campaign budget: the auction keeps reshuffling spend. */
  private readonly drift: Float64Array;

  constructor(
    private readonly plan: AccountPlan,
    private readonly campaign: PlannedEntity,
    private readonly random: Random,
    private readonly table: StatsTable,
    private readonly effectsByAd: ReadonlyMap<number, readonly AnomalyEffect[]>,
  ) {
    this.drift = new Float64Array(campaign.children.length);
  }

  simulateDay(day: number): void {
    const weekdayIndex = (((this.plan.firstEpochDay + day + 4) % 7) + 7) % 7;
    const campaignBudget = this.campaign.budget;
    if (campaignBudget) {
      const spend =
        budgetOn(campaignBudget, day) * this.utilisation(weekdayIndex, day, this.campaign);
      this.splitAcrossAdsets(spend, day, weekdayIndex);
      return;
    }
    for (const adset of this.campaign.children) {
      if (!adset.budget || !deliversOn(adset, day)) continue;
      const spend = budgetOn(adset.budget, day) * this.utilisation(weekdayIndex, day, adset);
      this.splitAcrossAds(adset, spend, day, weekdayIndex);
    }
  }

  private utilisation(weekdayIndex: number, day: number, owner: PlannedEntity): number {
    const age = day - owner.startDay;
    const learningNoise = age < LEARNING_DAYS ? this.random.logNormal(0.25) : 1;
    const ramp = age < 2 ? 0.6 : 1;
    const value =
      0.88 *
      (WEEKDAY_SPEND[weekdayIndex] ?? 1) *
      this.random.logNormal(0.07) *
      learningNoise *
      ramp;
    return Math.min(1.75, Math.max(0.2, value));
  }

  private splitAcrossAdsets(spend: number, day: number, weekdayIndex: number): void {
    const adsets = this.campaign.children;
    const weights = adsets.map((adset, i) => {
      this.drift[i] = 0.9 * (this.drift[i] ?? 0) + 0.12 * this.random.normal();
      const live = deliversOn(adset, day) && adset.children.some((ad) => deliversOn(ad, day));
      return live ? adset.weight * Math.exp(this.drift[i] ?? 0) : 0;
    });
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (total === 0) return;
    adsets.forEach((adset, i) => {
      const weight = weights[i] ?? 0;
      if (weight > 0) this.splitAcrossAds(adset, (spend * weight) / total, day, weekdayIndex);
    });
  }

  private splitAcrossAds(
    adset: PlannedEntity,
    spend: number,
    day: number,
    weekdayIndex: number,
  ): void {
    const weights = adset.children.map((ad) =>
      deliversOn(ad, day) ? ad.weight * this.random.logNormal(0.15) : 0,
    );
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (total === 0) return;
    const budgetLift = this.budgetLift(adset, day);
    adset.children.forEach((ad, i) => {
      const weight = weights[i] ?? 0;
      if (weight > 0) this.deliverAd(ad, (spend * weight) / total, day, weekdayIndex, budgetLift);
    });
  }

  /** Budget raised above its original level: each extra unit buys slightly pricier impressions. */
  private budgetLift(adset: PlannedEntity, day: number): number {
    const budget = adset.budget ?? this.campaign.budget;
    if (!budget) return 1;
    const original = budget.segments[0]?.dailyMinor ?? 1;
    return Math.pow(budgetOn(budget, day) / original, 0.08);
  }

  private deliverAd(
    ad: PlannedEntity,
    plannedSpend: number,
    day: number,
    weekdayIndex: number,
    budgetLift: number,
  ): void {
    const random = this.random;
    const factors = factorsOn(this.effectsByAd.get(ad.row), day);
    const learning = day - (ad.parent?.startDay ?? ad.startDay) < LEARNING_DAYS;
    const rates = ad.rates;
    const spend = plannedSpend * factors.spend;
    const cpm =
      rates.cpmMinor *
      (WEEKDAY_CPM[weekdayIndex] ?? 1) *
      budgetLift *
      factors.cpm *
      random.logNormal(learning ? 0.15 : 0.06);
    const impressions = Math.round((spend / cpm) * 1000);
    if (impressions <= 0) return;
    const ctr = rates.ctr * (WEEKDAY_CTR[weekdayIndex] ?? 1) * factors.ctr * random.logNormal(0.05);
    const clicks = Math.min(impressions, random.poisson(impressions * ctr));
    const linkClicks = Math.min(clicks, Math.round(clicks * rates.linkShare));
    const cvr = rates.cvr * (WEEKDAY_CVR[weekdayIndex] ?? 1) * factors.cvr * (learning ? 0.8 : 1);
    const purchases = random.poisson(linkClicks * cvr);
    const frequency = rates.frequency * factors.frequency * random.logNormal(0.03);
    const row = ad.row;
    const t = this.table;
    t.set(SPEND, row, day, Math.max(1, Math.round(spend)));
    t.set(IMPRESSIONS, row, day, impressions);
    t.set(REACH, row, day, Math.min(impressions, Math.max(1, Math.round(impressions / frequency))));
    t.set(CLICKS, row, day, clicks);
    t.set(LINK_CLICKS, row, day, linkClicks);
    t.set(PURCHASES, row, day, purchases);
    t.set(
      PURCHASE_VALUE,
      row,
      day,
      purchases > 0 ? Math.round(purchases * rates.aovMinor * random.logNormal(0.15)) : 0,
    );
  }
}

function deliversOn(entity: PlannedEntity, day: number): boolean {
  return day >= entity.deliveryStart && day < entity.deliveryStop;
}

function budgetOn(budget: Budget, day: number): number {
  let level = budget.segments[0]?.dailyMinor ?? 0;
  for (const segment of budget.segments) if (segment.fromDay <= day) level = segment.dailyMinor;
  return level;
}
