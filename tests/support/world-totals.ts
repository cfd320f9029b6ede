import type { EntityLevel } from '../../lib/schema/insights';
import type { World } from '../sim/world/types';

/** What the simulated world reports for a level over a range, deleted objects included. */
export interface Totals {
  readonly rows: number;
  readonly spend: number;
  readonly purchases: number;
  readonly purchaseValue: number;
  readonly impressions: number;
}

export function worldTotals(
  world: World,
  accountDigits: string,
  level: EntityLevel,
  since: string,
  until: string,
): Totals {
  const totals = { rows: 0, spend: 0, purchases: 0, purchaseValue: 0, impressions: 0 };
  for (const entity of world.entities(accountDigits, level)) {
    for (const day of world.daily(entity.id, since, until)) {
      totals.rows++;
      totals.spend += day.spendMinor;
      totals.purchases += day.purchases;
      totals.purchaseValue += day.purchaseValueMinor;
      totals.impressions += day.impressions;
    }
  }
  return totals;
}
