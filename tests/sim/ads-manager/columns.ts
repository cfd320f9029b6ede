/**
 * The table's columns (Ads Manager's "Performance" preset) and how each cell's text is derived from a
 * row. Shared: the page renders with it and the unit tests assert against it. Derived metrics follow
 * the Graph API's definitions, so a value here is the API's value rounded for display.
 */
import type { Currency, EffectiveStatus, Level } from '../world/types';
import { formatDecimal, formatInteger, formatMoneyMinor, formatPercent, NO_VALUE } from './format';
import type { BudgetKind, RowStats, TableRow, TableSummary } from './wire';

export interface CellText {
  readonly text: string;
  /** The smaller second line some cells have ("Daily", "Website purchases"). */
  readonly sub?: string;
}

export interface CellContext {
  readonly currency: Currency;
  readonly level: Level;
}

/** Counts summed over rows or a single row: what the derived metrics are computed from. */
type Volume = Omit<RowStats, 'reach'> & { readonly reach?: number };

export interface Derived {
  readonly ctr?: number;
  readonly cpcMinor?: number;
  readonly cpmMinor?: number;
  readonly frequency?: number;
  readonly costPerResultMinor?: number;
  readonly roas?: number;
}

/** ctr = clicks / impressions × 100, cpc = spend / clicks, cpm = spend / impressions × 1000, … */
export function deriveMetrics(v: Volume): Derived {
  const ratio = (num: number, den: number | undefined, scale = 1): number | undefined =>
    den ? (num / den) * scale : undefined;
  return {
    ctr: ratio(v.clicks, v.impressions, 100),
    cpcMinor: ratio(v.spendMinor, v.clicks),
    cpmMinor: ratio(v.spendMinor, v.impressions, 1000),
    frequency: v.reach === undefined ? undefined : ratio(v.impressions, v.reach),
    costPerResultMinor: ratio(v.spendMinor, v.purchases),
    roas: v.purchaseValueMinor > 0 ? ratio(v.purchaseValueMinor, v.spendMinor) : undefined,
  };
}

const DELIVERY_LABEL: Readonly<Record<EffectiveStatus, string>> = {
  ACTIVE: 'Active',
  PAUSED: 'Off',
  DELETED: 'Deleted',
  ARCHIVED: 'Archived',
  IN_PROCESS: 'In process',
  WITH_ISSUES: 'Error',
  CAMPAIGN_PAUSED: 'Campaign off',
  ADSET_PAUSED: 'Ad set off',
  DISAPPROVED: 'Rejected',
  PENDING_REVIEW: 'In review',
};

export function deliveryLabel(status: EffectiveStatus): string {
  return DELIVERY_LABEL[status];
}

export type DeliveryTone = 'active' | 'off' | 'warning' | 'error';

export function deliveryTone(status: EffectiveStatus): DeliveryTone {
  if (status === 'ACTIVE') return 'active';
  if (status === 'WITH_ISSUES' || status === 'DISAPPROVED') return 'error';
  if (status === 'PENDING_REVIEW' || status === 'IN_PROCESS') return 'warning';
  return 'off';
}

const BUDGET_OWNER_TEXT: Partial<Record<BudgetKind, string>> = {
  campaign: 'Using campaign budget',
  adset: 'Using ad set budget',
};

function budgetCell(row: TableRow, ctx: CellContext): CellText {
  const owner = BUDGET_OWNER_TEXT[row.budget];
  if (owner) return { text: owner };
  if (row.budgetMinor === null || row.budget === 'none') return { text: NO_VALUE };
  return {
    text: formatMoneyMinor(row.budgetMinor, ctx.currency),
    sub: row.budget === 'daily' ? 'Daily' : 'Lifetime',
  };
}

const money = (minor: number | undefined, ctx: CellContext): string =>
  minor === undefined ? NO_VALUE : formatMoneyMinor(minor, ctx.currency);
const decimal = (value: number | undefined, digits: number): string =>
  value === undefined ? NO_VALUE : formatDecimal(value, digits);

/** The metric part of a row or of the totals row; `reach` is absent for totals (not summable). */
function metricCell(key: string, v: Volume | null, ctx: CellContext): CellText {
  if (!v) return { text: key === 'spend' ? formatMoneyMinor(0, ctx.currency) : NO_VALUE };
  const d = deriveMetrics(v);
  switch (key) {
    case RESULTS_KEY:
      return {
        text: v.purchases > 0 ? formatInteger(v.purchases) : NO_VALUE,
        sub: 'Website purchases',
      };
    case COST_PER_RESULT_KEY:
      return { text: money(d.costPerResultMinor, ctx), sub: 'Per purchase' };
    case 'reach':
      return { text: v.reach === undefined ? NO_VALUE : formatInteger(v.reach) };
    case 'frequency':
      return { text: decimal(d.frequency, 2) };
    case 'spend':
      return { text: formatMoneyMinor(v.spendMinor, ctx.currency) };
    case 'impressions':
      return { text: formatInteger(v.impressions) };
    case 'cpm':
      return { text: money(d.cpmMinor, ctx) };
    case 'clicks':
      return { text: formatInteger(v.clicks) };
    case LINK_CLICKS_KEY:
      return { text: formatInteger(v.inlineLinkClicks) };
    case 'ctr':
      return { text: d.ctr === undefined ? NO_VALUE : formatPercent(d.ctr) };
    case 'cpc':
      return { text: money(d.cpcMinor, ctx) };
    case ROAS_KEY:
      return { text: decimal(d.roas, 2) };
    default:
      return { text: NO_VALUE };
  }
}

