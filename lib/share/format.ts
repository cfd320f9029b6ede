import { formatMinorMoney, minorUnitsPerMajor } from '@/lib/util/currency';
import { METRIC_UNITS, type Metric } from './schema';

/**
 * Numbers as the viewer, the Markdown summary and the image show them. English formatting rules,
 * like the findings' sentences, so the same snapshot reads the same everywhere.
 */
export const METRIC_LABELS: Readonly<Record<Metric, string>> = {
  spend: 'Spend',
  impressions: 'Impressions',
  reach: 'Reach',
  frequency: 'Frequency',
  clicks: 'Clicks',
  link_clicks: 'Link clicks',
  ctr: 'CTR',
  cpc: 'CPC',
  cpm: 'CPM',
  conversions: 'Conversions',
  cpa: 'CPA',
  conversion_value: 'Conversion value',
  roas: 'ROAS',
};

const MISSING = '—';
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const TWO_DECIMALS = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const ONE_DECIMAL = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** `currency` is an ISO code, or `index` when money was redacted to an index. */
export function formatMetric(metric: Metric, value: number | null, currency: string): string {
  if (value === null) return MISSING;
  switch (METRIC_UNITS[metric]) {
    case 'money':
      return currency === 'index' ? ONE_DECIMAL.format(value) : formatMoney(value, currency);
    case 'count':
      return COUNT.format(value);
    case 'fraction':
      return `${TWO_DECIMALS.format(value * 100)} %`;
    case 'ratio':
      return TWO_DECIMALS.format(value);
  }
}

/** With the decimals Meta keeps for the currency (none for TWD), not Intl's ISO ones. */
function formatMoney(value: number, currency: string): string {
  const minor = Math.round(value * minorUnitsPerMajor(currency));
  return formatMinorMoney(minor, currency, { locale: 'en-US' });
}

/** "+12.5 %", "-3.0 %", or "—" when there is nothing to compare with. */
export function formatChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null || previous === 0) return MISSING;
  const change = (current / previous - 1) * 100;
  return `${change > 0 ? '+' : ''}${ONE_DECIMAL.format(change)} %`;
}

/** "Spend" or "Spend (index)" when money is redacted. */
export function metricHeading(metric: Metric, currency: string): string {
  const label = METRIC_LABELS[metric];
  return currency === 'index' && METRIC_UNITS[metric] === 'money' ? `${label} (index)` : label;
}
