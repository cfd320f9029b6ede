/**
 * Ads Manager URLs (meta-graph-api.md §10) and the page's own data endpoint, shared by the server and
 * the page bundle. The page state lives in the URL, as in the real app: an extension reads `act`,
 * the tab, `date` and the `selected_*_ids` lists from `location` alone.
 */
import type { Level } from '../world/types';
import { addDays, firstOfMonth, isIsoDate } from './dates';

export type Tab = 'campaigns' | 'adsets' | 'ads';
export const TABS: readonly Tab[] = ['campaigns', 'adsets', 'ads'];
export const TAB_LEVEL: Readonly<Record<Tab, Level>> = {
  campaigns: 'campaign',
  adsets: 'adset',
  ads: 'ad',
};
export const LEVEL_TAB: Readonly<Record<Level, Tab>> = {
  campaign: 'campaigns',
  adset: 'adsets',
  ad: 'ads',
};

export const APP_ROOT = '/adsmanager';
export const MANAGE_PREFIX = '/adsmanager/manage/';
export const TABLE_API_PATH = '/adsmanager/api/table';
export const STATIC_PREFIX = '/adsmanager/static/';

export type DatePreset =
  | 'today'
  | 'yesterday'
  | 'last_7d'
  | 'last_14d'
  | 'last_28d'
  | 'last_30d'
  | 'last_90d'
  | 'this_month'
  | 'last_month'
  | 'maximum';

export const DATE_PRESETS: readonly { readonly preset: DatePreset; readonly label: string }[] = [
  { preset: 'today', label: 'Today' },
  { preset: 'yesterday', label: 'Yesterday' },
  { preset: 'last_7d', label: 'Last 7 days' },
  { preset: 'last_14d', label: 'Last 14 days' },
  { preset: 'last_28d', label: 'Last 28 days' },
  { preset: 'last_30d', label: 'Last 30 days' },
  { preset: 'last_90d', label: 'Last 90 days' },
  { preset: 'this_month', label: 'This month' },
  { preset: 'last_month', label: 'Last month' },
  { preset: 'maximum', label: 'Maximum' },
];

/** What the page shows when the URL has no `date` parameter (the URL is left as it is). */
export const DEFAULT_PRESET: DatePreset = 'last_30d';

export interface DateRange {
  readonly since: string;
  readonly until: string;
  /** The preset named in the URL, kept verbatim; absent for a custom range. */
  readonly preset?: string;
}

function isPreset(value: string): value is DatePreset {
  return DATE_PRESETS.some((p) => p.preset === value);
}

/** Like the Graph API's `date_preset`: the `last_N` ranges end yesterday, `today` is partial. */
export function presetRange(preset: DatePreset, today: string, earliest: string): DateRange {
  const yesterday = addDays(today, -1);
  const lastDays = (n: number): DateRange => ({
    since: addDays(today, -n),
    until: yesterday,
    preset,
  });
  switch (preset) {
    case 'today':
      return { since: today, until: today, preset };
    case 'yesterday':
      return { since: yesterday, until: yesterday, preset };
    case 'last_7d':
      return lastDays(7);
    case 'last_14d':
      return lastDays(14);
    case 'last_28d':
      return lastDays(28);
    case 'last_30d':
      return lastDays(30);
    case 'last_90d':
      return lastDays(90);
    case 'this_month':
      return { since: firstOfMonth(today), until: today, preset };
    case 'last_month':
      return { since: firstOfMonth(today, -1), until: addDays(firstOfMonth(today), -1), preset };
    case 'maximum':
      return { since: earliest < today ? earliest : today, until: today, preset };
  }
}

/**
 * `date=<since>_<until>,<preset>` (also without the preset, or a bare preset). The explicit dates win
 * over the preset name, as a shared link keeps showing the range it was made with.
 */
export function parseDateParam(
  value: string | null,
  today: string,
  earliest: string,
  exclusiveEnd = false,
): DateRange | undefined {
  if (!value) return undefined;
  const [dates = '', preset] = value.split(',', 2);
  const [since = '', end = ''] = dates.split('_', 2);
  // The live page's end is exclusive (a single day D is `D_D+1`); a bare `D_D` still means D.
  const until = exclusiveEnd && isIsoDate(end) && end > since ? addDays(end, -1) : end;
  if (isIsoDate(since) && isIsoDate(until) && since <= until) {
    return preset ? { since, until, preset } : { since, until };
  }
  const name = preset ?? dates;
  return isPreset(name) ? presetRange(name, today, earliest) : undefined;
}

export function formatDateParam(range: DateRange, exclusiveEnd = false): string {
  const dates = `${range.since}_${exclusiveEnd ? addDays(range.until, 1) : range.until}`;
  return range.preset ? `${dates},${range.preset}` : dates;
}

export function presetLabel(preset: string | undefined): string | undefined {
  return DATE_PRESETS.find((p) => p.preset === preset)?.label;
}

