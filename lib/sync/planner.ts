import type { Coverage, DateRange, SyncUnit } from '@/lib/cache/sync-state';
import { ENTITY_LEVELS, type EntityLevel } from '@/lib/schema/insights';
import type { SyncSettings } from '@/lib/schema/sync';
import { addDays, daysInRange } from '@/lib/util/dates';

/**
 * What a sync reads. The first sync of a level backfills `backfillDays`; later ones read what is
 * new since the last sync plus the `lookbackDays` Meta may still restate, today included (today is
 * never final). Then each level's ranges are cut into units small enough to hold in memory and to
 * checkpoint, and units big enough for it go through async report runs.
 */
export interface RangePlan {
  readonly kind: 'full' | 'incremental';
  /** What each level covers once the run is done. */
  readonly target: Coverage;
  /** What to read per level, oldest first. */
  readonly fetch: Readonly<Record<EntityLevel, readonly DateRange[]>>;
}

function planLevel(
  covered: DateRange | null,
  settings: SyncSettings,
  today: string,
): { target: DateRange; fetch: DateRange[]; full: boolean } {
  const start = addDays(today, 1 - settings.backfillDays);
  // Nothing stored, or a gap since: read the whole backfill.
  if (!covered || covered.until < addDays(start, -1)) {
    const whole = { since: start, until: today };
    return { target: whole, fetch: [whole], full: true };
  }
  const lookbackStart = addDays(today, 1 - settings.lookbackDays);
  const afterCovered = addDays(covered.until, 1);
  const fresh = lookbackStart < afterCovered ? lookbackStart : afterCovered;
  const refreshStart = fresh > start ? fresh : start;
  const fetch: DateRange[] = [];
  // A longer backfill setting reads the older days missing in front.
  if (start < covered.since) fetch.push({ since: start, until: addDays(covered.since, -1) });
  fetch.push({ since: refreshStart, until: today });
  const since = start < covered.since ? start : covered.since;
  return { target: { since, until: today }, fetch, full: false };
}

export function planRanges(coverage: Coverage, settings: SyncSettings, today: string): RangePlan {
  const target: Record<EntityLevel, DateRange | null> = { campaign: null, adset: null, ad: null };
  const fetch: Record<EntityLevel, DateRange[]> = { campaign: [], adset: [], ad: [] };
  let full = false;
  for (const level of ENTITY_LEVELS) {
    if (!settings.levels.includes(level)) continue;
    const plan = planLevel(coverage[level], settings, today);
    target[level] = plan.target;
    fetch[level] = plan.fetch;
    full ||= plan.full;
  }
  return { kind: full ? 'full' : 'incremental', target, fetch };
}

export interface UnitPolicy {
  /** Rows (entities × days) one unit may hold: its memory and its checkpoint granularity. */
  readonly maxRowsPerUnit: number;
  /** time_increment allows at most 90 days per bucket; a unit never spans more. */
  readonly maxDaysPerUnit: number;
  /** Slices expected to have at least this many rows are read through async report runs. */
  readonly asyncFromRows: number;
}

export const DEFAULT_UNIT_POLICY: UnitPolicy = {
  maxRowsPerUnit: 100_000,
  maxDaysPerUnit: 90,
  asyncFromRows: 50_000,
};

/** Cuts each level's ranges into units, from the level's number of known objects. */
export function planUnits(
  fetch: RangePlan['fetch'],
  entityCounts: Readonly<Record<EntityLevel, number>>,
  policy: UnitPolicy = DEFAULT_UNIT_POLICY,
): SyncUnit[] {
  const units: SyncUnit[] = [];
  for (const level of ENTITY_LEVELS) {
    const entities = Math.max(1, entityCounts[level]);
    const daysPerUnit = Math.max(
      1,
      Math.min(policy.maxDaysPerUnit, Math.floor(policy.maxRowsPerUnit / entities)),
    );
    for (const range of fetch[level]) {
      for (let since = range.since; since <= range.until; since = addDays(since, daysPerUnit)) {
        const last = addDays(since, daysPerUnit - 1);
        const until = last < range.until ? last : range.until;
        const rows = entities * daysInRange(since, until);
        units.push({ level, since, until, async: rows >= policy.asyncFromRows, done: false });
      }
    }
  }
  return units;
}
