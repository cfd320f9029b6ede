import type { Coverage, DateRange, SyncUnit } from '@/lib/cache/sync-state';
import { ENTITY_LEVELS, type EntityLevel } from '@/lib/schema/insights';
import type { SyncSettings } from '@/lib/schema/sync';
import { CHUNK_DAYS } from '@/lib/cache/series';
import { addDays, dateOfEpochDay, epochDayOf } from '@/lib/util/dates';

/**
 * What a sync reads. The first sync of a level backfills `backfillDays`; later ones read what is
 * new since the last sync plus the `lookbackDays` Meta may still restate, today included (today is
 * never final). A level then covers exactly the last `backfillDays` days, as retention keeps
 * them. Each level's ranges are cut into units small enough to hold in memory and to checkpoint,
 * and units big enough for it go through async report runs.
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
  // Days before the window are retention's to delete (the run does at its end), never covered.
  return { target: { since: start, until: today }, fetch, full: false };
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
  /**
   * Rows (entities × days) one unit may hold: its memory (some 80 bytes a row) and how much a
   * stopped worker reads again.
   */
  readonly maxRowsPerUnit: number;
  /** time_increment allows at most 90 days per bucket; a unit never spans more. */
  readonly maxDaysPerUnit: number;
  /** Slices expected to have at least this many rows are read through async report runs. */
  readonly asyncFromRows: number;
}

export const DEFAULT_UNIT_POLICY: UnitPolicy = {
  maxRowsPerUnit: 200_000,
  maxDaysPerUnit: 90,
  asyncFromRows: 50_000,
};

/**
 * Days per unit: as many as the row budget allows, in whole storage chunks when that is at least
 * one chunk (each chunk is then written once per sync), else in a power of two that divides one.
 */
function blockDays(entities: number, policy: UnitPolicy): number {
  const days = Math.max(
    1,
    Math.min(policy.maxDaysPerUnit, Math.floor(policy.maxRowsPerUnit / entities)),
  );
  if (days >= CHUNK_DAYS) return Math.floor(days / CHUNK_DAYS) * CHUNK_DAYS;
  return 2 ** Math.floor(Math.log2(days));
}

/** Cuts each level's ranges into units aligned on storage chunks, from its number of objects. */
export function planUnits(
  fetch: RangePlan['fetch'],
  entityCounts: Readonly<Record<EntityLevel, number>>,
  policy: UnitPolicy = DEFAULT_UNIT_POLICY,
): SyncUnit[] {
  const units: SyncUnit[] = [];
  for (const level of ENTITY_LEVELS) {
    const entities = Math.max(1, entityCounts[level]);
    const block = blockDays(entities, policy);
    for (const range of fetch[level]) {
      const first = epochDayOf(range.since);
      const last = epochDayOf(range.until);
      // A range that fits one unit is one unit; only a split range needs aligned pieces.
      const whole =
        last - first + 1 <= policy.maxDaysPerUnit &&
        entities * (last - first + 1) <= policy.maxRowsPerUnit;
      for (let day = first; day <= last;) {
        const end = whole ? last : Math.min(last, Math.floor(day / block) * block + block - 1);
        const rows = entities * (end - day + 1);
        units.push({
          level,
          since: dateOfEpochDay(day),
          until: dateOfEpochDay(end),
          async: rows >= policy.asyncFromRows,
          done: false,
        });
        day = end + 1;
      }
    }
  }
  return units;
}
