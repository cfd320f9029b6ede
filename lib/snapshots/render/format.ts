import { formatChange as changeText, metricLabel } from '@/lib/insight/format';
import { formatMinorMoney, minorUnitsPerMajor } from '@/lib/util/currency';
import type { Reader } from '@/lib/util/message-keys';
import { METRIC_UNITS, type Metric } from '@/lib/snapshots/format/schema';
import { numberFormat } from '@/lib/util/intl';

/**
 * Numbers as the viewer, the Markdown summary and the image show them: in the reader's language
 * (`1.234,50 €` in German), money with the decimals Meta keeps for the currency. Metrics are named
 * as the insight panel names them (`kpiSpend`, Meta's own words in each language).
 */

const MISSING = '—';

/** `currency` is an ISO code, or `index` when money was redacted to an index. */
export function formatMetric(
  metric: Metric,
  value: number | null,
  currency: string,
  locale: string | undefined,
): string {
  if (value === null) return MISSING;
  switch (METRIC_UNITS[metric]) {
    case 'money':
      return currency === 'index'
        ? decimals(locale, 1).format(value)
        : formatMinorMoney(Math.round(value * minorUnitsPerMajor(currency)), currency, { locale });
    case 'count':
      return decimals(locale, 0, 0).format(value);
    case 'fraction':
      return decimals(locale, 2, 2, 'percent').format(value);
    case 'ratio':
      return decimals(locale, 2).format(value);
  }
}

/** "+12.5%", "−3,0 %", or "—" when there is nothing to compare with. */
export function formatChange(
  current: number | null,
  previous: number | null,
  locale: string | undefined,
): string {
  if (current === null || previous === null || previous === 0) return MISSING;
  return changeText(current / previous - 1, locale);
}

/** "Amount spent", or "Amount spent (index)" when money is redacted. */
export function metricHeading(metric: Metric, currency: string, { t }: Reader): string {
  const label = metricLabel(metric, t);
  return currency === 'index' && METRIC_UNITS[metric] === 'money'
    ? t('snapshotIndexed', label)
    : label;
}

function decimals(
  locale: string | undefined,
  digits: number,
  maximumFractionDigits = digits,
  style: 'decimal' | 'percent' = 'decimal',
): Intl.NumberFormat {
  return numberFormat(locale, {
    style,
    minimumFractionDigits: digits,
    maximumFractionDigits,
  });
}
