import type { AccountInput, DailyRow, EffectiveStatus, EntityNode } from '@/lib/anomaly';
import { buildStructure } from './build-structure';
import { accountEffect, GENERAL_WISHES, plantLabels } from './plant-labels';
import { createBenchRandom } from '../../support/random';
import { simulateDelivery } from './simulate-delivery';
import {
  DAYS,
  FIRST_EPOCH_DAY,
  budgetOn,
  emptyColumns,
  type Columns,
  type Label,
  type WorldAccount,
  type WorldEntity,
} from './world-types';

/**
 * The seeded, labeled evaluation set: general accounts with every kind of planted problem among
 * ordinary life (launches, pauses, budget edits, schedules, tiny budgets), plus accounts whose whole
 * auction or pixel changes at once, plus healthy accounts with nothing planted (how many findings a
 * buyer sees on an account with no problem). `inputAsOf` shows an account as the sync engine would on a
 * given day: conversions of the last days not yet fully restated, and today's partial day present.
 */

const GENERAL_ACCOUNTS = 32;
const ACCOUNT_WIDE = ['cpm_surge', 'cpm_surge', 'tracking_break', 'tracking_break'] as const;
/** Accounts after the account-wide ones, ordinary life with no planted problem. */
const HEALTHY_ACCOUNTS = 4;
const CURRENCIES = ['USD', 'EUR', 'USD', 'JPY', 'GBP'];
/** Share of a day's final conversions reported after 0, 1, 2… days (the world's truth). */
const RESTATEMENT = [0.8, 0.91, 0.96, 0.985, 0.995];
/** Share of the day already delivered when the snapshot is taken (today's partial day). */
const TODAY_SHARE = 0.45;

export interface EvalAccount {
  readonly world: WorldAccount;
  /** Final columns per entity id (ads, ad sets and campaigns). */
  readonly columns: Map<string, Columns>;
  /** Nothing planted: every finding on it is noise. */
  readonly healthy: boolean;
}

export interface EvalSet {
  readonly seed: number;
  readonly accounts: readonly EvalAccount[];
  readonly labels: readonly Label[];
}

export function createEvalSet(seed: number): EvalSet {
  const accounts: EvalAccount[] = [];
  const total = GENERAL_ACCOUNTS + ACCOUNT_WIDE.length + HEALTHY_ACCOUNTS;
  for (let index = 0; index < total; index++) accounts.push(createAccount(seed, index));
  return { seed, accounts, labels: accounts.flatMap((account) => account.world.labels) };
}

function createAccount(seed: number, index: number): EvalAccount {
  const accountId = `act_${100 + index}`;
  const currency = CURRENCIES[index % CURRENCIES.length] ?? 'USD';
  const random = createBenchRandom(seed, `${accountId}:structure`);
  const structure = buildStructure(random, accountId, currency);
  const wide = ACCOUNT_WIDE[index - GENERAL_ACCOUNTS];
  const plantRandom = createBenchRandom(seed, `${accountId}:labels`);
  const effects = wide ? [accountEffect(wide, plantRandom)] : [];
  const healthy = index >= GENERAL_ACCOUNTS + ACCOUNT_WIDE.length;
  const labels: Label[] = healthy
    ? []
    : wide
      ? effects.map((effect) => ({
          kind: effect.kind,
          accountId,
          entityId: accountId,
          level: 'account',
          startDay: effect.startDay,
          endDay: DAYS - 1,
        }))
      : plantLabels(plantRandom, accountId, currency, structure.entities, GENERAL_WISHES);
  const world: WorldAccount = {
    accountId,
    currency,
    budgetHistoryKnown: index % 2 === 0,
    ...structure,
    effects,
    labels,
  };
  const byAd = simulateDelivery({
    seed,
    accountKey: accountId,
    campaigns: structure.campaigns,
    rhythm: structure.rhythm,
    accountEffects: effects,
  });
  return { world, columns: rollUp(structure.campaigns, byAd), healthy };
}

/** Ad sets and campaigns as the Insights API reports them: sums, with reach de-duplicated a bit. */
function rollUp(
  campaigns: readonly WorldEntity[],
  byAd: Map<string, Columns>,
): Map<string, Columns> {
  const all = new Map<string, Columns>();
  const visit = (entity: WorldEntity): Columns => {
    if (entity.level === 'ad') {
      const columns = byAd.get(entity.id) ?? emptyColumns();
      all.set(entity.id, columns);
      return columns;
    }
    const sum = emptyColumns();
    for (const child of entity.children) addInto(sum, visit(child), 0.9);
    all.set(entity.id, sum);
    return sum;
  };
  campaigns.forEach(visit);
  return all;
}

function addInto(into: Columns, from: Columns, reachOverlap: number): void {
  for (let day = 0; day < DAYS; day++) {
    into.spend[day] = (into.spend[day] ?? 0) + (from.spend[day] ?? 0);
    into.impressions[day] = (into.impressions[day] ?? 0) + (from.impressions[day] ?? 0);
    into.reach[day] = (into.reach[day] ?? 0) + Math.round((from.reach[day] ?? 0) * reachOverlap);
    into.clicks[day] = (into.clicks[day] ?? 0) + (from.clicks[day] ?? 0);
    into.linkClicks[day] = (into.linkClicks[day] ?? 0) + (from.linkClicks[day] ?? 0);
    into.conversions[day] = (into.conversions[day] ?? 0) + (from.conversions[day] ?? 0);
    into.value[day] = (into.value[day] ?? 0) + (from.value[day] ?? 0);
  }
}

const DATES = Array.from({ length: DAYS + 1 }, (_, day) => formatDay(day));

