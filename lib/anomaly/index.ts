/**
 * Adlens anomaly engine (issue #4): a generic series detector and the account-level engine that
 * turns an ad account's daily series into findings, one per root cause. Pure TypeScript: no DOM,
 * no browser API, deterministic.
 */
export { detectSeries, type SeriesDetection } from './detect-series';
export { detectAnomalies, detectAnomaliesInSlices, type Slicing } from './engine';
export { FINDING_KINDS } from './detectors';
export {
  DEFAULT_CONVERSION_COMPLETENESS,
  METRICS,
  SEVERITIES,
  type AccountInput,
  type BudgetChange,
  type DailyRow,
  type DetectOptions,
  type EffectiveStatus,
  type EntityLevel,
  type EntityNode,
  type Finding,
  type FindingKind,
  type FindingLevel,
  type IsoDate,
  type Metric,
  type Severity,
} from './types';
