/**
 * Drives the simulated Ads Manager page in Debian Chromium and prints what it saw: streaming
 * timings, recycling under scroll, routing without reload, the variants, and screenshots in
 * tests/.artifacts/ads-manager/. A developer's check, not part of the test suite:
 *
 *   npx tsx tests/sim/ads-manager/dev/check-chromium.ts [--headful]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer';
import { createClock } from '../../clock';
import { DEFAULT_SEED } from '../../index';
import { startSimServer } from '../../server';
import { createWorld } from '../../world/create-world';
import type { Currency, SimAccount, SimEntity } from '../../world/types';
import { addDays } from '../dates';
import {
  createAdsManagerSite,
  formatDateParam,
  LEVEL_TAB,
  presetRange,
  type PageVariant,
} from '../index';
import { formatMoneyMinor } from '../format';

const OUT = path.resolve(import.meta.dirname, '../../../.artifacts/ads-manager');
const ROW = '[role="table"] [role="rowgroup"] > [role="row"]';
const SURFACE_ROW = '[data-surface*="table_row:"][data-surface$="unit"]';

const control: { page: { variant: PageVariant; buildId: number } } = {
  page: { variant: 'data-surface', buildId: 1 },
};
const world = createWorld({ seed: DEFAULT_SEED, clock: createClock() });
const site = createAdsManagerSite({ world, control });
const large = world.accounts.reduce((a, b) =>
  world.entities(b.accountId, 'ad').length > world.entities(a.accountId, 'ad').length ? b : a,
);
const eurIndex = world.accounts.findIndex((a) => a.currency === 'EUR');
const eur = accountWith('EUR');
const jpy = accountWith('JPY');
const hostile = hostileTarget();
const dialogs: string[] = [];

function accountWith(currency: Currency): SimAccount {
  const account = world.accounts.find((a) => a.currency === currency);
  if (!account) throw new Error(`the world has no ${currency} account`);
  return account;
}

/** An HTML-injection name in a small account, below a campaign, so narrowing brings it on screen. */
function hostileTarget(): SimEntity {
  const found = world.hostileNames
    .filter(({ kind }) => kind === 'html_injection')
    .map(({ entityId }) => world.entity(entityId))
    .find(
      (entity) =>
        entity !== undefined &&
        entity.accountId !== large.accountId &&
        entity.level !== 'campaign' &&
        !['DELETED', 'ARCHIVED'].includes(entity.effectiveStatus),
    );
  if (!found) throw new Error('the world has no shown HTML-injection name below a campaign');
  return found;
}

function last30(account: SimAccount): string {
  const today = world.today(account.accountId);
  return formatDateParam(presetRange('last_30d', today, world.historyStart(account.accountId)));
}
const results: Record<string, unknown> = {};
const failures: string[] = [];

function check(name: string, ok: boolean, detail?: unknown): void {
  results[name] = detail ?? ok;
  if (!ok) failures.push(`${name}: ${JSON.stringify(detail)}`);
}

async function waitLoaded(page: Page): Promise<void> {
  await page.waitForSelector('[role="table"][aria-busy="false"]', { timeout: 15_000 });
}

async function rowIds(page: Page): Promise<string[]> {
  return page.$$eval(SURFACE_ROW, (rows) =>
    rows.map((r) => /table_row:(\d+)unit/.exec(r.getAttribute('data-surface') ?? '')?.[1] ?? '?'),
  );
}

async function firstRender(page: Page, url: string): Promise<void> {
  const start = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const shell = Date.now() - start;
  await page.waitForSelector('[role="table"]');
  const skeleton = Date.now() - start;
  await page.waitForSelector(SURFACE_ROW);
  const firstRows = Date.now() - start;
  const partial = await page.$eval(
    '[role="rowgroup"]:nth-of-type(2)',
    (g) => g.getBoundingClientRect().height,
  );
  await waitLoaded(page);
  const complete = Date.now() - start;
  results.firstRenderMs = {
    domContentLoaded: shell,
    skeleton,
    firstRows,
    complete,
    partialBodyPx: partial,
  };
}

/** Scrolls a few rows: the element that showed row 0 must now show another entity, in place. */
async function recycling(page: Page): Promise<void> {
  const probe = await page.evaluate(async () => {
    const row = document.querySelector('[aria-rowindex="2"]') as HTMLElement;
    const before = row.getAttribute('data-surface');
    const scroller = document.querySelector('[role="table"]')?.children[1] as HTMLElement;
    scroller.scrollTop = 48 * 10;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const after = row.getAttribute('data-surface');
    const result = {
      before,
      after,
      connected: row.isConnected,
      rowIndex: row.getAttribute('aria-rowindex'),
    };
    scroller.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return result;
  });
  check('rowRecycled', probe.before !== probe.after && probe.connected, probe);
}

