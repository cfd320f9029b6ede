/**
 * The simulated Meta world and Graph API, in-process: one seeded world, one clock, one control
 * surface, and the Graph handler the HTTPS server mounts for graph.facebook.com.
 */
import { createClock, type Clock } from './clock';
import { createControl, type SimControl } from './control';
import { createGraphHandler } from './graph/handler';
import type { SimHandler } from './http';
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

export function createSimulatedMeta(options: { seed?: number; clock?: Clock } = {}): SimulatedMeta {
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = options.clock ?? createClock();
  const world = createWorld({ seed, clock });
  const control = createControl({ seed, clock });
  return { world, clock, control, graph: createGraphHandler({ world, clock, control }) };
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
