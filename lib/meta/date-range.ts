import { addDays } from '@/lib/util/dates';
import type { AdsManagerPage } from './page-detect';

/**
 * The page's date range. The URL carries it once the user picked one (`date=<since>_<until>,…`);
 * before that the date picker's button says it ("Last 30 days: Oct 24, 2026 – Nov 22, 2026"), and
 * without either Ads Manager shows the last 30 days, which end yesterday.
 */
export interface PageDateRange {
  readonly since: string;
  readonly until: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_LABEL = /\b([A-Z][a-z]{2}) (\d{1,2}), (\d{4})\b/g;

/** The days an English date picker label names, or undefined when it names none. */
export function parseDateRangeLabel(label: string): PageDateRange | undefined {
  const days = [...label.matchAll(DAY_LABEL)].flatMap(([, month = '', day = '', year = '']) => {
    const index = MONTHS.indexOf(month);
    if (index < 0) return [];
    const date = `${year}-${String(index + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
    return Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? [] : [date];
  });
  const [since, until = since] = [days[0], days.at(-1)];
  if (since === undefined || until === undefined || since > until) return undefined;
  return { since, until };
}

export function pageDateRange(
  page: Pick<AdsManagerPage, 'since' | 'until'>,
  pickerLabel: string | undefined,
  accountToday: string,
): PageDateRange {
  if (page.since !== undefined && page.until !== undefined) {
    return { since: page.since, until: page.until };
  }
  return (
    (pickerLabel === undefined ? undefined : parseDateRangeLabel(pickerLabel)) ?? {
      since: addDays(accountToday, -30),
      until: addDays(accountToday, -1),
    }
  );
}
