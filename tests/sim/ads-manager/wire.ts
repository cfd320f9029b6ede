/**
 * What travels between the simulator and the page bundle: the boot configuration embedded in the
 * HTML shell and the table endpoint's compact JSON. Shared by both sides so they cannot drift.
 */
import type { ConfiguredStatus, Currency, EffectiveStatus, Level } from '../world/types';
import type { PageLocale, PageVariant } from './control';
import type { StyleRole } from './styles';

export interface BootAccount {
  readonly accountId: string;
  readonly name: string;
  readonly currency: Currency;
  readonly businessId: string;
  readonly timezoneName: string;
  /** Today in the account's time zone when the page was served. */
  readonly today: string;
  /** First day of the account's history (`world.historyStart`), where "Maximum" begins. */
  readonly earliest: string;
}

export interface BootConfig {
  readonly buildId: number;
  readonly variant: PageVariant;
  readonly locale: PageLocale;
  /** Atomic class list per UI role, different for every build id. */
  readonly classes: Readonly<Record<StyleRole, string>>;
  readonly accounts: readonly BootAccount[];
}

/** Who owns the budget a row's Budget column shows. */
export type BudgetKind = 'daily' | 'lifetime' | 'campaign' | 'adset' | 'none';

/** Delivery over the requested range; money in minor units. Absent when the entity did not deliver. */
export interface RowStats {
  readonly spendMinor: number;
  readonly impressions: number;
  readonly reach: number;
  readonly clicks: number;
  readonly inlineLinkClicks: number;
  readonly purchases: number;
  readonly purchaseValueMinor: number;
}

export interface TableRow {
  readonly id: string;
  readonly name: string;
  readonly status: ConfiguredStatus;
  readonly effectiveStatus: EffectiveStatus;
  readonly budget: BudgetKind;
  readonly budgetMinor: number | null;
  readonly campaignId: string | null;
  readonly adsetId: string | null;
  readonly stats: RowStats | null;
}

/** Sums over every row of the table (not only the page sent); reach is not summable and absent. */
export interface TableSummary {
  readonly count: number;
  readonly spendMinor: number;
  readonly impressions: number;
  readonly clicks: number;
  readonly inlineLinkClicks: number;
  readonly purchases: number;
  readonly purchaseValueMinor: number;
}

/** One row as a positional tuple: 5,000 ads stay around half a megabyte of JSON. */
export type WireRow = readonly [
  id: string,
  name: string,
  status: ConfiguredStatus,
  effectiveStatus: EffectiveStatus,
  budget: BudgetKind,
  budgetMinor: number | null,
  campaignId: string | null,
  adsetId: string | null,
  spendMinor: number | null,
  impressions: number | null,
  reach: number | null,
  clicks: number | null,
  inlineLinkClicks: number | null,
  purchases: number | null,
  purchaseValueMinor: number | null,
];

export const WIRE_FIELDS = [
  'id',
  'name',
  'status',
  'effective_status',
  'budget',
  'budget_minor',
  'campaign_id',
  'adset_id',
  'spend_minor',
  'impressions',
  'reach',
  'clicks',
  'inline_link_clicks',
  'purchases',
  'purchase_value_minor',
] as const;

export interface TablePage {
  readonly level: Level;
  readonly accountId: string;
  readonly currency: Currency;
  readonly since: string;
  readonly until: string;
  /** Pass back as `snapshot=` to get the later chunks of this same computation. */
  readonly snapshot?: string;
  /** Rows in the whole table; the page holds `rows.length` of them starting at `offset`. */
  readonly total: number;
  readonly offset: number;
  readonly summary: TableSummary;
  readonly fields: typeof WIRE_FIELDS;
  readonly rows: readonly WireRow[];
}

export function encodeRow(row: TableRow): WireRow {
  const s = row.stats;
  return [
    row.id,
    row.name,
    row.status,
    row.effectiveStatus,
    row.budget,
    row.budgetMinor,
    row.campaignId,
    row.adsetId,
    s ? s.spendMinor : null,
    s ? s.impressions : null,
    s ? s.reach : null,
    s ? s.clicks : null,
    s ? s.inlineLinkClicks : null,
    s ? s.purchases : null,
    s ? s.purchaseValueMinor : null,
  ];
}

export function decodeRow(wire: WireRow): TableRow {
  const [id, name, status, effectiveStatus, budget, budgetMinor, campaignId, adsetId, spend] = wire;
  const stats: RowStats | null =
    spend === null
      ? null
      : {
          spendMinor: spend,
          impressions: wire[9] ?? 0,
          reach: wire[10] ?? 0,
          clicks: wire[11] ?? 0,
          inlineLinkClicks: wire[12] ?? 0,
          purchases: wire[13] ?? 0,
          purchaseValueMinor: wire[14] ?? 0,
        };
  return { id, name, status, effectiveStatus, budget, budgetMinor, campaignId, adsetId, stats };
}
