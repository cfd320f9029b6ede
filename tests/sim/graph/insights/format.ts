import { MINOR_PER_MAJOR } from '../../world/accounts';
import { formatGraphTime } from '../../world/calendar';
import type { MetricValues } from '../../world/stats-table';
import type { Currency, SimAccount, SimEntity } from '../../world/types';
import type { InsightsLevel } from './query';

/**
 * One insights row as Graph writes it: every metric a string (money in major units, ratios with up
 * to six decimals, counts as integers), action lists of `{action_type, value}` with string values,
 * ids and names only when requested, empty lists left out.
 */

export interface RowSubject {
  readonly level: InsightsLevel;
  /** What the world's stats are keyed by: `act_<id>` or the entity id. */
  readonly statsId: string;
  readonly account: SimAccount;
  readonly campaign?: SimEntity;
  readonly adset?: SimEntity;
  readonly ad?: SimEntity;
}

export interface RowContext {
  readonly subject: RowSubject;
  readonly dateStart: string;
  readonly dateStop: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly values: MetricValues;
  readonly windows: readonly string[];
  /** Reach-based metrics are withheld for old ranges with breakdowns (meta-graph-api.md §1). */
  readonly withholdReach: boolean;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type InsightsRow = Record<string, Json>;

const PIXEL_PURCHASE = 'offsite_conversion.fb_pixel_purchase';
const OMNI_PURCHASE = 'omni_purchase';
const REACH_FIELDS = new Set(['reach', 'frequency', 'cpp', 'unique_clicks', 'unique_ctr']);

export function formatRow(fields: readonly string[], context: RowContext): InsightsRow {
  const row: InsightsRow = {};
  if (!fields.includes('account_id')) row.account_id = context.subject.account.accountId;
  for (const field of fields) {
    if (field === 'date_start' || field === 'date_stop') continue;
    if (context.withholdReach && REACH_FIELDS.has(field)) continue;
    const value = fieldValue(field, context);
    if (value !== undefined) row[field] = value;
  }
  Object.assign(row, context.labels);
  row.date_start = context.dateStart;
  row.date_stop = context.dateStop;
  return row;
}

/** The numeric value of a metric field, for filtering and sorting rows. */
export function numericValue(field: string, context: RowContext): number | undefined {
  const value = fieldValue(field, context);
  return typeof value === 'string' && value !== '' ? Number(value) : undefined;
}

function fieldValue(field: string, context: RowContext): Json | undefined {
  const { subject, values } = context;
  const money = new Money(subject.account.currency);
  const spend = money.major(values.spendMinor);
  const uniqueClicks = Math.min(values.reach, Math.round(values.clicks * 0.91));
  switch (field) {
    case 'spend':
      return money.format(values.spendMinor);
    case 'impressions':
      return String(values.impressions);
    case 'reach':
      return String(values.reach);
    case 'clicks':
      return String(values.clicks);
    case 'unique_clicks':
      return String(uniqueClicks);
    case 'inline_link_clicks':
      return String(values.inlineLinkClicks);
    case 'frequency':
      return ratio(values.impressions, values.reach);
    case 'ctr':
      return ratio(values.clicks * 100, values.impressions);
    case 'unique_ctr':
      return ratio(uniqueClicks * 100, values.reach);
    case 'inline_link_click_ctr':
      return ratio(values.inlineLinkClicks * 100, values.impressions);
    case 'cpc':
      return ratio(spend, values.clicks);
    case 'cpm':
      return ratio(spend * 1000, values.impressions);
    case 'cpp':
      return ratio(spend * 1000, values.reach);
    case 'cost_per_inline_link_click':
      return ratio(spend, values.inlineLinkClicks);
    case 'actions':
      return actionList(context, [
        ['link_click', values.inlineLinkClicks, 'clicks'],
        [PIXEL_PURCHASE, values.purchases, 'conversions'],
        [OMNI_PURCHASE, values.purchases, 'conversions'],
      ]);
    case 'action_values':
      return moneyList(context, money, [
        [PIXEL_PURCHASE, values.purchaseValueMinor],
        [OMNI_PURCHASE, values.purchaseValueMinor],
      ]);
    case 'cost_per_action_type':
      return costList(spend, [
        ['link_click', values.inlineLinkClicks],
        [PIXEL_PURCHASE, values.purchases],
        [OMNI_PURCHASE, values.purchases],
      ]);
    case 'purchase_roas':
      return roasList(OMNI_PURCHASE, money.major(values.purchaseValueMinor), spend);
    case 'website_purchase_roas':
      return roasList(PIXEL_PURCHASE, money.major(values.purchaseValueMinor), spend);
    case 'outbound_clicks':
      return actionList(context, [['outbound_click', values.inlineLinkClicks, 'clicks']]);
    case 'cost_per_outbound_click':
      return costList(spend, [['outbound_click', values.inlineLinkClicks]]);
    case 'website_ctr': {
      const value = ratio(values.inlineLinkClicks * 100, values.impressions);
      return value === undefined ? undefined : [{ action_type: 'link_click', value }];
    }
    case 'conversions':
    case 'conversion_values':
      // Only custom and standard events outside purchases land here; this world has none.
      return undefined;
    default:
      return descriptiveValue(field, subject);
  }
}

function descriptiveValue(field: string, subject: RowSubject): Json | undefined {
  const { account, campaign, adset, ad } = subject;
  const own = ad ?? adset ?? campaign;
  switch (field) {
    case 'account_id':
      return account.accountId;
    case 'account_name':
      return account.name;
    case 'account_currency':
      return account.currency;
    case 'campaign_id':
      return campaign?.id;
    case 'campaign_name':
      return campaign?.name;
    case 'adset_id':
      return adset?.id;
    case 'adset_name':
      return adset?.name;
    case 'ad_id':
      return ad?.id;
    case 'ad_name':
      return ad?.name;
    case 'objective':
      return campaign?.objective;
    case 'optimization_goal':
      return adset?.optimizationGoal;
    case 'buying_type':
      return campaign ? 'AUCTION' : undefined;
    case 'attribution_setting':
      return adset ? '7d_click_1d_view' : undefined;
    case 'created_time':
      return own && formatGraphTime(own.createdTime, account.timezoneName).slice(0, 10);
    case 'updated_time':
      return own && formatGraphTime(own.updatedTime, account.timezoneName).slice(0, 10);
    default:
      return undefined;
  }
}

class Money {
  private readonly minorPerMajor: number;

