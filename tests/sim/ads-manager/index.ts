/**
 * The simulated Meta Ads Manager web app (meta-graph-api.md §10), served for adsmanager.facebook.com,
 * business.facebook.com and www.facebook.com (the caller routes `/adsmanager/**` of those hosts here).
 * Its numbers come from the same World as the Graph API simulator, so both agree to the cent.
 *
 * What it imitates, and what an extension can rely on (keep stable; e2e tests depend on it):
 * - URLs: `/adsmanager/manage/{campaigns|adsets|ads}?act=<digits>&business_id=…&date=<since>_<until>,<preset>
 *   &filter_set=…&selected_campaign_ids=…&selected_adset_ids=…&selected_ad_ids=…` (comma lists; other
 *   params such as nav_source tolerated). `/adsmanager/`, `/adsmanager/manage/` and a manage URL
 *   without `act` redirect (302) to the first account. No `date` ⇒ "Last 30 days", URL left as is.
 *   Dates are inclusive, account time zone; the explicit dates win over the preset name.
 * - A client-routed SPA: tab switches, account switcher, date picker, drill-down and "Show deleted and
 *   archived" are `history.pushState`; row checkboxes are `history.replaceState`. Never a reload.
 *   Campaign name click → Ad sets tab with `selected_campaign_ids=<id>`; ad set name → Ads tab with
 *   `selected_adset_ids=<id>`. Selected campaigns narrow the Ad sets and Ads tabs; selected ad sets
 *   narrow the Ads tab. Deleted and archived rows are hidden unless filter_set mentions them.
 * - Table: `[role="table"]` (`data-surface="/am/table"`, `aria-busy="true"` until the last chunk
 *   arrived), one scroll container, a sticky header and a sticky totals row ("Results from N
 *   campaigns", reach "—": not summable). Rows `[role="row"][data-surface="/am/table/table_row:<ID>unit"]`,
 *   48 px, `transform: translateY(index × 48px)`; cells `[role="cell"][data-surface="…unit/table_cell:<key>"]`
 *   with keys name, delivery, budget, forAttributionWindow(results,default), reach, frequency,
 *   forAttributionWindow(cost_per_result,default), spend, impressions, cpm, clicks, actions:link_click,
 *   ctr, cpc, forAttributionWindow(purchase_roas:omni_purchase,default). Each cell is
 *   cell > div > [text span, second-line span]; a node appended to that div survives recycling.
 *   The frozen block (sticky left) holds `div[role="presentation"]` with the checkbox, the on/off
 *   switch and the name cell (`a[role="link"]` for campaigns and ad sets, no href; span for ads).
 * - Virtualized: visible rows + 3 overscan each side in the DOM; row elements are recycled (index
 *   modulo pool size) and re-bound in place: data-surface, aria-rowindex, transform and text change,
 *   the element does not. Date/filter changes re-bind the same elements; tab/account changes mount a
 *   new table. Sorted by amount spent, descending.
 * - Streaming: shell at once, table skeleton after ~150 ms, first 40 rows ~300 ms later, the rest in
 *   three chunks 200 ms apart (from `/adsmanager/api/table`, see table-data.ts and wire.ts).
 * - Hashed atomic class names (`x` + base 36), all derived from `control.page.buildId`: no class is
 *   stable across builds or meaningful. `data-pagelet="AdsPEMainPaneLeftToolbar"` wraps `#pe_toolbar`;
 *   the table sits in `data-pagelet="AdsPEMainPaneTable"`.
 * - `control.page.variant === 'no-data-surface'` (read per request): no data-surface anywhere; rows
 *   then carry only hashed classes, roles and the visible name (no id in any attribute or link).
 *   `'unmarked-rows'`: neither data-surface nor `aria-rowindex` (header included), for the overlay's
 *   "can't find the rows" notice.
 * - Test handles (aria, stable): `[role="tab"]` "Campaigns"/"Ad sets"/"Ads"; `button[aria-label="Ad account"]`
 *   → `[role="listbox"] [role="option"]`; `button[aria-label="Date range"]` → `[role="dialog"]` with
 *   `[data-preset="last_7d"]`… options and `input[aria-label="Start date"|"End date"]` + "Update".
 * - Money as the page shows it to en-US users: `$1,234.56`, `€1,234.56`, `¥12,345`; theme follows
 *   prefers-color-scheme. CSP: script-src 'self' (no inline script), style-src allows inline.
 */
import { json, type SimHandler, type SimRequest, type SimResponse } from '../http';
import type { World } from '../world/types';
import { clientBundle } from './bundle';
import { DEFAULT_PAGE_CONTROL, type AdsManagerControl } from './control';
import { bootConfig, PAGE_CSP, pageHtml, pageLanguage, SCRIPT_PATH, STYLE_PATH } from './html';
import { EVIDENCE_CSS } from './evidence-styles';
import { compileStyles } from './styles';
import { buildTablePage, parseTableQuery, TableQueryError, TableSnapshots } from './table-data';
import { APP_ROOT, manageHref, parseManageLocation, TABLE_API_PATH } from './url-scheme';

