/**
 * The evidence pages' interface language: labels, numbers, money and dates as Ads Manager shows
 * them in English, German and Chinese (the live page is used in many languages; the evidence has
 * zh-CN rows and English date labels). Labels here are the simulator's translations, not Meta's.
 */
import type { Currency, EffectiveStatus, Level } from '../../world/types';
import type { PageLocale } from '../control';
import { CURRENCY_DIGITS, NO_VALUE } from '../format';

const TAG: Readonly<Record<PageLocale, string>> = { en: 'en-US', de: 'de-DE', zh: 'zh-CN' };

type Labels = Readonly<Record<string, string>>;

const LABELS: Readonly<Record<PageLocale, Labels>> = {
  en: {
    campaign: 'Campaign',
    adset: 'Ad set',
    ad: 'Ad',
    campaigns: 'campaigns',
    adsets: 'ad sets',
    ads: 'ads',
    delivery: 'Delivery',
    budget: 'Budget',
    results: 'Results',
    reach: 'Reach',
    impressions: 'Impressions',
    cost_per_result: 'Cost per result',
    spend: 'Amount spent',
    end_time: 'Ends',
    ongoing: 'Ongoing',
    charts: 'Charts',
    edit: 'Edit',
    duplicate: 'Duplicate',
    compare: 'Compare',
    more: 'More',
    select: 'Select row',
    onoff: 'On/Off',
    loading: 'Loading',
    resultsFrom: 'Results from {n} {what}',
    dateRange: 'Date range',
    ACTIVE: 'Active',
    PAUSED: 'Off',
    last_7d: 'Last 7 days',
    last_14d: 'Last 14 days',
    last_28d: 'Last 28 days',
    last_30d: 'Last 30 days',
    last_90d: 'Last 90 days',
    today: 'Today',
    yesterday: 'Yesterday',
    this_month: 'This month',
    last_month: 'Last month',
    maximum: 'Maximum',
  },
  de: {
    campaign: 'Kampagne',
    adset: 'Anzeigengruppe',
    ad: 'Anzeige',
    campaigns: 'Kampagnen',
    adsets: 'Anzeigengruppen',
    ads: 'Anzeigen',
    delivery: 'Auslieferung',
    budget: 'Budget',
    results: 'Ergebnisse',
    reach: 'Reichweite',
    impressions: 'Impressionen',
    cost_per_result: 'Kosten pro Ergebnis',
    spend: 'Ausgegebener Betrag',
    end_time: 'Ende',
    ongoing: 'Fortlaufend',
    charts: 'Diagramme',
    edit: 'Bearbeiten',
    duplicate: 'Duplizieren',
    compare: 'Vergleichen',
    more: 'Mehr',
    select: 'Zeile auswählen',
    onoff: 'An/Aus',
    loading: 'Wird geladen',
    resultsFrom: 'Ergebnisse von {n} {what}',
    dateRange: 'Zeitraum',
    ACTIVE: 'Aktiv',
    PAUSED: 'Aus',
    last_7d: 'Letzte 7 Tage',
    last_14d: 'Letzte 14 Tage',
    last_28d: 'Letzte 28 Tage',
    last_30d: 'Letzte 30 Tage',
    last_90d: 'Letzte 90 Tage',
    today: 'Heute',
    yesterday: 'Gestern',
    this_month: 'Dieser Monat',
    last_month: 'Letzter Monat',
    maximum: 'Maximum',
  },
  zh: {
    campaign: '广告系列',
    adset: '广告组',
    ad: '广告',
    campaigns: '个广告系列',
    adsets: '个广告组',
    ads: '条广告',
    delivery: '投放状态',
    budget: '预算',
    results: '成效',
    reach: '覆盖人数',
    impressions: '展示次数',
    cost_per_result: '单次成效费用',
    spend: '已花费金额',
    end_time: '结束时间',
    ongoing: '持续投放',
    charts: '图表',
    edit: '编辑',
    duplicate: '复制',
    compare: '比较',
    more: '更多',
    select: '选择行',
    onoff: '开/关',
    loading: '加载中',
    resultsFrom: '{n} {what}的成效',
    dateRange: '日期范围',
    ACTIVE: '投放中',
    PAUSED: '已关闭',
    last_7d: '过去 7 天',
    last_14d: '过去 14 天',
    last_28d: '过去 28 天',
    last_30d: '过去 30 天',
    last_90d: '过去 90 天',
    today: '今天',
    yesterday: '昨天',
    this_month: '本月',
    last_month: '上个月',
    maximum: '最长时间',
  },
};

export interface PageText {
  readonly locale: PageLocale;
  label(key: string): string;
  integer(value: number): string;
  decimal(value: number | undefined, digits: number): string;
  money(minor: number | undefined, currency: Currency): string;
  /** A day as the date picker shows it: `Jul 28, 2025`, `28.07.2025`, `2025年7月28日`. */
  day(date: string): string;
  levelName(level: Level): string;
  delivery(status: EffectiveStatus, fallback: string): string;
  resultsFrom(count: number, level: Level): string;
}

export function pageText(locale: PageLocale): PageText {
  const tag = TAG[locale];
  const labels = LABELS[locale];
  const label = (key: string): string => labels[key] ?? LABELS.en[key] ?? key;
  const integers = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const days = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    locale,
    label,
    integer: (value) => integers.format(Math.round(value)),
    decimal: (value, digits) =>
      value === undefined
        ? NO_VALUE
        : new Intl.NumberFormat(tag, {
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          }).format(value),
    money(minor, currency) {
      if (minor === undefined) return NO_VALUE;
      const digits = CURRENCY_DIGITS[currency];
      return new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(Math.round(minor) / 10 ** digits);
    },
    day: (date) => days.format(new Date(`${date}T00:00:00Z`)),
    levelName: (level) => label(level),
    delivery: (status, fallback) => labels[status] ?? fallback,
    resultsFrom: (count, level) =>
      label('resultsFrom')
        .replace('{n}', integers.format(count))
        .replace('{what}', label(`${level === 'campaign' ? 'campaign' : level}s`)),
  };
}
