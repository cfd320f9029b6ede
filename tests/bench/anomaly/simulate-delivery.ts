import { createBenchRandom, type Random } from '../../support/random';
import {
  DAYS,
  FIRST_EPOCH_DAY,
  budgetOn,
  emptyColumns,
  type BudgetSegment,
  type Columns,
  type Effect,
  type Rhythm,
  type WorldEntity,
} from './world-types';

/**
 * Day-by-day delivery of every ad. Budgets set spend (weekday rhythm, noise, a noisy ramp while
 * learning), campaign budgets reshuffle spend between ad sets every day, and each ad turns spend
 * into impressions, clicks and conversions through its own rates with drifting levels and count
 * noise, so a budget change scales volume while ratios hold (a little pricier at higher budgets).
 * Noise follows ads-domain.md: CPM 5–15 % by weekday, conversions Poisson with extra day-to-day
 * variation (3 a day swing about ±60 %).
 */

const LEARNING_DAYS = 7;

export interface DeliveryInput {
  readonly seed: number;
  readonly accountKey: string;
  readonly campaigns: readonly WorldEntity[];
  readonly rhythm: Rhythm;
  readonly accountEffects: readonly Effect[];
}

/** Final (fully restated) columns per ad id. */
export function simulateDelivery(input: DeliveryInput): Map<string, Columns> {
  const byAd = new Map<string, Columns>();
  const accountRandom = createBenchRandom(input.seed, `${input.accountKey}:market`);
  const marketCpm = driftPath(accountRandom, 0.01, 0.97);
  for (const campaign of input.campaigns) {
    const random = createBenchRandom(input.seed, `${input.accountKey}:${campaign.id}`);
    const campaignSimulator = new CampaignDelivery(input, campaign, random, marketCpm, byAd);
    for (let day = 0; day < DAYS; day++) campaignSimulator.simulateDay(day);
  }
  return byAd;
}

/** A mean-reverting log-level: the slow wander of prices and rates nobody should alarm on. */
function driftPath(random: Random, sigma: number, persistence: number): Float64Array {
  const path = new Float64Array(DAYS);
  let level = 0;
  for (let day = 0; day < DAYS; day++) {
    level = persistence * level + sigma * random.normal();
    path[day] = Math.exp(level);
  }
  return path;
}

function weekdayOf(day: number): number {
  return (((FIRST_EPOCH_DAY + day + 4) % 7) + 7) % 7;
}

function active(effect: Effect, day: number): boolean {
  return day >= effect.startDay && day <= effect.endDay;
}

function breaksPacing(owner: WorldEntity, day: number): boolean {
  return owner.effects.some(
    (effect) =>
      (effect.kind === 'overspend' || effect.kind === 'spend_spike') && active(effect, day),
  );
}

function delivers(entity: WorldEntity, day: number): boolean {
  for (let e: WorldEntity | undefined = entity; e; e = e.parent) {
    if (day < e.startDay || day >= e.pauseDay || day > e.endDay) return false;
    if (e.effects.some((effect) => effect.kind === 'delivery_stop' && active(effect, day))) {
      return false;
    }
  }
  return true;
}

function anyAdDelivers(entity: WorldEntity, day: number): boolean {
  if (entity.level === 'ad') return delivers(entity, day);
  return entity.children.some((child) => anyAdDelivers(child, day));
}

/** Day index from which the owner learns: launch, or the last budget edit of 30 % or more. */
function learningStart(owner: WorldEntity, day: number): number {
  let start = owner.startDay;
  const segments = owner.budget ?? [];
  for (let i = 1; i < segments.length; i++) {
    const before = segments[i - 1]?.dailyMinor ?? 0;
    const segment = segments[i];
    if (!segment || segment.fromDay > day) continue;
    if (Math.abs(segment.dailyMinor / before - 1) >= 0.3) start = Math.max(start, segment.fromDay);
  }
  return start;
}

class CampaignDelivery {
  private readonly adsetDrift = new Map<WorldEntity, number>();
  private readonly adCpmDrift = new Map<WorldEntity, number>();
  private readonly adCtrDrift = new Map<WorldEntity, number>();
  /** Spend so far in the current Sunday–Saturday week, per budget owner. */
  private readonly weekSpent = new Map<WorldEntity, Map<number, number>>();

