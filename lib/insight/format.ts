import { METRIC_UNITS, metricLabelKey, type Metric } from '@/lib/schema/vocabulary';
import { formatMinorMoney } from '@/lib/util/currency';
import type { Translate } from '@/lib/util/message-keys';
import { numberFormat, relativeTimeFormat } from '@/lib/util/intl';

/**
 * The insight panel's numbers as text, in the browser's locale and the account's currency. Money
 * arrives in minor units and is divided by the currency's own factor (cents, or none for yen)
 * only here, at the last step, so a total is exact until Intl rounds it for display.
 */

/** A metric's name in the reader's language, as Meta names it ("Amount spent", "CPM"). */
export function metricLabel(metric: Metric, t: Translate): string {
  return t(metricLabelKey(metric));
}

const MISSING = '—';

export interface NumberFormats {
  readonly locale: string | undefined;
  readonly currency: string;
}

/** Money in the account's currency with Meta's minor units: lib/util/currency's one formatter. */
export function formatMoney(minor: number, { locale, currency }: NumberFormats): string {
  return formatMinorMoney(minor, currency, { locale });
}

export function formatKpi(metric: Metric, value: number | null, formats: NumberFormats): string {
  if (value === null) return MISSING;
  switch (METRIC_UNITS[metric]) {
    case 'money':
      return formatMoney(value, formats);
    case 'count':
      return numberFormat(formats.locale, { maximumFractionDigits: 0 }).format(value);
    case 'fraction':
      return numberFormat(formats.locale, {
        style: 'percent',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(value);
    case 'ratio':
      return numberFormat(formats.locale, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(value);
  }
}

/** "+12.5%", "−3.0%", or "—" when there is nothing to compare with. */
export function formatChange(change: number | null, locale: string | undefined): string {
  if (change === null) return MISSING;
  return numberFormat(locale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(change);
}

const AGES: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "12 minutes ago", "yesterday", "just now". */
export function formatAge(ms: number, now: number, locale: string | undefined): string {
  const elapsed = Math.max(0, now - ms);
  const relative = relativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of AGES) {
    if (elapsed >= size) return relative.format(-Math.floor(elapsed / size), unit);
  }
  return relative.format(0, 'minute');
}
