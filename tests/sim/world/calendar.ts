/**
 * Calendar arithmetic for account-local dates. A date is a `YYYY-MM-DD` string in the ad account's
 * time zone; arithmetic happens on UTC midnights so the host's own zone never leaks in.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** Days since 1970-01-01 for a calendar date. */
export function epochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDay(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The first day of the month `monthOffset` months from the month of `date`. */
export function monthStart(date: string, monthOffset = 0): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthOffset, 1))
    .toISOString()
    .slice(0, 10);
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface ZonedParts {
  readonly date: string;
  readonly time: string;
  /** Minutes east of UTC. */
  readonly offsetMinutes: number;
}

export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(ms)) parts[part.type] = part.value;
  const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.timeZoneName ?? '');
  const offsetMinutes = offset
    ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]))
    : 0;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    offsetMinutes,
  };
}

export function localDate(ms: number, timeZone: string): string {
  return zonedParts(ms, timeZone).date;
}

/** Graph's timestamp format: `2026-03-21T22:33:56-0700`, in the account's zone. */
export function formatGraphTime(unixSeconds: number, timeZone: string): string {
  const { date, time, offsetMinutes } = zonedParts(unixSeconds * 1000, timeZone);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${date}T${time}${sign}${hhmm}`;
}

const midnights = new Map<string, number>();

/**
 * Unix seconds of a local wall-clock time on `date` in `timeZone`. The offset is the one at local
 * midnight (cached: the world stamps thousands of entities), so on a DST switch day the hour may be
 * off by one, which no test depends on.
 */
export function localTimeToUnix(date: string, timeZone: string, secondsIntoDay = 0): number {
  const key = `${timeZone} ${date}`;
  let midnight = midnights.get(key);
  if (midnight === undefined) {
    const naive = Date.parse(`${date}T00:00:00Z`);
    const firstGuess = naive - zonedParts(naive, timeZone).offsetMinutes * 60_000;
    midnight = Math.floor((naive - zonedParts(firstGuess, timeZone).offsetMinutes * 60_000) / 1000);
    midnights.set(key, midnight);
  }
  return midnight + secondsIntoDay;
}
