/** Calendar days `YYYY-MM-DD`, counted in UTC so that no time zone can shift a day. */

const DAY_MS = 86_400_000;

interface Range {
  readonly since: string;
  readonly until: string;
}

function toEpochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Both ends included: 2024-05-01..2024-05-07 is 7 days. */
export function daysInRange(range: Range): number {
  return toEpochDay(range.until) - toEpochDay(range.since) + 1;
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** The period of the same length just before the range, which the KPIs compare against. */
export function previousPeriod(range: Range): { since: string; until: string } {
  const length = daysInRange(range);
  return { since: addDays(range.since, -length), until: addDays(range.since, -1) };
}

export function listDays(range: Range): string[] {
  return Array.from({ length: daysInRange(range) }, (_, offset) => addDays(range.since, offset));
}