  constructor(
    private readonly input: DeliveryInput,
    private readonly campaign: WorldEntity,
    private readonly random: Random,
    private readonly marketCpm: Float64Array,
    private readonly byAd: Map<string, Columns>,
  ) {}

  simulateDay(day: number): void {
    const campaign = this.campaign;
    if (campaign.budget) {
      if (!delivers(campaign, day) || !anyAdDelivers(campaign, day)) return;
      this.splitAcrossAdsets(this.ownerSpend(campaign, campaign.budget, day), day);
      return;
    }
    for (const adset of campaign.children) {
      if (!delivers(adset, day) || !anyAdDelivers(adset, day)) continue;
      if (adset.budget) {
        this.splitAcrossAds(adset, this.ownerSpend(adset, adset.budget, day), day);
      } else if (adset.lifetimePace !== undefined) {
        const weekday = weekdayOf(day);
        const scheduled = weekday >= 1 && weekday <= 5;
        if (scheduled)
          this.splitAcrossAds(adset, adset.lifetimePace * this.random.logNormal(0.07), day);
      }
    }
  }

  /**
   * Meta paces a daily budget over the calendar week: whatever the day's draw, a week under one
   * budget stays within 7x the daily budget, unless a planted overspend or spike breaks the rule.
   * (After a mid-week edit, pacing restarts; it is not modelled.)
   */
  private ownerSpend(owner: WorldEntity, budget: readonly BudgetSegment[], day: number): number {
    const weekStart = day - weekdayOf(day);
    const spentBefore = this.weekSpent.get(owner)?.get(weekStart) ?? 0;
    const planned = budgetOn(budget, day) * this.utilisation(owner, day);
    let steady = true;
    for (let d = weekStart; d < weekStart + 7; d++) {
      steady &&= budgetOn(budget, d) === budgetOn(budget, weekStart) && !breaksPacing(owner, d);
    }
    const ceiling = 7 * budgetOn(budget, weekStart);
    const spend = steady ? Math.max(0, Math.min(planned, ceiling - spentBefore)) : planned;
    const weeks = this.weekSpent.get(owner) ?? new Map<number, number>();
    weeks.set(weekStart, spentBefore + spend);
    this.weekSpent.set(owner, weeks);
    return spend;
  }

  private utilisation(owner: WorldEntity, day: number): number {
    const age = day - learningStart(owner, day);
    let value = 0.9 * (this.input.rhythm.spend[weekdayOf(day)] ?? 1) * this.random.logNormal(0.07);
    if (age < LEARNING_DAYS) value *= this.random.logNormal(0.25) * (age < 2 ? 0.6 : 1);
    value = Math.min(1.6, Math.max(0.1, value));
    for (const effect of owner.effects) {
      if (!active(effect, day)) continue;
      if (effect.kind === 'spend_spike' || effect.kind === 'under_delivery')
        value *= effect.magnitude;
      if (effect.kind === 'overspend') value = effect.magnitude * this.random.logNormal(0.03);
    }
    return value;
  }

  private splitAcrossAdsets(spend: number, day: number): void {
    const adsets = this.campaign.children;
    const weights = adsets.map((adset) => {
      const drift = 0.9 * (this.adsetDrift.get(adset) ?? 0) + 0.12 * this.random.normal();
      this.adsetDrift.set(adset, drift);
      return delivers(adset, day) && anyAdDelivers(adset, day) ? adset.weight * Math.exp(drift) : 0;
    });
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (total <= 0) return;
    adsets.forEach((adset, i) => {
      const weight = weights[i] ?? 0;
      if (weight > 0) this.splitAcrossAds(adset, (spend * weight) / total, day);
    });
  }

  private splitAcrossAds(adset: WorldEntity, spend: number, day: number): void {
    const weights = adset.children.map((ad) =>
      delivers(ad, day) ? ad.weight * this.random.logNormal(0.15) : 0,
    );
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (total <= 0) return;
    adset.children.forEach((ad, i) => {
      const weight = weights[i] ?? 0;
      if (weight > 0) this.deliverAd(ad, (spend * weight) / total, day);
    });
  }

