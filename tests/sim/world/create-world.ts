import type { Clock } from '../clock';
import { ACCOUNT_SPECS, type AccountSpec } from './accounts';
import { plantAnomalies } from './anomalies';
import { dateOfEpochDay } from './calendar';
import { simulateDelivery } from './delivery';
import { HOSTILE_KINDS, HOSTILE_NAMES } from './names';
import { createRandom } from '../../support/random';
import { ObservedStats, type StatsNode } from './observed';
import { rollUp, StatsTable } from './stats-table';
import { planAccount, type AccountPlan, type PlannedEntity } from './structure';
import type { HostileName, Level, PlantedAnomaly, PlantedChange, SimEntity, World } from './types';

export interface WorldOptions {
  readonly seed: number;
  readonly clock: Clock;
  /** The accounts to build; the default world's fixed cast when absent. */
  readonly accounts?: readonly AccountSpec[];
}

const LEVELS: readonly Level[] = ['campaign', 'adset', 'ad'];
/** Share of a parent's summed daily reach that is distinct people (ads in one ad set overlap most). */
const DAILY_OVERLAP = { campaign: 0.85, adset: 0.75, account: 0.9 } as const;
const ACCOUNT_NEW_AUDIENCE_SHARE = 0.35;

interface AccountState {
  readonly plan: AccountPlan;
  readonly stats: ObservedStats;
  readonly nodes: ReadonlyMap<string, StatsNode>;
  readonly entities: Readonly<Record<Level, readonly SimEntity[]>>;
}

export function createWorld({ seed, clock, accounts = ACCOUNT_SPECS }: WorldOptions): World {
  const serials: Record<Level, number> = { campaign: 0, adset: 0, ad: 0 };
  const anomalies: PlantedAnomaly[] = [];
  const hostileNames: HostileName[] = [];
  const plantedChanges: PlantedChange[] = [];
  const states = accounts.map((spec, index) => {
    const plan = planAccount(seed, spec, index, clock.now(), serials);
    const planted = plantAnomalies(seed, index, plan, spec.anomalies);
    anomalies.push(...planted.labels);
    hostileNames.push(...nameHostilely(seed, index, spec, plan));
    const ads = simulateDelivery(seed, index, plan, planted.effectsByAd);
    const state = buildState(plan, ads, clock);
    if (spec.anomalies.length > 0) {
      plantedChanges.push(...planChanges(state, planted.labels, clock.now()));
    }
    return state;
  });
  const changesById = new Map<string, PlantedChange[]>();
  for (const change of plantedChanges) {
    changesById.set(change.entityId, [...(changesById.get(change.entityId) ?? []), change]);
  }
  /** The entity as the API serves it now: with the planted edits the clock has passed. */
  const current = (entity: SimEntity): SimEntity => {
    const changes = changesById.get(entity.id);
    const now = clock.now() / 1000;
    return changes
      ? changes.reduce((e, change) => (change.at <= now ? edited(e, change) : e), entity)
      : entity;
  };

  const accountsById = new Map(states.map((state) => [state.plan.account.accountId, state]));
  const statesById = new Map<string, AccountState>();
  const entitiesById = new Map<string, SimEntity>();
  for (const state of states) {
    for (const id of state.nodes.keys()) statesById.set(id, state);
    for (const level of LEVELS) {
      for (const entity of state.entities[level]) entitiesById.set(entity.id, entity);
    }
  }
  const stateOf = (accountId: string): AccountState => {
    const state = accountsById.get(accountId);
    if (!state) throw new Error(`Unknown ad account ${accountId}`);
    return state;
  };

  return {
    seed,
    accounts: states.map((state) => state.plan.account),
    anomalies,
    plantedChanges,
    hostileNames,
    account: (accountId) => accountsById.get(accountId)?.plan.account,
    entities: (accountId, level) =>
      (accountsById.get(accountId)?.entities[level] ?? []).map(current),
    entity: (id) => {
      const entity = entitiesById.get(id);
      return entity && current(entity);
    },
    today: (accountId) => stateOf(accountId).stats.today(),
    historyStart: (accountId) => dateOfEpochDay(stateOf(accountId).plan.firstEpochDay),
    daily(id, since, until) {
      const state = statesById.get(id);
      const node = state?.nodes.get(id);
      return state && node ? state.stats.daily(node, since, until) : [];
    },
    totals(id, since, until) {
      const state = statesById.get(id);
      const node = state?.nodes.get(id);
      return state && node ? state.stats.totals(node, since, until) : undefined;
    },
  };
}

