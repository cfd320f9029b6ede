/**
 * The table the page shows, computed from the world: one row per entity of the level (deleted and
 * archived hidden unless the filter asks for them, paused shown), metrics from `world.totals` for the
 * range, sorted by amount spent descending. Served by the page's own JSON endpoint.
 */
import type { Level, SimEntity, World } from '../world/types';
import type { BudgetKind, RowStats, TablePage, TableRow, TableSummary } from './wire';
import { encodeRow, WIRE_FIELDS } from './wire';
import { isIsoDate } from './dates';
import { parseIdList, statusFilterOf, type TableQuery } from './url-scheme';

export class TableQueryError extends Error {}

/** Rows per response at most; the page asks for a first screenful, then the rest in a few chunks. */
export const MAX_PAGE_ROWS = 10_000;

const LEVELS: readonly Level[] = ['campaign', 'adset', 'ad'];

export function parseTableQuery(params: URLSearchParams): TableQuery {
  const act = params.get('act') ?? '';
  const level = params.get('level') ?? '';
  const since = params.get('since') ?? '';
  const until = params.get('until') ?? '';
  if (!/^\d+$/.test(act)) throw new TableQueryError('act must be the ad account id (digits)');
  const lvl = LEVELS.find((l) => l === level);
  if (!lvl) throw new TableQueryError('level must be one of campaign, adset, ad');
  if (!isIsoDate(since) || !isIsoDate(until) || since > until) {
    throw new TableQueryError('since and until must be YYYY-MM-DD dates with since <= until');
  }
  return {
    act,
    level: lvl,
    since,
    until,
    offset: nonNegativeInt(params.get('offset'), 0),
    limit: Math.min(nonNegativeInt(params.get('limit'), MAX_PAGE_ROWS), MAX_PAGE_ROWS),
    selectedCampaignIds: parseIdList(params.get('selected_campaign_ids')),
    selectedAdsetIds: parseIdList(params.get('selected_adset_ids')),
    filterSet: params.get('filter_set'),
  };
}

function nonNegativeInt(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value))
    throw new TableQueryError('offset and limit must be non-negative integers');
  return Number(value);
}

function isShown(entity: SimEntity, query: TableQuery): boolean {
  const filter = statusFilterOf(query.filterSet ?? null);
  if (entity.effectiveStatus === 'DELETED' || entity.status === 'DELETED') return filter.deleted;
  if (entity.effectiveStatus === 'ARCHIVED' || entity.status === 'ARCHIVED') return filter.archived;
  return true;
}

/** Selecting campaigns narrows the Ad sets and Ads tabs; selecting ad sets narrows the Ads tab. */
function matchesSelection(entity: SimEntity, query: TableQuery): boolean {
  const campaigns = query.selectedCampaignIds ?? [];
  const adsets = query.selectedAdsetIds ?? [];
  if (entity.level === 'ad' && adsets.length > 0) return adsets.includes(entity.adsetId ?? '');
  if (entity.level !== 'campaign' && campaigns.length > 0) {
    return campaigns.includes(entity.campaignId ?? '');
  }
  return true;
}

function budgetOf(
  entity: SimEntity,
  world: World,
): { budget: BudgetKind; budgetMinor: number | null } {
  if (entity.level !== 'ad') {
    if (entity.dailyBudgetMinor !== undefined) {
      return { budget: 'daily', budgetMinor: entity.dailyBudgetMinor };
    }
    if (entity.lifetimeBudgetMinor !== undefined) {
      return { budget: 'lifetime', budgetMinor: entity.lifetimeBudgetMinor };
    }
    return { budget: entity.level === 'campaign' ? 'adset' : 'campaign', budgetMinor: null };
  }
  const adset = entity.adsetId ? world.entity(entity.adsetId) : undefined;
  const adsetOwns =
    adset?.dailyBudgetMinor !== undefined || adset?.lifetimeBudgetMinor !== undefined;
  return { budget: adsetOwns ? 'adset' : 'campaign', budgetMinor: null };
}

function statsOf(world: World, entity: SimEntity, since: string, until: string): RowStats | null {
  const t = world.totals(entity.id, since, until);
  if (!t) return null;
  return {
    spendMinor: t.spendMinor,
    impressions: t.impressions,
    reach: t.reach,
    clicks: t.clicks,
    inlineLinkClicks: t.inlineLinkClicks,
    purchases: t.purchases,
    purchaseValueMinor: t.purchaseValueMinor,
  };
}

function toRow(world: World, entity: SimEntity, query: TableQuery): TableRow {
  return {
    id: entity.id,
    name: entity.name,
    status: entity.status,
    effectiveStatus: entity.effectiveStatus,
    ...budgetOf(entity, world),
    campaignId: entity.campaignId ?? null,
    adsetId: entity.adsetId ?? null,
    stats: statsOf(world, entity, query.since, query.until),
  };
}

