import type { Clock } from '../clock';
import { ACCOUNT_SPECS, type AccountSpec } from './accounts';
import { plantAnomalies } from './anomalies';
import { dateOfEpochDay, epochDay, localDate } from './calendar';
import { simulateDelivery } from './delivery';
import { HOSTILE_KINDS, HOSTILE_NAMES } from './names';
import { createRandom } from './random';
import { rollUp, StatsTable, type MetricValues } from './stats-table';
import { planAccount, type AccountPlan, type PlannedEntity } from './structure';
import type { DailyStats, HostileName, Level, PlantedAnomaly, SimEntity, World } from './types';

export interface WorldOptions {
  readonly seed: number;
  readonly clock: Clock;
}

const LEVELS: readonly Level[] = ['campaign', 'adset', 'ad'];
/** Share of a parent's summed daily reach that is distinct people (ads in one ad set overlap most). */
const DAILY_OVERLAP: Readonly<Record<Level | 'account', number>> = {
  campaign: 0.85,
  adset: 0.75,
  ad: 1,
  account: 0.9,
};
const ACCOUNT_NEW_AUDIENCE_SHARE = 0.35;

interface AccountState {
  readonly plan: AccountPlan;
  readonly tables: Readonly<Record<Level | 'account', StatsTable>>;
  readonly entities: Readonly<Record<Level, readonly SimEntity[]>>;
}

interface StatsSource {
  readonly state: AccountState;
  readonly table: StatsTable;
  readonly row: number;
  readonly newAudienceShare: number;
}

export function createWorld({ seed, clock }: WorldOptions): World {
  const serials: Record<Level, number> = { campaign: 0, adset: 0, ad: 0 };
  const anomalies: PlantedAnomaly[] = [];
  const hostileNames: HostileName[] = [];
  const states = ACCOUNT_SPECS.map((spec, index) => {
    const plan = planAccount(seed, spec, index, clock.now(), serials);
    const planted = plantAnomalies(seed, index, plan, spec.anomalies);
    anomalies.push(...planted.labels);
    hostileNames.push(...nameHostilely(seed, index, spec, plan));
    const ads = simulateDelivery(seed, index, plan, planted.effectsByAd);
    return buildState(plan, ads);
  });

  const accountsById = new Map(states.map((state) => [state.plan.account.accountId, state]));
  const sources = new Map<string, StatsSource>();
  const entitiesById = new Map<string, SimEntity>();
  for (const state of states) {
    const { account } = state.plan;
    sources.set(`act_${account.accountId}`, {
      state,
      table: state.tables.account,
      row: 0,
      newAudienceShare: ACCOUNT_NEW_AUDIENCE_SHARE,
    });
    for (const level of LEVELS) {
      for (const planned of plannedOf(state.plan, level)) {
        sources.set(planned.id, {
          state,
          table: state.tables[level],
          row: planned.row,
          newAudienceShare: planned.newAudienceShare,
        });
      }
      for (const entity of state.entities[level]) entitiesById.set(entity.id, entity);
    }
  }

  const todayOf = (state: AccountState): string =>
    localDate(clock.now(), state.plan.account.timezoneName);

  /** Day indices of [since, until] that have happened, clipped to the simulated history. */
  const dayWindow = (source: StatsSource, since: string, until: string): [number, number] => {
    const { plan } = source.state;
    const lastVisible = Math.min(
      plan.days - 1,
      epochDay(todayOf(source.state)) - plan.firstEpochDay,
    );
    return [
      Math.max(0, epochDay(since) - plan.firstEpochDay),
      Math.min(lastVisible, epochDay(until) - plan.firstEpochDay),
    ];
  };

  return {
    seed,
    accounts: states.map((state) => state.plan.account),
    anomalies,
    hostileNames,
    account: (accountId) => accountsById.get(accountId)?.plan.account,
    entities: (accountId, level) => accountsById.get(accountId)?.entities[level] ?? [],
    entity: (id) => entitiesById.get(id),
    today(accountId) {
      const state = accountsById.get(accountId);
      if (!state) throw new Error(`Unknown ad account ${accountId}`);
      return todayOf(state);
    },
    historyStart(accountId) {
      const state = accountsById.get(accountId);
      if (!state) throw new Error(`Unknown ad account ${accountId}`);
      return dateOfEpochDay(state.plan.firstEpochDay);
    },
    daily(entityId, since, until) {
      const source = sources.get(entityId);
      if (!source) return [];
      const [from, to] = dayWindow(source, since, until);
      const rows: DailyStats[] = [];
      for (let day = from; day <= to; day++) {
        const values = source.table.valuesOn(source.row, day);
        if (values.impressions === 0) continue;
        rows.push({ date: dateOfEpochDay(source.state.plan.firstEpochDay + day), ...values });
      }
      return rows;
    },
    totals(entityId, since, until) {
      const source = sources.get(entityId);
      if (!source) return undefined;
      const [from, to] = dayWindow(source, since, until);
      if (from > to) return undefined;
      const { sums, maxDailyReach } = source.table.sum(source.row, from, to);
      if (sums.impressions === 0) return undefined;
      return {
        ...sums,
        reach: dedupedReach(sums, maxDailyReach, source.newAudienceShare),
        dateStart: since,
        dateStop: until,
      };
    },
  };
}