function buildState(plan: AccountPlan, ads: StatsTable, clock: Clock): AccountState {
  const adsets = new StatsTable(plan.adsets.length, plan.days);
  const campaigns = new StatsTable(plan.campaigns.length, plan.days);
  const account = new StatsTable(1, plan.days);
  rollUp(ads, (row) => plan.ads[row]?.parent?.row ?? 0, adsets, DAILY_OVERLAP.adset);
  rollUp(adsets, (row) => plan.adsets[row]?.parent?.row ?? 0, campaigns, DAILY_OVERLAP.campaign);
  rollUp(campaigns, () => 0, account, DAILY_OVERLAP.account);
  const tables: Readonly<Record<Level, StatsTable>> = {
    ad: ads,
    adset: adsets,
    campaign: campaigns,
  };
  const nodes = new Map<string, StatsNode>();
  const nodeOf = (planned: PlannedEntity): StatsNode => {
    const children = planned.children.map(nodeOf);
    const node: StatsNode = {
      table: tables[planned.level],
      row: planned.row,
      firstAd: children[0]?.firstAd ?? planned.row,
      endAd: children.at(-1)?.endAd ?? planned.row + 1,
      children,
      newAudienceShare: planned.newAudienceShare,
    };
    nodes.set(planned.id, node);
    return node;
  };
  const campaignNodes = plan.campaigns.map(nodeOf);
  nodes.set(`act_${plan.account.accountId}`, {
    table: account,
    row: 0,
    firstAd: 0,
    endAd: plan.ads.length,
    children: campaignNodes,
    newAudienceShare: ACCOUNT_NEW_AUDIENCE_SHARE,
  });
  return {
    plan,
    stats: new ObservedStats(plan, ads, clock),
    nodes,
    entities: {
      campaign: plan.campaigns.map((e) => describeEntity(plan, e)),
      adset: plan.adsets.map((e) => describeEntity(plan, e)),
      ad: plan.ads.map((e) => describeEntity(plan, e)),
    },
  };
}

/** Planted edits come into force this long after the world's start. */
export const CHANGES_AFTER_MS = 60 * 60_000;
const RAISED_BUDGET = 1.5;

/**
 * Two edits an hour after the start, on entities no anomaly is planted in or above: an active ad
 * set's daily budget raised by half, and an active ad paused.
 */
function planChanges(
  state: AccountState,
  labels: readonly PlantedAnomaly[],
  startMs: number,
): PlantedChange[] {
  const planted = new Set(labels.map((label) => label.entityId));
  const clean = (entity: SimEntity) =>
    entity.effectiveStatus === 'ACTIVE' &&
    ![entity.id, entity.campaignId, entity.adsetId].some((id) => id && planted.has(id));
  const adset = state.entities.adset.find((e) => clean(e) && e.dailyBudgetMinor !== undefined);
  const ad = state.entities.ad.find(clean);
  const at = Math.floor((startMs + CHANGES_AFTER_MS) / 1000);
  const accountId = state.plan.account.accountId;
  return [
    ...(adset
      ? [
          {
            accountId,
            level: 'adset' as const,
            entityId: adset.id,
            field: 'dailyBudgetMinor' as const,
            before: adset.dailyBudgetMinor!,
            after: Math.round(adset.dailyBudgetMinor! * RAISED_BUDGET),
            at,
          },
        ]
      : []),
    ...(ad
      ? [
          {
            accountId,
            level: 'ad' as const,
            entityId: ad.id,
            field: 'status' as const,
            before: ad.status,
            after: 'PAUSED' as const,
            at,
          },
        ]
      : []),
  ];
}

function edited(entity: SimEntity, change: PlantedChange): SimEntity {
  const changed =
    change.field === 'status'
      ? {
          status: change.after as SimEntity['status'],
          effectiveStatus: change.after as SimEntity['status'],
        }
      : { dailyBudgetMinor: change.after as number };
  return { ...entity, ...changed, updatedTime: change.at };
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
