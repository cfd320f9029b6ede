/**
 * The simulated Meta world and Graph API, in-process: one seeded world, one clock, one control
 * surface, and the Graph handler the HTTPS server mounts for graph.facebook.com.
 */
import { createClock, type Clock } from './clock';
import { createControl, type SimControl } from './control';
import { createGraphHandler } from './graph/handler';
import type { SimHandler } from './http';
import { bucQuota, type UseCase } from './graph/usage';
import { agencyAccountSpecs, type AgencyOptions } from './world/agency';
import { createWorld } from './world/create-world';
import type { World } from './world/types';

export const DEFAULT_SEED = 20261120;

export interface SimulatedMeta {
  readonly world: World;
  readonly clock: Clock;
  readonly control: SimControl;
  /** Mount for host graph.facebook.com. */
  readonly graph: SimHandler;
}

export interface SimOptions {
  readonly seed?: number;
  readonly clock?: Clock;
  /**
   * The agency world (issue 17) instead of the default four accounts: this many ad accounts (50 by
   * default), each with its own hourly quota as Meta computes it.
   */
  readonly agency?: AgencyOptions;
  /**
   * Leaves the large account (200 campaigns, 5,000 ads) out of what the token reaches and the page
   * lists, so a spec that never reads it connects and syncs in seconds. Nothing else moves: the
   * other accounts, their entities and planted problems are those of the whole world.
   */
  readonly withoutLargeAccount?: boolean;
}

export function createSimulatedMeta(options: SimOptions = {}): SimulatedMeta {
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = options.clock ?? createClock();
  const agency = options.agency;
  const whole = createWorld({
    seed,
    clock,
    ...(agency ? { accounts: agencyAccountSpecs(agency) } : {}),
  });
  const world = options.withoutLargeAccount ? withoutLargeAccounts(whole) : whole;
  const control = createControl({ seed, clock });
  if (agency) control.settings.quotas.perAccount = agencyQuotas(world);
  return { world, clock, control, graph: createGraphHandler({ world, clock, control }) };
}

const LARGE_ACCOUNT_ADS = 1000;

function withoutLargeAccounts(world: World): World {
  const accounts = world.accounts.filter(
    (account) => world.entities(account.accountId, 'ad').length < LARGE_ACCOUNT_ADS,
  );
  const kept = new Set(accounts.map((account) => account.accountId));
  return {
    ...world,
    accounts,
    account: (accountId) => (kept.has(accountId) ? world.account(accountId) : undefined),
  };
}

/** Each agency account's hourly quotas from its active ads, on the app's (standard) tier. */
function agencyQuotas(world: World): Record<string, Record<UseCase, number>> {
  const tier = 'standard_access';
  return Object.fromEntries(
    world.accounts.map((account) => {
      const active = world
        .entities(account.accountId, 'ad')
        .filter((ad) => ad.effectiveStatus === 'ACTIVE').length;
      return [
        account.accountId,
        {
          ads_insights: bucQuota(tier, 'ads_insights', active),
          ads_management: bucQuota(tier, 'ads_management', active),
        },
      ];
    }),
  );
}

export { createClock, DEFAULT_START_MS, type Clock } from './clock';
export {
  createControl,
  DEMO_TOKEN,
  DEMO_USER,
  type PageSettings,
  type PageVariant,
  type SimControl,
} from './control';
export { createWorld } from './world/create-world';
export { createGraphHandler, LATEST_VERSION } from './graph/handler';
export type { FaultPreset, FaultStep, RouteMatcher } from './graph/faults';
export type { GraphSettings } from './graph/settings';
export type { IssueTokenOptions, TokenKind } from './graph/tokens';
export type { BatchInjection } from './graph/batch';
export type { ReportOutcome } from './graph/report-runs';
export type { LoggedRequest } from './graph/request-log';
export type * from './world/types';
