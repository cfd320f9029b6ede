import { ADS_MANAGER_ORIGINS } from '@/lib/config/hosts';

/**
 * What an Ads Manager URL says about the page (meta-graph-api.md §10). The URL is the page's state
 * in this SPA: `/adsmanager/manage/{campaigns,adsets,ads}?act=…&date=…&selected_*_ids=…`. Pure, so
 * the content script can re-run it on every navigation. Anything unexpected yields `undefined`
 * (not an Ads Manager table) or drops the odd parameter, never a guess.
 */
export type AdsManagerLevel = 'campaign' | 'adset' | 'ad';

export interface AdsManagerPage {
  /** The Graph node id, `act_<digits>`; the URL carries the digits only. */
  readonly accountId: string;
  readonly level: AdsManagerLevel;
  readonly since?: string;
  /** The end of `date=` as written: exclusive on the live page (lib/ads-manager/date-range.ts reads it). */
  readonly until?: string;
  readonly preset?: string;
  readonly selectedIds: Readonly<Record<AdsManagerLevel, readonly string[]>>;
}

const LEVEL_BY_TAB: Readonly<Record<string, AdsManagerLevel>> = {
  campaigns: 'campaign',
  adsets: 'adset',
  ads: 'ad',
};
/** The tab, or its `/edit` sub-route (the table with the edit pane open); not the standalone editor. */
const MANAGE_PATH = /^\/adsmanager\/manage\/(campaigns|adsets|ads)(?:\/edit)?\/?$/;
const ACCOUNT_NUMBER = /^\d{1,20}$/;
const OBJECT_ID = /^\d{1,25}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PRESET = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_SELECTED_IDS = 500;

function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function parseRange(text: string): { since: string; until: string } | undefined {
  const [since, until, ...rest] = text.split('_');
  if (since === undefined || until === undefined || rest.length > 0) return undefined;
  if (!isCalendarDate(since) || !isCalendarDate(until) || since > until) return undefined;
  return { since, until };
}

/** `date=2026-11-01_2026-11-21,last_30d`; either half may be missing or invalid on its own. */
function parseDate(value: string | null): Pick<AdsManagerPage, 'since' | 'until' | 'preset'> {
  if (value === null) return {};
  const parts = value.split(',');
  if (parts.length > 2) return {};
  const [first = '', second] = parts;
  const range = parseRange(first);
  const presetText = second ?? (range ? undefined : first);
  const preset = presetText !== undefined && PRESET.test(presetText) ? presetText : undefined;
  return { ...range, ...(preset === undefined ? {} : { preset }) };
}

function parseIds(value: string | null): readonly string[] {
  if (value === null) return [];
  const ids = value.split(',').filter((id) => OBJECT_ID.test(id));
  return [...new Set(ids)].slice(0, MAX_SELECTED_IDS);
}

export function detectAdsManagerPage(url: URL): AdsManagerPage | undefined {
  if (!(ADS_MANAGER_ORIGINS as readonly string[]).includes(url.origin)) return undefined;
  const tab = MANAGE_PATH.exec(url.pathname)?.[1];
  const level = tab === undefined ? undefined : LEVEL_BY_TAB[tab];
  const account = url.searchParams.get('act');
  if (level === undefined || account === null || !ACCOUNT_NUMBER.test(account)) return undefined;
  const params = url.searchParams;
  return {
    accountId: `act_${account}`,
    level,
    ...parseDate(params.get('date')),
    selectedIds: {
      campaign: parseIds(params.get('selected_campaign_ids')),
      adset: parseIds(params.get('selected_adset_ids')),
      ad: parseIds(params.get('selected_ad_ids')),
    },
  };
}
