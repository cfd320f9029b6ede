import * as z from 'zod/mini';
import { ENTITY_LEVELS, type EntityLevel } from './vocabulary';

/**
 * The levels Adlens keeps daily insights for, and the metrics it keeps. Money is in minor units
 * of the account currency, ratios in millionths, counts as they are: every value an exact integer.
 */
export { ENTITY_LEVELS, type EntityLevel };
export const EntityLevelSchema = z.enum(ENTITY_LEVELS);

export const INSIGHT_METRICS = [
  /** Minor units. */
  'spend',
  'impressions',
  'reach',
  /** Millionths. */
  'frequency',
  'clicks',
  'inlineLinkClicks',
  /** Of the main conversion event (purchase). */
  'purchases',
  /** Minor units. */
  'purchaseValue',
  /** Minor units. */
  'costPerPurchase',
  /** Millionths. */
  'purchaseRoas',
] as const;
export type InsightMetric = (typeof INSIGHT_METRICS)[number];

export const IsoDateSchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
