import { dateOfEpochDay, epochDayOrNaN } from '@/lib/util/dates';
import type { IsoDate } from './types';

/**
 * Calendar arithmetic on account days, done on UTC epoch days so no time zone can shift a day. The
 * engine reads dates leniently (lib/util/dates' `epochDayOrNaN`): an absent start or end is NaN.
 */
export { dateOfEpochDay, epochDayOrNaN };

/** {@link epochDayOrNaN} with a memory: an account's rows repeat the same dates for every entity. */
export function epochDayParser(): (date: IsoDate) => number {
  const known = new Map<IsoDate, number>();
  return (date) => {
    let day = known.get(date);
    if (day === undefined) {
      day = epochDayOrNaN(date);
      known.set(date, day);
    }
    return day;
  };
}

/** 0 = Sunday … 6 = Saturday: Meta's budget week runs Sunday to Saturday. */
export function weekdayOfEpochDay(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}
