import type { DateRange } from '@/lib/util/dates';

/**
 * Whether the cache's synced days cover `range` entirely: a day outside `coverage` is unknown,
 * not zero, so KPIs over it would be wrong rather than small.
 */
export function covers(coverage: DateRange | null, range: DateRange): boolean {
  return coverage !== null && coverage.since <= range.since && coverage.until >= range.until;
}