export interface ManageState {
  readonly tab: Tab;
  readonly subRoute?: SubRoute;
  readonly act: string | null;
  readonly businessId: string | null;
  readonly globalScopeId: string | null;
  /** The raw `date` parameter; resolving it needs the account's "today". */
  readonly date: string | null;
  readonly filterSet: string | null;
  readonly selectedCampaignIds: readonly string[];
  readonly selectedAdsetIds: readonly string[];
  readonly selectedAdIds: readonly string[];
}

export const SELECTION_KEY = {
  campaign: 'selectedCampaignIds',
  adset: 'selectedAdsetIds',
  ad: 'selectedAdIds',
} as const satisfies Record<Level, keyof ManageState>;

/** Comma list of numeric ids, deduplicated; anything else is dropped as the real page ignores it. */
export function parseIdList(value: string | null): string[] {
  if (!value) return [];
  const ids = value.split(',').filter((id) => /^\d+$/.test(id));
  return [...new Set(ids)];
}

/** The sub-routes the live page opens under a tab (the edit pane), kept across navigation. */
export const SUB_ROUTES = ['', '/edit', '/edit/standalone'] as const;
export type SubRoute = (typeof SUB_ROUTES)[number];

/** The tab and sub-route of `/adsmanager/manage/<tab>[/edit[/standalone]]`, else undefined. */
export function tabOfPath(pathname: string): { tab: Tab; subRoute: SubRoute } | undefined {
  if (!pathname.startsWith(MANAGE_PREFIX)) return undefined;
  const rest = pathname.slice(MANAGE_PREFIX.length).replace(/\/$/, '');
  const tab = TABS.find((name) => rest === name || rest.startsWith(`${name}/`));
  const subRoute = SUB_ROUTES.find((route) => tab !== undefined && rest === `${tab}${route}`);
  return tab === undefined || subRoute === undefined ? undefined : { tab, subRoute };
}

export function parseManageLocation(pathname: string, search: string): ManageState | undefined {
  const route = tabOfPath(pathname);
  if (!route) return undefined;
  const params = new URLSearchParams(search);
  const act = params.get('act');
  return {
    ...route,
    act: act && /^\d+$/.test(act) ? act : null,
    businessId: params.get('business_id'),
    globalScopeId: params.get('global_scope_id'),
    date: params.get('date'),
    filterSet: params.get('filter_set'),
    selectedCampaignIds: parseIdList(params.get('selected_campaign_ids')),
    selectedAdsetIds: parseIdList(params.get('selected_adset_ids')),
    selectedAdIds: parseIdList(params.get('selected_ad_ids')),
  };
}

/** Path and query in the real app's parameter order; navigation-source parameters are dropped. */
export function manageHref(state: ManageState): string {
  const params = new URLSearchParams();
  if (state.act) params.set('act', state.act);
  if (state.businessId) params.set('business_id', state.businessId);
  if (state.globalScopeId) params.set('global_scope_id', state.globalScopeId);
  if (state.date) params.set('date', state.date);
  if (state.filterSet) params.set('filter_set', state.filterSet);
  const lists: [string, readonly string[]][] = [
    ['selected_campaign_ids', state.selectedCampaignIds],
    ['selected_adset_ids', state.selectedAdsetIds],
    ['selected_ad_ids', state.selectedAdIds],
  ];
  for (const [name, ids] of lists) if (ids.length > 0) params.set(name, ids.join(','));
  const query = params.toString();
  return `${MANAGE_PREFIX}${state.tab}${state.subRoute ?? ''}${query ? `?${query}` : ''}`;
}

/**
 * The delivery filter of `filter_set`. The real value is an opaque, \u001e-separated encoding; this
 * page only looks for the status words in it.
 */
export function statusFilterOf(filterSet: string | null): { deleted: boolean; archived: boolean } {
  const value = (filterSet ?? '').toLowerCase();
  return { deleted: value.includes('deleted'), archived: value.includes('archived') };
}

/** The filter the page's "Show deleted and archived" chip writes. */
export const SHOW_ALL_FILTER_SET =
  'DELIVERY_STATUS-STRING_SET\u001eIN\u001e["active","inactive","archived","deleted"]';

export interface TableQuery {
  readonly act: string;
  readonly level: Level;
  readonly since: string;
  readonly until: string;
  readonly offset?: number;
  readonly limit?: number;
  readonly selectedCampaignIds?: readonly string[];
  readonly selectedAdsetIds?: readonly string[];
  readonly filterSet?: string | null;
  /** The first chunk's `snapshot`, so later chunks slice the same computed table. */
  readonly snapshot?: string;
}

export function tableApiHref(query: TableQuery): string {
  const params = new URLSearchParams({
    act: query.act,
    level: query.level,
    since: query.since,
    until: query.until,
  });
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.selectedCampaignIds?.length) {
    params.set('selected_campaign_ids', query.selectedCampaignIds.join(','));
  }
  if (query.selectedAdsetIds?.length) {
    params.set('selected_adset_ids', query.selectedAdsetIds.join(','));
  }
  if (query.filterSet) params.set('filter_set', query.filterSet);
  if (query.snapshot) params.set('snapshot', query.snapshot);
  return `${TABLE_API_PATH}?${params.toString()}`;
}