/**
 * People reached on several days count once: the range's reach is the busiest day's reach plus a
 * share of everyone else, so it lies between the largest daily reach and the sum of daily reach.
 */
function dedupedReach(sums: MetricValues, maxDailyReach: number, newAudienceShare: number): number {
  return Math.round(maxDailyReach + (sums.reach - maxDailyReach) * newAudienceShare);
}

function buildState(plan: AccountPlan, ads: StatsTable): AccountState {
  const adsets = new StatsTable(plan.adsets.length, plan.days);
  const campaigns = new StatsTable(plan.campaigns.length, plan.days);
  const account = new StatsTable(1, plan.days);
  rollUp(ads, (row) => plan.ads[row]?.parent?.row ?? 0, adsets, DAILY_OVERLAP.adset);
  rollUp(adsets, (row) => plan.adsets[row]?.parent?.row ?? 0, campaigns, DAILY_OVERLAP.campaign);
  rollUp(campaigns, () => 0, account, DAILY_OVERLAP.account);
  return {
    plan,
    tables: { ad: ads, adset: adsets, campaign: campaigns, account },
    entities: {
      campaign: plan.campaigns.map((e) => describeEntity(plan, e)),
      adset: plan.adsets.map((e) => describeEntity(plan, e)),
      ad: plan.ads.map((e) => describeEntity(plan, e)),
    },
  };
}

function plannedOf(plan: AccountPlan, level: Level): readonly PlannedEntity[] {
  return level === 'campaign' ? plan.campaigns : level === 'adset' ? plan.adsets : plan.ads;
}

function describeEntity(plan: AccountPlan, planned: PlannedEntity): SimEntity {
  const campaign = planned.level === 'ad' ? planned.parent?.parent : planned.parent;
  const budget = planned.budget;
  return {
    level: planned.level,
    id: planned.id,
    accountId: plan.account.accountId,
    name: planned.name,
    status: planned.status,
    effectiveStatus: planned.effectiveStatus,
    ...(planned.level !== 'campaign' && campaign ? { campaignId: campaign.id } : {}),
    ...(planned.level === 'ad' && planned.parent ? { adsetId: planned.parent.id } : {}),
    ...(planned.level === 'campaign' ? { objective: planned.objective } : {}),
    ...(planned.level === 'adset' ? { optimizationGoal: planned.optimizationGoal } : {}),
    ...(budget?.kind === 'daily' ? { dailyBudgetMinor: budget.reportedMinor } : {}),
    ...(budget?.kind === 'lifetime' ? { lifetimeBudgetMinor: budget.reportedMinor } : {}),
    createdTime: planned.createdTime,
    updatedTime: planned.updatedTime,
    startTime: planned.startTime,
  };
}

/**
 * Gives a deterministic handful of entities hostile names: the large account carries every kind at
 * every level, a small account every kind at some level.
 */
function nameHostilely(
  seed: number,
  index: number,
  spec: AccountSpec,
  plan: AccountPlan,
): HostileName[] {
  const random = createRandom(seed, `hostile:${index}`);
  const everyLevel = spec.campaigns >= 100;
  const taken = new Set<PlannedEntity>();
  return HOSTILE_KINDS.flatMap((kind, kindIndex) => {
    const levels = everyLevel ? LEVELS : [LEVELS[kindIndex % LEVELS.length] ?? 'campaign'];
    return levels.map((level) => {
      const pool = plannedOf(plan, level).filter((e) => !taken.has(e));
      const entity = random.pick(pool);
      taken.add(entity);
      entity.name = kind === 'long' ? HOSTILE_NAMES.long : `${entity.name} ${HOSTILE_NAMES[kind]}`;
      return { entityId: entity.id, kind };
    });
  });
}
