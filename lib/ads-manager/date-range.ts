import { addDays } from '@/lib/util/dates';
import type { AdsManagerPage } from './page-detect';
import { dateRangeControl } from './selectors';

/**
 * The page's date range, inclusive. The URL carries it once the user picked one
 * (`date=<since>_<end>,…`, where the live page's end is exclusive: the single day 2026-03-15 is
 * `2026-03-15_2026-03-16`); the date picker's label says it in the page's language ("Last 30 days:
 * Oct 24, 2026 – Nov 22, 2026", "24.10.2026 – 22.11.2026", "2026年10月24日 - 2026年11月22日").
 * When both exist the label decides whether the URL's end is inclusive (older pages). Without
 * either, Ads Manager shows the last 30 days, which end yesterday.
 */
export interface PageDateRange {
  readonly since: string;
  readonly until: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `Jul 28, 2025`; `28.07.2025`; `2025年7月28日`; `2025-07-28` or `2025/7/28`. */
const DAY_LABEL =
  /\b([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}), (\d{4})\b|\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b|(\d{4})年(\d{1,2})月(\d{1,2})日|\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/g;

function isoDay(year: string, month: number, day: string): string | undefined {
  const date = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  const time = Date.parse(`${date}T00:00:00Z`);
  return month >= 1 && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date
    ? date
    : undefined;
}

function labelDays(label: string): string[] {
  return [...label.matchAll(DAY_LABEL)].flatMap((m) => {
    const day = m[1]
      ? isoDay(m[3]!, MONTHS.indexOf(m[1]) + 1, m[2]!)
      : m[4]
        ? isoDay(m[6]!, Number(m[5]), m[4])
        : m[7]
          ? isoDay(m[7], Number(m[8]), m[9]!)
          : isoDay(m[10]!, Number(m[11]), m[12]!);
    return day === undefined ? [] : [day];
  });
}

/** The days a date picker label names, in English, German, Chinese or ISO form. */
export function parseDateRangeLabel(label: string): PageDateRange | undefined {
  const days = labelDays(label);
  const [since, until = since] = [days[0], days.at(-1)];
  if (since === undefined || until === undefined || since > until) return undefined;
  return { since, until };
}

export function pageDateRange(
  page: Pick<AdsManagerPage, 'since' | 'until'>,
  pickerLabel: string | undefined,
  accountToday: string,
): PageDateRange {
  const label = pickerLabel === undefined ? undefined : parseDateRangeLabel(pickerLabel);
  const { since, until: end } = page;
  if (since !== undefined && end !== undefined) {
    const inclusive = end === since || (label?.since === since && label.until === end);
    return { since, until: inclusive ? end : addDays(end, -1) };
  }
  return label ?? { since: addDays(accountToday, -30), until: addDays(accountToday, -1) };
}

/** The range of the page in `document`, as pageDateRange reads it. */
export function readPageDateRange(
  page: Pick<AdsManagerPage, 'since' | 'until'>,
  accountToday: string,
): PageDateRange {
  const label = document.querySelector(dateRangeControl)?.textContent ?? undefined;
  return pageDateRange(page, label, accountToday);
}