  constructor(private readonly currency: Currency) {
    this.minorPerMajor = MINOR_PER_MAJOR[currency];
  }

  major(minor: number): number {
    return minor / this.minorPerMajor;
  }

  /** `"142.87"`; zero-decimal currencies have no fraction (`"15320"` yen). */
  format(minor: number): string {
    return this.minorPerMajor === 1 ? String(minor) : this.major(minor).toFixed(2);
  }
}

/** `a / b` with up to six decimals and no trailing zeros; undefined when b is zero. */
function ratio(numerator: number, denominator: number): string | undefined {
  if (denominator === 0) return undefined;
  return trimDecimals((numerator / denominator).toFixed(6));
}

function trimDecimals(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

type Attribution = 'clicks' | 'conversions';

/**
 * How a conversion total splits over attribution windows: the default setting (7-day click +
 * 1-day view) is the `value`; narrower windows see less, 28-day click sees more.
 */
function windowCounts(total: number, window: string): number | undefined {
  const view = Math.floor(total * 0.15);
  const click7 = total - view;
  switch (window) {
    case '1d_view':
      return view;
    case '7d_click':
      return click7;
    case '1d_click':
      return Math.floor(click7 * 0.75);
    case '28d_click':
      return click7 + Math.floor(click7 * 0.12);
    case '1d_ev':
      return Math.floor(total * 0.04);
    case 'dda':
      return total;
    default:
      return undefined;
  }
}

function actionList(
  context: RowContext,
  entries: readonly (readonly [string, number, Attribution])[],
): Json | undefined {
  return nonEmpty(
    entries
      .filter(([, count]) => count > 0)
      .map(([actionType, count, attribution]) => {
        const entry: Record<string, Json> = { action_type: actionType, value: String(count) };
        for (const window of context.windows) {
          const clickOnly = attribution === 'clicks';
          if (clickOnly && (window === '1d_view' || window === '1d_ev')) continue;
          const windowed = clickOnly ? count : windowCounts(count, window);
          if (windowed !== undefined) entry[window] = String(windowed);
        }
        return entry;
      }),
  );
}

function moneyList(
  context: RowContext,
  money: Money,
  entries: readonly (readonly [string, number])[],
): Json | undefined {
  return nonEmpty(
    entries
      .filter(([, minor]) => minor > 0)
      .map(([actionType, minor]) => {
        const entry: Record<string, Json> = { action_type: actionType, value: money.format(minor) };
        for (const window of context.windows) {
          const windowed = windowCounts(minor, window);
          if (windowed !== undefined) entry[window] = money.format(windowed);
        }
        return entry;
      }),
  );
}

function costList(
  spend: number,
  entries: readonly (readonly [string, number])[],
): Json | undefined {
  return nonEmpty(
    entries
      .filter(([, count]) => count > 0)
      .map(([actionType, count]) => ({
        action_type: actionType,
        value: ratio(spend, count) ?? '0',
      })),
  );
}

function roasList(actionType: string, value: number, spend: number): Json | undefined {
  if (value <= 0 || spend <= 0) return undefined;
  return [{ action_type: actionType, value: ratio(value, spend) ?? '0' }];
}

function nonEmpty(list: Json[]): Json | undefined {
  return list.length > 0 ? list : undefined;
}