export type { AdsManagerControl, PageVariant } from './control';
export { DEFAULT_PAGE_CONTROL } from './control';
export { clientBundle } from './bundle';
export { buildTablePage, buildTableRows } from './table-data';
export { compileStyles } from './styles';
export { formatMoneyMinor } from './format';
export * from './url-scheme';
export type { BootConfig, TablePage, TableRow, WireRow } from './wire';
export { decodeRow } from './wire';

export interface AdsManagerSiteOptions {
  readonly world: World;
  /** Read on every request; defaults to the data-surface variant of build 1. */
  readonly control?: AdsManagerControl;
}

const NO_STORE = { 'cache-control': 'no-store' };

/** True for the paths this site serves on the three Ads Manager hosts. */
export function isAdsManagerPath(pathname: string): boolean {
  return pathname === APP_ROOT || pathname.startsWith(`${APP_ROOT}/`);
}

function redirect(request: SimRequest, location: string): SimResponse {
  return { status: 302, headers: { location: new URL(location, request.url).href, ...NO_STORE } };
}

function notFound(): SimResponse {
  return {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE },
    body: "This page isn't available",
  };
}

function html(body: string): SimResponse {
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      ...NO_STORE,
    },
    body,
  };
}

/** The first account's campaigns, keeping any `act` the URL already had. */
function entryLocation(world: World, search: URLSearchParams): string | undefined {
  const account = world.account(search.get('act') ?? '') ?? world.accounts[0];
  if (!account) return undefined;
  return manageHref({
    tab: 'campaigns',
    act: account.accountId,
    businessId: account.businessId,
    globalScopeId: null,
    date: search.get('date'),
    filterSet: null,
    selectedCampaignIds: [],
    selectedAdsetIds: [],
    selectedAdIds: [],
  });
}

function entryPage(request: SimRequest, world: World, control: AdsManagerControl): string {
  const lang = pageLang(request, control);
  return pageHtml(bootConfig(world, control, lang), 'campaigns', lang);
}

/** The page's `<html lang>`: the control's language when set, else the browser's. */
function pageLang(request: SimRequest, control: AdsManagerControl): string {
  return control.page.locale ?? pageLanguage(request.headers['accept-language']);
}

function managePage(request: SimRequest, world: World, control: AdsManagerControl): SimResponse {
  const { pathname, search } = request.url;
  const state = parseManageLocation(pathname, search);
  if (!state) return notFound();
  const first = world.accounts[0];
  if (!state.act && first) {
    // Like the real app, a manage URL without an account lands on the first one.
    return redirect(
      request,
      manageHref({ ...state, act: first.accountId, businessId: first.businessId }),
    );
  }
  const lang = pageLang(request, control);
  return html(pageHtml(bootConfig(world, control, lang), state.tab, lang));
}

function tableEndpoint(request: SimRequest, world: World, snapshots: TableSnapshots): SimResponse {
  const params = request.url.searchParams;
  try {
    const page = buildTablePage(world, parseTableQuery(params), snapshots, params.get('snapshot'));
    return json(200, page, NO_STORE);
  } catch (error) {
    if (error instanceof TableQueryError)
      return json(400, { error: { message: error.message } }, NO_STORE);
    throw error;
  }
}

async function script(): Promise<SimResponse> {
  return {
    status: 200,
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' },
    body: await clientBundle(),
  };
}

function stylesheet(request: SimRequest, control: AdsManagerControl): SimResponse {
  const requested = Number(request.url.searchParams.get('b'));
  const buildId =
    Number.isSafeInteger(requested) && requested > 0 ? requested : control.page.buildId;
  return {
    status: 200,
    headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' },
    body: compileStyles(buildId).css + EVIDENCE_CSS,
  };
}

interface Site {
  readonly world: World;
  readonly control: AdsManagerControl;
  readonly snapshots: TableSnapshots;
}

async function route(
  request: SimRequest,
  { world, control, snapshots }: Site,
): Promise<SimResponse> {
  const { pathname, searchParams } = request.url;
  if (pathname === TABLE_API_PATH) return tableEndpoint(request, world, snapshots);
  if (pathname === SCRIPT_PATH) return script();
  if (pathname === STYLE_PATH) return stylesheet(request, control);
  if (/^\/adsmanager(\/manage)?\/?$/.test(pathname)) {
    const location = entryLocation(world, searchParams);
    return location ? redirect(request, location) : html(entryPage(request, world, control));
  }
  return managePage(request, world, control);
}

/**
 * The Ads Manager site as a transport-free handler. The page script is bundled in the background
 * right away (await `clientBundle()` to know it is ready) and then served from memory.
 */
export function createAdsManagerSite(options: AdsManagerSiteOptions): SimHandler {
  const site: Site = {
    world: options.world,
    control: options.control ?? DEFAULT_PAGE_CONTROL,
    snapshots: new TableSnapshots(),
  };
  clientBundle().catch(() => undefined);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return { status: 405, headers: { allow: 'GET, HEAD', ...NO_STORE } };
    }
    if (!isAdsManagerPath(request.url.pathname)) return notFound();
    const response = await route(request, site);
    return request.method === 'HEAD' ? { ...response, body: '' } : response;
  };
}