/** `YYYY-MM-DD` of a simulated day (precomputed: rows are built for every replayed day). */
export function dateOfDay(day: number): string {
  return DATES[day] ?? formatDay(day);
}

function formatDay(day: number): string {
  return new Date((FIRST_EPOCH_DAY + day) * 86_400_000).toISOString().slice(0, 10);
}

/** The account as synced at the start of `asOf + 1`: complete days up to `asOf`, plus today so far. */
export function inputAsOf(account: EvalAccount, asOf: number, seed: number): AccountInput {
  const { world } = account;
  const today = asOf + 1;
  const restated = restatedConversions(account, asOf, seed);
  const daily = new Map<string, DailyRow[]>();
  for (const entity of world.entities) {
    const final = account.columns.get(entity.id);
    if (final) daily.set(entity.id, rowsOf(final, restated.get(entity.id), asOf));
  }
  return {
    accountId: world.accountId,
    currency: world.currency,
    accountStatus: 1,
    entities: world.entities.map((entity) => nodeOf(entity, today, world.budgetHistoryKnown)),
    daily,
  };
}

interface Restated {
  readonly conversions: Map<number, number>;
  readonly value: Map<number, number>;
}

/** Conversions of the freshest days thinned to what has been reported so far, rolled up. */
function restatedConversions(
  account: EvalAccount,
  asOf: number,
  seed: number,
): Map<string, Restated> {
  const result = new Map<string, Restated>();
  const random = createBenchRandom(seed, `${account.world.accountId}:restated:${asOf}`);
  const add = (id: string, day: number, conversions: number, value: number): void => {
    const entry: Restated = result.get(id) ?? {
      conversions: new Map<number, number>(),
      value: new Map<number, number>(),
    };
    entry.conversions.set(day, (entry.conversions.get(day) ?? 0) + conversions);
    entry.value.set(day, (entry.value.get(day) ?? 0) + value);
    result.set(id, entry);
  };
  for (const ad of account.world.entities) {
    if (ad.level !== 'ad') continue;
    const final = account.columns.get(ad.id);
    if (!final) continue;
    for (let age = 0; age < RESTATEMENT.length; age++) {
      const day = asOf - age;
      const conversions = final.conversions[day] ?? 0;
      const reported = random.binomial(conversions, RESTATEMENT[age] ?? 1);
      const value =
        conversions > 0 ? Math.round(((final.value[day] ?? 0) * reported) / conversions) : 0;
      for (let e: WorldEntity | undefined = ad; e; e = e.parent) add(e.id, day, reported, value);
    }
  }
  return result;
}

function rowsOf(final: Columns, restated: Restated | undefined, asOf: number): DailyRow[] {
  const rows: DailyRow[] = [];
  for (let day = 0; day <= Math.min(asOf + 1, DAYS - 1); day++) {
    if ((final.impressions[day] ?? 0) <= 0) continue;
    const partial = day > asOf ? TODAY_SHARE : 1;
    const conversions =
      day > asOf
        ? Math.floor((final.conversions[day] ?? 0) * TODAY_SHARE * 0.6)
        : (restated?.conversions.get(day) ?? final.conversions[day] ?? 0);
    rows.push({
      date: dateOfDay(day),
      spendMinor: Math.round((final.spend[day] ?? 0) * partial),
      impressions: Math.round((final.impressions[day] ?? 0) * partial),
      reach: Math.round((final.reach[day] ?? 0) * partial),
      clicks: Math.round((final.clicks[day] ?? 0) * partial),
      linkClicks: Math.round((final.linkClicks[day] ?? 0) * partial),
      conversions,
      conversionValueMinor:
        day > asOf
          ? Math.round((final.value[day] ?? 0) * TODAY_SHARE * 0.6)
          : (restated?.value.get(day) ?? final.value[day] ?? 0),
    });
  }
  return rows;
}

function nodeOf(entity: WorldEntity, today: number, historyKnown: boolean): EntityNode {
  const campaign =
    entity.level === 'campaign'
      ? entity
      : entity.level === 'adset'
        ? entity.parent
        : entity.parent?.parent;
  const adset = entity.level === 'ad' ? entity.parent : undefined;
  const budget = entity.budget;
  return {
    id: entity.id,
    level: entity.level,
    ...(entity.level !== 'campaign' && campaign ? { campaignId: campaign.id } : {}),
    ...(adset ? { adsetId: adset.id } : {}),
    effectiveStatus: statusOf(entity, today),
    ...(budget ? { dailyBudgetMinor: budgetOn(budget, today) } : {}),
    ...(budget && historyKnown
      ? {
          budgetHistory: budget
            .filter((segment) => segment.fromDay <= today)
            .map((segment) => ({
              from: dateOfDay(segment.fromDay),
              dailyBudgetMinor: segment.dailyMinor,
            })),
        }
      : {}),
    ...(entity.lifetimePace !== undefined
      ? { lifetimeBudgetMinor: Math.round(entity.lifetimePace * 400), hasSchedule: true }
      : {}),
    startDate: dateOfDay(entity.startDay),
    ...(Number.isFinite(entity.endDay) ? { endDate: dateOfDay(entity.endDay) } : {}),
  };
}

function statusOf(entity: WorldEntity, today: number): EffectiveStatus {
  if (entity.pauseDay <= today) return entity.pausedAs;
  for (let e = entity.parent; e; e = e.parent) {
    if (e.pauseDay <= today) return e.level === 'campaign' ? 'CAMPAIGN_PAUSED' : 'ADSET_PAUSED';
  }
  return 'ACTIVE';
}
