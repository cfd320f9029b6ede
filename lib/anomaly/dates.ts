import type { IsoDate } from './types';

/** Calendar arithmetic on account days, done on UTC epoch days so no time zone can shift a day. */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01, or NaN when the text is not a `YYYY-MM-DD` date. */
export function epochDayOf(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) return Number.NaN;
  const [, year, month, day] = match;
  return Math.floor(Date.UTC(Number(year), Number(month) - 1, Number(day)) / MS_PER_DAY);
}

/** {@link epochDayOf} with a memory: an account's rows repeat the same dates for every entity. */
export function epochDayParser(): (date: IsoDate) => number {
  const known = new Map<IsoDate, number>();
  return (date) => {
    let day = known.get(date);
    if (day === undefined) {
      day = epochDayOf(date);
      known.set(date, day);
    }
    return day;
  };
}

export function dateOfEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday: Meta's budget week runs Sunday to Saturday. */
export function weekdayOfEpochDay(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}
