import type { FindingKind } from '@/lib/anomaly';
import { addDays } from '@/lib/util/dates';
import type { AnomalyKind, PlantedAnomaly, World } from './types';

/** The simulator plants a conversion-rate collapse; the anomaly engine calls what it does to CPA so. */
export const FINDING_KIND: Readonly<Record<AnomalyKind, FindingKind>> = {
  spend_spike: 'spend_spike',
  delivery_stop: 'delivery_stop',
  cpm_surge: 'cpm_surge',
  creative_fatigue: 'creative_fatigue',
  tracking_break: 'tracking_break',
  cpa_jump: 'cpa_shift',
};

/**
 * An account's planted anomalies that still need attention today: going on, or over within the
 * last three complete days. A one-day spike a week ago is history, not something to act on.
 */
export function currentAnomalies(world: World, digits: string): PlantedAnomaly[] {
  const recent = addDays(world.today(digits), -3);
  return world.anomalies.filter(
    (anomaly) =>
      anomaly.accountId === digits && (anomaly.endDate === undefined || anomaly.endDate >= recent),
  );
}
