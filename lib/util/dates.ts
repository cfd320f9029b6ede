/**
 * Calendar days as `YYYY-MM-DD` in an ad account's time zone (Graph interprets `time_range` there),
 * with arithmetic on UTC epoch days so no time zone or daylight-saving change can shift a day.
 */
import { dateTimeFormat } from './intl';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Both ends included. */
export interface DateRange {
  readonly since: string;
  readonly until: string;
}

/** Days since 1970-01-01; throws on anything but a `YYYY-MM-DD` date. */
export function epochDayOf(date: string): number {
  const day = epochDayOrNaN(date);
  if (Number.isNaN(day)) throw new RangeError(`Not a date: ${date.slice(0, 20)}`);
  return day;
}

/**
 * Days since 1970-01-01, or NaN when the text is not a `YYYY-MM-DD` date: for a date that may be
 * absent (an entity's start or end), where NaN makes every comparison false.
 */
export function epochDayOrNaN(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) return Number.NaN;
  const [, year, month, day] = match;
  return Math.floor(Date.UTC(Number(year), Number(month) - 1, Number(day)) / MS_PER_DAY);
}

export function dateOfEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDayOf(date) + days);
}

/** Days from `since` to `until`, both included. */
export function daysInRange(since: string, until: string): number {
  return epochDayOf(until) - epochDayOf(since) + 1;
}

/** The period of the same length just before the range, which KPIs compare against. */
export function previousPeriod(range: DateRange): DateRange {
  const length = daysInRange(range.since, range.until);
  return { since: addDays(range.since, -length), until: addDays(range.since, -1) };
}

export function listDays(range: DateRange): string[] {
  const length = daysInRange(range.since, range.until);
  return Array.from({ length }, (_, offset) => addDays(range.since, offset));
}

/** The calendar date at `ms` in an IANA time zone, e.g. the account's "today". */
export function dateInTimeZone(ms: number, timeZone: string): string {
  const format = dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = Object.fromEntries(format.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function readerFormat(locale: string | undefined, timeZone: string | undefined) {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone });
}

/** A calendar day (`YYYY-MM-DD`) as its reader writes it: "May 3, 2026", "03.05.2026", "2026年5月3日". */
export function formatDay(date: string, locale: string | undefined): string {
  return readerFormat(locale, 'UTC').format(epochDayOf(date) * MS_PER_DAY);
}

/** The date of a moment (when a snapshot was saved) in the reader's own time zone and language. */
export function formatDateOf(ms: number, locale: string | undefined): string {
  return readerFormat(locale, undefined).format(ms);
}