async function scrollThrough(page: Page, name: string): Promise<void> {
  await recycling(page);
  const stats = await page.evaluate(async (rowSelector) => {
    const scroller = document.querySelector('[role="table"]')?.children[1] as HTMLElement;
    let maxRows = 0;
    const seen = new Set<string>();
    document
      .querySelectorAll(rowSelector)
      .forEach((row) => seen.add(row.getAttribute('data-surface') ?? ''));
    const start = performance.now();
    let frames = 0;
    let longest = 0;
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      const t = performance.now();
      scroller.scrollTop += 480;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      longest = Math.max(longest, performance.now() - t);
      frames++;
      const rows = document.querySelectorAll(rowSelector);
      maxRows = Math.max(maxRows, rows.length);
      rows.forEach((row) => seen.add(row.getAttribute('data-surface') ?? ''));
    }
    return {
      ms: Math.round(performance.now() - start),
      steps: frames,
      longestStepMs: Math.round(longest),
      maxRowsInDom: maxRows,
      distinctRowsSeen: seen.size,
      scrollHeight: scroller.scrollHeight,
    };
  }, SURFACE_ROW);
  const total = await page.$eval(
    '[role="table"]',
    (t) => Number(t.getAttribute('aria-rowcount')) - 2,
  );
  const jump = await page.evaluate(async () => {
    const scroller = document.querySelector('[role="table"]')?.children[1] as HTMLElement;
    scroller.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const t = performance.now();
    scroller.scrollTop = scroller.scrollHeight;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return Math.round(performance.now() - t);
  });
  results[`${name}Scroll`] = { ...stats, totalRows: total, jumpToEndMs: jump };
  check(`${name}MaxRowsInDomSmall`, stats.maxRowsInDom <= 40, stats.maxRowsInDom);
  check(`${name}SawAllRows`, stats.distinctRowsSeen === total, {
    seen: stats.distinctRowsSeen,
    total,
  });
}

async function setMarker(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));
}
async function markerSurvives(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __marker?: number }).__marker === 42);
}

async function clickTab(page: Page, title: string): Promise<void> {
  const tabs = await page.$$('[role="tab"]');
  for (const tab of tabs) {
    const text = await tab.evaluate((t) => t.textContent ?? '');
    if (text.includes(title)) return tab.click();
  }
  throw new Error(`no tab ${title}`);
}

async function routing(page: Page, origin: string): Promise<void> {
  await setMarker(page);
  await clickTab(page, 'Ad sets');
  await page.waitForFunction(() => location.pathname.endsWith('/adsets'));
  await waitLoaded(page);
  check('tabSwitchNoReload', await markerSurvives(page), page.url());
  check('adsetRows', (await rowIds(page)).length > 10);

  await page.click('button[aria-label="Date range"]');
  await page.click('[role="dialog"] [data-preset="last_7d"]');
  await page.waitForFunction(() => location.search.includes('last_7d'));
  await waitLoaded(page);
  check('dateChangeNoReload', await markerSurvives(page), page.url());

  await clickTab(page, 'Campaigns');
  await waitLoaded(page);
  await page.click(`${SURFACE_ROW} input[type="checkbox"]`);
  await page.waitForFunction(() => location.search.includes('selected_campaign_ids='));
  const selectedId = new URL(page.url()).searchParams.get('selected_campaign_ids');
  check('checkboxSelects', Boolean(selectedId), page.url());

  await page.click(`${SURFACE_ROW} a[role="link"]`);
  await page.waitForFunction(() => location.pathname.endsWith('/adsets'));
  await waitLoaded(page);
  const adsets = await rowIds(page);
  const parents = adsets.map((id) => world.entity(id)?.campaignId);
  const campaignId = new URL(page.url()).searchParams.get('selected_campaign_ids');
  check('drillDown', adsets.length > 0 && parents.every((p) => p === campaignId), {
    campaignId,
    n: adsets.length,
  });
  check('drillDownNoReload', await markerSurvives(page));

  await page.goBack();
  await page.waitForFunction(() => location.pathname.endsWith('/campaigns'));
  await waitLoaded(page);
  check('backButton', await markerSurvives(page), page.url());

  await page.click('button[aria-label="Ad account"]');
  const options = await page.$$('[role="listbox"] [role="option"]');
  await options[eurIndex]?.click();
  await page.waitForFunction((id) => location.search.includes(`act=${id}`), {}, eur.accountId);
  await waitLoaded(page);
  check('accountSwitchNoReload', await markerSurvives(page), page.url());
  const spendTexts = await page.$$eval('[data-surface$="/table_cell:spend"]', (c) =>
    c.map((x) => x.textContent),
  );
  check(
    'euroSpend',
    spendTexts.every((t) => t?.startsWith('€')),
    spendTexts.slice(0, 3),
  );
  void origin;
}