/** Amount spent descending; rows without delivery last; the world's order breaks ties. */
function bySpendDescending(
  a: { row: TableRow; index: number },
  b: { row: TableRow; index: number },
) {
  const spend = (r: TableRow) => (r.stats ? r.stats.spendMinor : -1);
  return spend(b.row) - spend(a.row) || a.index - b.index;
}

export function summarize(rows: readonly TableRow[]): TableSummary {
  const sum = { spendMinor: 0, impressions: 0, clicks: 0, inlineLinkClicks: 0, purchases: 0 };
  let purchaseValueMinor = 0;
  for (const { stats } of rows) {
    if (!stats) continue;
    sum.spendMinor += stats.spendMinor;
    sum.impressions += stats.impressions;
    sum.clicks += stats.clicks;
    sum.inlineLinkClicks += stats.inlineLinkClicks;
    sum.purchases += stats.purchases;
    purchaseValueMinor += stats.purchaseValueMinor;
  }
  return { count: rows.length, ...sum, purchaseValueMinor };
}

/** Every row of the table, sorted; throws TableQueryError for an account the world does not have. */
export function buildTableRows(world: World, query: TableQuery): TableRow[] {
  if (!world.account(query.act)) throw new TableQueryError(`unknown ad account ${query.act}`);
  const entities = world.entities(query.act, query.level);
  const rows: { row: TableRow; index: number }[] = [];
  entities.forEach((entity, index) => {
    if (isShown(entity, query) && matchesSelection(entity, query)) {
      rows.push({ row: toRow(world, entity, query), index });
    }
  });
  return rows.sort(bySpendDescending).map((r) => r.row);
}

interface Snapshot {
  readonly rows: readonly TableRow[];
  readonly summary: TableSummary;
  readonly createdAt: number;
}

/** How long, and how many, computed tables stay available to the later chunks of a load. */
const SNAPSHOT_TTL_MS = 60_000;
const SNAPSHOT_LIMIT = 8;

/**
 * Computed tables kept for the later chunks of one load, so the chunks of a load come from one
 * computation: no row twice or missing if the world moves on in between, and 5,000 ads are computed
 * once, not once per chunk. A new load (no or unknown snapshot) always computes afresh.
 */
export class TableSnapshots {
  private readonly entries = new Map<string, Snapshot>();
  private serial = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get(id: string | null, query: TableQuery): Snapshot | undefined {
    const entry = id ? this.entries.get(`${id}|${snapshotKey(query)}`) : undefined;
    return entry && this.now() - entry.createdAt < SNAPSHOT_TTL_MS ? entry : undefined;
  }

  put(query: TableQuery, rows: readonly TableRow[]): { id: string; snapshot: Snapshot } {
    this.serial += 1;
    const id = `s${this.serial}`;
    const snapshot = { rows, summary: summarize(rows), createdAt: this.now() };
    this.entries.set(`${id}|${snapshotKey(query)}`, snapshot);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= SNAPSHOT_LIMIT) break;
      this.entries.delete(key);
    }
    return { id, snapshot };
  }
}

/** What a snapshot was computed for: a later chunk must ask for the same table. */
function snapshotKey(q: TableQuery): string {
  return JSON.stringify([
    q.act,
    q.level,
    q.since,
    q.until,
    q.filterSet ?? null,
    q.selectedCampaignIds ?? [],
    q.selectedAdsetIds ?? [],
  ]);
}

export function buildTablePage(
  world: World,
  query: TableQuery,
  snapshots?: TableSnapshots,
  snapshotId: string | null = null,
): TablePage {
  const account = world.account(query.act);
  if (!account) throw new TableQueryError(`unknown ad account ${query.act}`);
  const cached = snapshots?.get(snapshotId, query);
  const fresh = cached ? undefined : snapshots?.put(query, buildTableRows(world, query));
  const rows = cached?.rows ?? fresh?.snapshot.rows ?? buildTableRows(world, query);
  const offset = Math.min(query.offset ?? 0, rows.length);
  const limit = query.limit ?? MAX_PAGE_ROWS;
  return {
    level: query.level,
    accountId: account.accountId,
    currency: account.currency,
    since: query.since,
    until: query.until,
    ...(cached || fresh ? { snapshot: cached ? (snapshotId ?? '') : (fresh?.id ?? '') } : {}),
    total: rows.length,
    offset,
    summary: cached?.summary ?? fresh?.snapshot.summary ?? summarize(rows),
    fields: WIRE_FIELDS,
    rows: rows.slice(offset, offset + limit).map(encodeRow),
  };
}