  private deliverAd(ad: WorldEntity, plannedSpend: number, day: number): void {
    const rates = ad.rates;
    const adset = ad.parent;
    if (!rates || !adset) return;
    const random = this.random;
    const weekday = weekdayOf(day);
    const rhythm = this.input.rhythm;
    const owner = adset.budget || adset.lifetimePace !== undefined ? adset : this.campaign;
    const learning = day - Math.max(learningStart(owner, day), ad.startDay) < LEARNING_DAYS;
    const factors = effectFactors(ad, day, this.input.accountEffects);
    const cpmDrift = 0.9 * (this.adCpmDrift.get(ad) ?? 0) + 0.02 * random.normal();
    const ctrDrift = 0.9 * (this.adCtrDrift.get(ad) ?? 0) + 0.015 * random.normal();
    this.adCpmDrift.set(ad, cpmDrift);
    this.adCtrDrift.set(ad, ctrDrift);

    const cpm =
      rates.cpmMinor *
      (rhythm.cpm[weekday] ?? 1) *
      (this.marketCpm[day] ?? 1) *
      budgetLift(owner, day) *
      Math.exp(cpmDrift) *
      factors.cpm *
      random.logNormal(learning ? 0.15 : 0.06);
    const spend = Math.round(plannedSpend);
    const impressions = Math.round((spend / cpm) * 1000);
    if (spend <= 0 || impressions <= 0) return;
    const ctr =
      rates.ctr *
      (rhythm.ctr[weekday] ?? 1) *
      Math.exp(ctrDrift) *
      factors.ctr *
      random.logNormal(0.05);
    const clicks = Math.min(impressions, random.poisson(impressions * ctr));
    const linkClicks = random.binomial(clicks, rates.linkShare);
    const cvr =
      rates.cvr *
      (rhythm.cvr[weekday] ?? 1) *
      factors.cvr *
      (learning ? 0.8 : 1) *
      random.logNormal(0.1);
    const conversions = random.poisson(linkClicks * cvr);
    const frequency = rates.frequency * factors.frequency * random.logNormal(0.03);
    const value =
      conversions > 0
        ? Math.round(
            conversions *
              rates.aovMinor *
              factors.value *
              random.logNormal(0.45 / Math.sqrt(conversions)),
          )
        : 0;

    const columns = this.byAd.get(ad.id) ?? emptyColumns();
    this.byAd.set(ad.id, columns);
    columns.spend[day] = spend;
    columns.impressions[day] = impressions;
    columns.reach[day] = Math.min(impressions, Math.max(1, Math.round(impressions / frequency)));
    columns.clicks[day] = clicks;
    columns.linkClicks[day] = linkClicks;
    columns.conversions[day] = conversions;
    columns.value[day] = value;
  }
}

/** Budget raised above its first level: each extra unit buys slightly pricier impressions. */
function budgetLift(owner: WorldEntity, day: number): number {
  const segments = owner.budget;
  if (!segments) return 1;
  const first = segments[0]?.dailyMinor ?? 1;
  return Math.pow(budgetOn(segments, day) / first, 0.08);
}

interface Factors {
  cpm: number;
  ctr: number;
  frequency: number;
  cvr: number;
  value: number;
}

/** Planted effects on the ad, its ancestors and the account, as multipliers on its day. */
function effectFactors(ad: WorldEntity, day: number, accountEffects: readonly Effect[]): Factors {
  const factors: Factors = { cpm: 1, ctr: 1, frequency: 1, cvr: 1, value: 1 };
  const effects: Effect[] = [...accountEffects];
  for (let e: WorldEntity | undefined = ad; e; e = e.parent) effects.push(...e.effects);
  for (const effect of effects) {
    if (!active(effect, day)) continue;
    const age = day - effect.startDay;
    switch (effect.kind) {
      case 'cpm_surge':
        factors.cpm *= effect.magnitude;
        break;
      case 'creative_fatigue':
        factors.ctr *= Math.max(0.35, 1 - effect.magnitude * (age + 1));
        factors.frequency *= 1 + 0.08 * (age + 1);
        factors.cpm *= 1 + 0.015 * (age + 1);
        break;
      case 'tracking_break':
        factors.cvr = 0;
        break;
      case 'cpa_shift':
        factors.cvr *= effect.magnitude;
        break;
      case 'roas_shift':
        factors.value *= effect.magnitude;
        break;
      default:
        break;
    }
  }
  return factors;
}
