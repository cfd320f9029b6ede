/**
 * Calendar-date helpers shared by the server and the page bundle. Dates are `YYYY-MM-DD` strings in
 * the ad account's time zone, so all arithmetic happens on UTC midnights and never on local time.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** Inclusive number of days from `since` to `until`. */
export function dayCount(since: string, until: string): number {
  return (
    Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / 86_400_000) +
    1
  );
}

export function firstOfMonth(date: string, monthOffset = 0): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthOffset, 1))
    .toISOString()
    .slice(0, 10);
}

/** `Nov 15, 2026`, the way Ads Manager's date picker labels a day. */
export function formatDayLabel(date: string): string {
  const [year, month, day] = date.split('-');
  return `${MONTHS[Number(month) - 1] ?? '?'} ${Number(day)}, ${year ?? ''}`;
}