async function numbersAgree(page: Page, origin: string): Promise<void> {
  const today = world.today(jpy.accountId);
  const since = addDays(today, -21);
  const until = addDays(today, -1);
  await page.goto(
    `${origin}/adsmanager/manage/campaigns?act=${jpy.accountId}&date=${since}_${until}`,
  );
  await waitLoaded(page);
  const cells = await page.$$eval(SURFACE_ROW, (rows) =>
    rows.map((r) => ({
      id: /table_row:(\d+)unit/.exec(r.getAttribute('data-surface') ?? '')?.[1] ?? '',
      spend: r.querySelector('[data-surface$="/table_cell:spend"] span')?.textContent ?? '',
    })),
  );
  const mismatches = cells.filter(({ id, spend }) => {
    const t = world.totals(id, since, until);
    return spend !== formatMoneyMinor(t?.spendMinor ?? 0, 'JPY');
  });
  check('jpySpendMatchesWorld', mismatches.length === 0 && cells.length > 0, {
    rows: cells.length,
    mismatches,
  });
  await page.screenshot({ path: path.join(OUT, 'jpy.png') });
}

/** The world's hostile names alert() when run; shown as text, they fire no dialog. */
async function hostileNamesInert(page: Page): Promise<void> {
  const names = await page.$$eval('[data-surface$="/table_cell:name"]', (c) =>
    c.map((x) => x.textContent ?? ''),
  );
  check('hostileNamesInert', dialogs.length === 0 && names.includes(hostile.name), {
    dialogs,
    sample: names.filter((n) => n.includes('<')).slice(0, 2),
  });
}

async function variants(page: Page, url: string): Promise<void> {
  const classesOf = (): Promise<string> =>
    page.$eval(SURFACE_ROW, (r) => r.className).catch(() => page.$eval(ROW, (r) => r.className));
  const build1 = await classesOf();
  control.page = { variant: 'no-data-surface', buildId: 2 };
  await page.goto(url);
  await waitLoaded(page);
  const counts = await page.evaluate(
    (sel) => ({
      surfaces: document.querySelectorAll('[data-surface]').length,
      rows: document.querySelectorAll(sel).length,
      idsInAttributes: [...document.querySelectorAll('[role="row"] *, [role="row"]')].some((n) =>
        [...n.attributes].some((a) => /\d{10,}/.test(a.value)),
      ),
    }),
    ROW,
  );
  const build2 = await page.$eval(ROW, (r) => r.className);
  check(
    'noDataSurfaceVariant',
    counts.surfaces === 0 && counts.rows > 5 && !counts.idsInAttributes,
    counts,
  );
  check('classesChangeWithBuild', build1 !== build2 && /^x[0-9a-z]+( x[0-9a-z]+)*$/.test(build2), {
    build1,
    build2,
  });
  await page.screenshot({ path: path.join(OUT, 'no-data-surface.png') });
  control.page = { variant: 'data-surface', buildId: 1 };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await startSimServer({
    'adsmanager.facebook.com': site,
    'business.facebook.com': site,
    'www.facebook.com': site,
  });
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: !process.argv.includes('--headful'),
    defaultViewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      `--host-resolver-rules=${server.hostResolverRules}`,
      `--ignore-certificate-errors-spki-list=${server.certificate.spkiSha256}`,
    ],
  });
  const errors: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      // The browser's own favicon request 404s; any other error counts.
      if (m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico'))
        errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico'))
        errors.push(`${r.status()} ${r.url()}`);
    });
    const origin = 'https://adsmanager.facebook.com';
    const largeUrl = `${origin}/adsmanager/manage/campaigns?act=${large.accountId}&date=${last30(large)}`;
    await firstRender(page, largeUrl);
    await page.screenshot({ path: path.join(OUT, 'campaigns-light.png') });
    await scrollThrough(page, 'campaigns');
    await page.goto(`${origin}/adsmanager/manage/ads?act=${large.accountId}`);
    await waitLoaded(page);
    await scrollThrough(page, 'ads');
    await page.goto(largeUrl);
    await waitLoaded(page);
    await routing(page, origin);
    const parent =
      hostile.level === 'ad'
        ? `selected_adset_ids=${hostile.adsetId ?? ''}`
        : `selected_campaign_ids=${hostile.campaignId ?? ''}`;
    await page.goto(
      `https://business.facebook.com/adsmanager/manage/${LEVEL_TAB[hostile.level]}?act=${hostile.accountId}&${parent}`,
    );
    await waitLoaded(page);
    await hostileNamesInert(page);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.screenshot({ path: path.join(OUT, 'hostile-dark.png') });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await numbersAgree(page, 'https://www.facebook.com');
    await variants(page, largeUrl);
    const redirect = await page.goto(`${origin}/adsmanager/`);
    check(
      'entryRedirect',
      /\/adsmanager\/manage\/campaigns\?act=\d+/.test(redirect?.url() ?? ''),
      redirect?.url(),
    );
    check('noConsoleErrors', errors.length === 0, errors);
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(JSON.stringify(results, null, 2));
  if (failures.length) {
    console.error(`FAILED:\n${failures.join('\n')}`);
    process.exitCode = 1;
  } else console.log('all checks passed; screenshots in', OUT);
}

await main();