export const RESULTS_KEY = 'forAttributionWindow(results,default)';
export const COST_PER_RESULT_KEY = 'forAttributionWindow(cost_per_result,default)';
export const ROAS_KEY = 'forAttributionWindow(purchase_roas:omni_purchase,default)';
export const LINK_CLICKS_KEY = 'actions:link_click';

export type ColumnKind = 'name' | 'text' | 'metric';

export interface Column {
  /** The `table_cell:<key>` part of the cell's data-surface (an insights-style field key). */
  readonly key: string;
  readonly label: string;
  readonly width: number;
  readonly kind: ColumnKind;
}

const NAME_LABEL: Readonly<Record<Level, string>> = {
  campaign: 'Campaign',
  adset: 'Ad set',
  ad: 'Ad',
};

export function nameLabel(level: Level): string {
  return NAME_LABEL[level];
}

/** Width of the frozen block's checkbox and on/off toggle, left of the name. */
export const FROZEN_CONTROLS_WIDTH = 88;

export const COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Name', width: 300, kind: 'name' },
  { key: 'delivery', label: 'Delivery', width: 132, kind: 'text' },
  { key: 'budget', label: 'Budget', width: 150, kind: 'text' },
  { key: RESULTS_KEY, label: 'Results', width: 128, kind: 'metric' },
  { key: 'reach', label: 'Reach', width: 112, kind: 'metric' },
  { key: 'frequency', label: 'Frequency', width: 100, kind: 'metric' },
  { key: COST_PER_RESULT_KEY, label: 'Cost per result', width: 128, kind: 'metric' },
  { key: 'spend', label: 'Amount spent', width: 128, kind: 'metric' },
  { key: 'impressions', label: 'Impressions', width: 120, kind: 'metric' },
  { key: 'cpm', label: 'CPM (cost per 1,000 impressions)', width: 150, kind: 'metric' },
  { key: 'clicks', label: 'Clicks (all)', width: 108, kind: 'metric' },
  { key: LINK_CLICKS_KEY, label: 'Link clicks', width: 108, kind: 'metric' },
  { key: 'ctr', label: 'CTR (all)', width: 100, kind: 'metric' },
  { key: 'cpc', label: 'CPC (all)', width: 100, kind: 'metric' },
  { key: ROAS_KEY, label: 'Purchase ROAS (return on ad spend)', width: 160, kind: 'metric' },
];

/** The sort the page opens with: Amount spent, descending. */
export const DEFAULT_SORT_KEY = 'spend';

export function rowCell(column: Column, row: TableRow, ctx: CellContext): CellText {
  switch (column.key) {
    case 'name':
      return { text: row.name };
    case 'delivery':
      return { text: deliveryLabel(row.effectiveStatus) };
    case 'budget':
      return budgetCell(row, ctx);
    default:
      return metricCell(column.key, row.stats, ctx);
  }
}

const LEVEL_PLURAL: Readonly<Record<Level, [string, string]>> = {
  campaign: ['campaign', 'campaigns'],
  adset: ['ad set', 'ad sets'],
  ad: ['ad', 'ads'],
};

export function countLabel(level: Level, count: number): string {
  const [one, many] = LEVEL_PLURAL[level];
  return `${formatInteger(count)} ${count === 1 ? one : many}`;
}

export function levelPlural(level: Level): string {
  return LEVEL_PLURAL[level][1];
}

/** The totals row: "Results from 200 campaigns"; reach and frequency are not summable. */
export function summaryCell(
  column: Column,
  summary: TableSummary,
  ctx: CellContext,
  includesDeleted: boolean,
): CellText {
  switch (column.key) {
    case 'name':
      return {
        text: `Results from ${countLabel(ctx.level, summary.count)}`,
        sub: includesDeleted ? 'Includes deleted items' : 'Excludes deleted items',
      };
    case 'delivery':
    case 'budget':
      return { text: '' };
    case 'reach':
      return { text: NO_VALUE, sub: 'Accounts Center accounts' };
    default:
      return metricCell(column.key, summary.count > 0 ? summary : null, ctx);
  }
}
