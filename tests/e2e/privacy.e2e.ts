import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, CDPSession, Page, Target } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_API_VERSION } from '@/lib/graph/version';
import { SNAPSHOT_DATABASE } from '@/lib/snapshots/store';
import { addDays } from '@/lib/util/dates';
import type { RunningSimulator } from '../sim/start';
import type { SimAccount } from '../sim/world/types';
import { OWNED_SETTINGS_DATABASE } from '@/lib/settings/owned';
import {
  EXTENSION_ORIGIN,
  launchAdlensBrowser,
  openExtensionPage,
  serviceWorker,
  type AdlensBrowser,
} from '../support/e2e/browser';
import { startConnectedAdlens, type ConnectedAdlens } from '../support/e2e/fixture';
import { AdsManagerTab, BackgroundWorker, OptionsPage } from '../support/e2e/pages';
import { cachedTotals, storedSyncState, SyncSection } from '../support/e2e/sync';
import { tokenOutsideAuthorization } from '../support/e2e/wire';
import { cacheRecordsIn, putCacheRecords, spikeSentence } from '../support/e2e/worker-cache';

/**
 * Every privacy control of the options page, driven as a user drives it in the production build,
 * each checked where its effect lives: the extension's IndexedDB and storage, the downloaded
 * files, and the Ads Manager overlay. Every request and every console message of every target of
 * the browser is recorded from the start, and at the end none may have gone to a host other than
 * Meta's, and the token may appear in no console and in no Graph request but its Authorization
 * header.
 */
let adlens: ConnectedAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;
let options: OptionsPage;
let sync: SyncSection;
let account: SimAccount;
let accountId: string;
let downloads: string;
const requested = new Set<string>();
const sessions: CDPSession[] = [];
/** Every console message and uncaught error of every target, as text. */
const consoleText: string[] = [];

const LEVELS = ['campaign', 'adset', 'ad'] as const;
const ALLOWED_HOSTS = [
  'graph.facebook.com',
  'adsmanager.facebook.com',
  'business.facebook.com',
  'www.facebook.com',
];

/** Records the URL of every request of a target (page, service worker, content script's page). */
async function recordRequests(target: Target): Promise<void> {
  if (!['page', 'service_worker', 'background_page', 'other'].includes(target.type())) return;
  const session = await target.createCDPSession().catch(() => undefined);
  if (!session) return;
  sessions.push(session);
  session.on('Network.requestWillBeSent', (event) => requested.add(event.request.url));
  session.on('Network.webSocketCreated', (event) => requested.add(event.url));
  session.on('Runtime.consoleAPICalled', (event) => consoleText.push(JSON.stringify(event.args)));
  session.on('Runtime.exceptionThrown', (event) =>
    consoleText.push(JSON.stringify(event.exceptionDetails)),
  );
  session.on('Log.entryAdded', (event) => consoleText.push(JSON.stringify(event.entry)));
  await Promise.all(
    ['Network.enable', 'Runtime.enable', 'Log.enable'].map((method) =>
      session.send(method as 'Network.enable').catch(() => undefined),
    ),
  );
}

/**
 * Records every message Adlens's content script receives in a tab: each answer to its
 * `runtime.sendMessage`, every `runtime.onMessage` and port message, and every storage change it
 * is told of. The recorder is put into the content script's own world (found by its extension
 * origin) through DevTools as soon as that world exists; nothing of it is in the bundle.
 */
async function recordContentScriptInbox(page: Page): Promise<() => Promise<string[]>> {
  const session = await page.createCDPSession();
  sessions.push(session);
  const worlds: number[] = [];
  const recorder = `(() => {
    if (globalThis.__adlensInbox) return;
    const inbox = (globalThis.__adlensInbox = []);
    const keep = (message) => { inbox.push(JSON.stringify(message) ?? String(message)); };
    const runtime = chrome.runtime;
    const send = runtime.sendMessage.bind(runtime);
    runtime.sendMessage = (...args) => {
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = (answer) => { keep(answer); last(answer); };
        return send(...args);
      }
      const answer = send(...args);
      answer?.then?.(keep, () => undefined);
      return answer;
    };
    runtime.onMessage.addListener((message) => { keep(message); });
    const connect = runtime.connect.bind(runtime);
    runtime.connect = (...args) => {
      const port = connect(...args);
      port.onMessage.addListener(keep);
      return port;
    };
    chrome.storage?.onChanged?.addListener((changes) => keep(changes));
  })()`;
  session.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin !== EXTENSION_ORIGIN) return;
    worlds.push(context.id);
    void session
      .send('Runtime.evaluate', { expression: recorder, contextId: context.id })
      .catch(() => undefined);
  });
  await session.send('Runtime.enable');
  return async () => {
    const received: string[] = [];
    for (const contextId of worlds) {
      const { result } = await session
        .send('Runtime.evaluate', {
          expression: 'globalThis.__adlensInbox ?? []',
          contextId,
          returnByValue: true,
        })
        .catch(() => ({ result: { value: [] } }));
      received.push(...((result.value as string[] | undefined) ?? []));
    }
    return received;
  };
}

async function recordEveryTarget(browser: Browser): Promise<void> {
  browser.on('targetcreated', (target: Target) => void recordRequests(target));
  await Promise.all(browser.targets().map(recordRequests));
}

/** The background-owned settings (lib/settings/owned), read from an extension page. */
async function ownedSettings(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async (database) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(database);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const settings: Record<string, unknown> = {};
    if (db.objectStoreNames.contains('settings')) {
      const store = db.transaction('settings').objectStore('settings');
      for (const key of ['syncSettings', 'facebookLogin']) {
        settings[key] = await new Promise((resolve, reject) => {
          const request = store.get(key);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('get failed'));
        });
      }
    }
    db.close();
    return settings;
  }, OWNED_SETTINGS_DATABASE);
}

/**
 * Runs `expression` in Adlens's content-script world of `page` (its isolated world, with the
 * `chrome.storage` a content script really has), as a compromised content script would.
 */
async function evaluateInContentScript(page: Page, expression: string): Promise<unknown> {
  const session = await page.createCDPSession();
  try {
    const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
    session.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await session.send('Runtime.enable');
    const world = worlds.find(
      (context) => context.auxData?.type === 'isolated' && context.origin === EXTENSION_ORIGIN,
    );
    if (!world) throw new Error('No Adlens content script in this page');
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
      contextId: world.id,
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value;
  } finally {
    await session.detach();
  }
}

async function accountRecords(page: Page, store: string, id: string) {
  return (await cacheRecordsIn(page, store)).filter((record) => record.accountId === id);
}

async function insightRows(page: Page, id: string, since: string, until: string) {
  let rows = 0;
  for (const level of LEVELS) rows += (await cachedTotals(page, id, level, since, until)).rows;
  return rows;
}

/** Waits for one new finished file in the download folder and returns its name and text. */
async function nextDownload(before: ReadonlySet<string>): Promise<{ name: string; text: string }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const done = readdirSync(downloads).filter(
      (name) => !before.has(name) && !name.endsWith('.crdownload'),
    );
    if (done[0])
      return { name: done[0], text: readFileSync(path.join(downloads, done[0]), 'utf8') };
    if (Date.now() > deadline) throw new Error('No download arrived');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function click(page: Page, testId: string, within = ''): Promise<void> {
  await page.locator(`${within} [data-testid="${testId}"]:not([disabled])`).click();
}

/** The saved snapshots' records, as JSON text, read from their own database. */
async function savedSnapshotsText(): Promise<string> {
  const worker = await BackgroundWorker.attach(chromium.browser);
  return (await worker.indexedDbDump())[SNAPSHOT_DATABASE]?.snapshots ?? '[]';
}

const storedRow = (id: string) => `[data-testid="stored-row"][data-account-id="${id}"]`;

async function reloadOptions(): Promise<void> {
  await options.page.reload({ waitUntil: 'domcontentloaded' });
}

beforeAll(async () => {
  adlens = await startConnectedAdlens({
    simulator: { withoutLargeAccount: true },
    configure: (simulator) => {
      // Retention counts days on the browser's clock; Meta's must show the same day.
      simulator.clock.set(Date.now());
      simulator.control.settings.reportRuns.pollsToComplete = 1;
    },
    async beforeConnect({ chromium: started }) {
      await recordEveryTarget(started.browser);
      downloads = mkdtempSync(path.join(os.tmpdir(), 'adlens-downloads-'));
      const browserSession = await started.browser.target().createCDPSession();
      await browserSession.send('Browser.setDownloadBehavior', {
        behavior: 'allow',
        downloadPath: downloads,
      });
    },
  });
  ({ sim, chromium, options } = adlens);
  sync = new SyncSection(options.page);
  account = sim.world.accounts.find((candidate) => candidate.currency === 'EUR')!;
  accountId = `act_${account.accountId}`;
  await sync.sync(accountId);
}, 240_000);

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.detach().catch(() => undefined)));
  await adlens?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

const today = () => sim.world.today(account.accountId);

describe('privacy controls', () => {
  it('the API call log holds every Graph request Meta received, batch items one by one', async () => {
    // Everything since the connect: its checks, and the first sync of every account.
    const received = () =>
      sim.control.requests.entries.map((entry) => `${entry.method} ${entry.path}`).sort();
    const logged = async () =>
      (await cacheRecordsIn(options.page, 'apiCalls'))
        .map((call) => `${String(call.method)} ${String(call.path)}`)
        .sort();
    const deadline = Date.now() + 30_000;
    while ((await logged()).length !== received().length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(received()).toContain(`POST /${GRAPH_API_VERSION}/`);
    // The objects are read in one batch: its items are logged as the requests Meta answered.
    expect(received()).toContain(`GET /${GRAPH_API_VERSION}/act_${account.accountId}/campaigns`);
    expect(await logged()).toEqual(received());
  });

  it('shows per account what is stored, as the cache holds it', async () => {
    const rows = await insightRows(options.page, accountId, addDays(today(), -400), today());
    expect(rows).toBeGreaterThan(0);
    await reloadOptions();
    const cell = `${storedRow(accountId)} [data-testid="stored-rows"]`;
    await options.page.waitForSelector(cell);
    const shown = await options.page.$eval(cell, (node) => ({
      rows: Number(node.getAttribute('data-rows')),
      text: node.textContent ?? '',
    }));
    expect(shown.rows).toBe(rows);
    expect(shown.text).toMatch(/insight rows/);
    expect(await options.waitForText('stored-total', /MB of disk/)).toMatch(/insight rows/);
  });

  it('the popup shows the connection, last sync and findings per account, and opens pages', async () => {
    const campaign = sim.world.entities(account.accountId, 'campaign')[0]!;
    await putCacheRecords(chromium.browser, 'findings', [
      storedFinding(accountId, campaign.id, today(), 'critical'),
      storedFinding(accountId, campaign.id, today(), 'info', 'second'),
    ]);
    const popup = await openExtensionPage(chromium.browser, 'popup.html');
    const inPopup = new SyncSection(popup);
    expect(await inPopup.waitFor(accountId, 'synced')).toMatch(/Synced .* rows/);
    const status = await popup.$eval('[data-testid="connection-status"]', (n) => n.textContent);
    expect(status).toContain('Connected as Demo Media Buyer');
    const stored = await accountRecords(options.page, 'findings', accountId);
    const critical = stored.filter((finding) => finding.severity === 'critical').length;
    expect(critical).toBeGreaterThan(0);
    await popup.waitForFunction(
      (selector, text) => document.querySelector(selector)?.textContent?.includes(text),
      {},
      `[data-testid="finding-count"][data-account-id="${accountId}"]`,
      `findings: ${stored.length} (${critical} critical)`,
    );
    for (const [testId, url] of [
      ['open-ads-manager', 'https://adsmanager.facebook.com/adsmanager/manage/campaigns'],
      ['open-snapshot-viewer', '/snapshot-viewer.html'],
    ] as const) {
      const opened = chromium.browser.waitForTarget((target) => target.url().includes(url));
      await click(popup, testId);
      const page = await (await opened).page();
      await page?.close();
    }
    await popup.close();
  });

  it('a snapshot created in the options page can be saved in this browser', async () => {
    await reloadOptions();
    await options.page.waitForSelector(
      `[data-testid="snapshot-account"] option[value="${accountId}"]`,
    );
    await options.page.select('[data-testid="snapshot-account"]', accountId);
    await options.page.select('[data-testid="snapshot-subject"]', '');
    await options.page.waitForFunction(() =>
      ['snapshot-since', 'snapshot-until'].every(
        (testId) => document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)?.value,
      ),
    );
    const opened = chromium.browser.waitForTarget((target) =>
      target.url().startsWith(`${EXTENSION_ORIGIN}/snapshot-viewer.html`),
    );
    await click(options.page, 'snapshot-create');
    const viewer = (await (await opened).page())!;
    await click(viewer, 'snapshot-save');
    await viewer.waitForSelector('[data-testid="saved-snapshot"]');
    await viewer.close();
    const saved = JSON.parse(await savedSnapshotsText()) as { snapshot: unknown }[];
    expect(saved).toHaveLength(1);
    expect(JSON.stringify(saved[0]?.snapshot)).toContain(account.name);
  }, 120_000);

  it('unticking a level deletes its data at once and stops syncing it', async () => {
    expect(
      (await accountRecords(options.page, 'entities', accountId)).some((e) => e.level === 'ad'),
    ).toBe(true);
    await options.setChecked('sync-level-ad', false);
    await options.waitForText('fetch-notice', 'the level is no longer synced');
    const settings = (await ownedSettings(options.page)).syncSettings as { levels: string[] };
    expect(settings.levels).toEqual(['campaign', 'adset']);
    await expect
      .poll(
        async () => (await cachedTotals(options.page, accountId, 'ad', '2000-01-01', today())).rows,
      )
      .toBe(0);
    const entities = await accountRecords(options.page, 'entities', accountId);
    expect(entities.some((entity) => entity.level === 'ad')).toBe(false);
    expect(entities.some((entity) => entity.level === 'campaign')).toBe(true);
    expect((await storedSyncState(options.page, accountId))?.coverage.ad).toBeNull();
    // The next sync reads no ad-level insights.
    sim.control.requests.clear();
    await sync.sync(accountId);
    const levels = sim.control.requests.entries
      .map((entry) => entry.query.level)
      .filter((level) => level !== undefined);
    expect(levels.length).toBeGreaterThan(0);
    expect(levels).not.toContain('ad');
    expect((await cachedTotals(options.page, accountId, 'ad', '2000-01-01', today())).rows).toBe(0);
  }, 240_000);

  it('unticking an account deletes its cached data at once and keeps the other accounts’', async () => {
    const other = sim.world.accounts.find((candidate) => candidate.currency === 'JPY')!;
    const otherId = `act_${other.accountId}`;
    await sync.sync(otherId);
    for (const store of ['entities', 'series', 'syncState']) {
      expect(await accountRecords(options.page, store, otherId), store).not.toHaveLength(0);
    }
    const kept = await insightRows(options.page, accountId, '2000-01-01', today());
    expect(kept).toBeGreaterThan(0);

    await options.page.bringToFront();
    await options.setChecked(`sync-account"][data-account-id="${otherId}`, false);
    // The level's notice of the test before may still be shown: wait for this one's.
    await options.waitForText('fetch-notice', 'the account is no longer synced');
    const settings = (await ownedSettings(options.page)).syncSettings as {
      disabledAccounts: string[];
    };
    expect(settings.disabledAccounts).toEqual([otherId]);
    for (const store of ['entities', 'series', 'syncState', 'findings']) {
      await expect
        .poll(async () => (await accountRecords(options.page, store, otherId)).length)
        .toBe(0);
    }
    expect(await insightRows(options.page, accountId, '2000-01-01', today())).toBe(kept);
  }, 240_000);

  it('unticking conversions deletes their stored values at once and the next sync does not ask for them', async () => {
    const totals = () => cachedTotals(options.page, accountId, 'campaign', '2000-01-01', today());
    expect((await totals()).purchases).toBeGreaterThan(0);
    await options.setChecked('sync-metrics-conversions', false);
    await options.waitForText('fetch-notice', 'no longer read');
    const settings = (await ownedSettings(options.page)).syncSettings as {
      metricGroups: string[];
    };
    expect(settings.metricGroups).toEqual(['reach', 'clicks']);
    await expect.poll(async () => (await totals()).purchaseValue).toBe(0);
    const kept = await totals();
    expect(kept.purchases).toBe(0);
    expect(kept.spend).toBeGreaterThan(0);
    expect(kept.rows).toBeGreaterThan(0);

    sim.control.requests.clear();
    await sync.sync(accountId);
    const asked = sim.control.requests.entries
      .filter((entry) => entry.path.endsWith('/insights') && entry.query.fields)
      .map((entry) => entry.query.fields!.split(','));
    expect(asked.length).toBeGreaterThan(0);
    for (const fields of asked) {
      expect(fields).toContain('spend');
      for (const conversion of [
        'actions',
        'action_values',
        'cost_per_action_type',
        'purchase_roas',
      ]) {
        expect(fields).not.toContain(conversion);
      }
    }
    const after = await totals();
    expect(after.purchases).toBe(0);
    expect(after.spend).toBeGreaterThanOrEqual(kept.spend);
  }, 240_000);

  it('retention: a value out of range is refused; 7 days deletes every older day at once', async () => {
    const field = options.page.locator('[data-testid="retention-days"]');
    await field.fill('3');
    await click(options.page, 'retention-save');
    expect(await options.waitForText('fetch-error', 'from 7 to 730')).toBeTruthy();
    const before = (await ownedSettings(options.page)).syncSettings as { backfillDays: number };
    expect(before.backfillDays).toBe(90);
    const firstKept = addDays(today(), -6);
    const recent = await insightRows(options.page, accountId, firstKept, today());
    expect(
      await insightRows(options.page, accountId, '2000-01-01', addDays(firstKept, -1)),
    ).toBeGreaterThan(0);

    await field.fill('7');
    await click(options.page, 'retention-save');
    await options.waitForText('fetch-notice', 'older than 7 days');
    const after = (await ownedSettings(options.page)).syncSettings as { backfillDays: number };
    expect(after.backfillDays).toBe(7);
    await expect
      .poll(() => insightRows(options.page, accountId, '2000-01-01', addDays(firstKept, -1)))
      .toBe(0);
    expect(await insightRows(options.page, accountId, firstKept, today())).toBe(recent);
    expect((await storedSyncState(options.page, accountId))?.coverage.campaign?.since).toBe(
      firstKept,
    );
    // The retention alarm keeps enforcing it while nobody changes the setting.
    const alarm = await options.page.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: {
            alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
          };
        }
      ).chrome.alarms.get('adlens-retention'),
    );
    expect(alarm?.periodInMinutes).toBe(1440);
  });

  it('exports everything but the token as JSON, and an account’s daily insights as CSV', async () => {
    let before = new Set(readdirSync(downloads));
    await click(options.page, 'export-json');
    const json = await nextDownload(before);
    expect(json.name).toMatch(/^adlens-export-\d{4}-\d{2}-\d{2}\.json$/);
    expect(json.text).not.toContain(sim.control.demoToken);
    const exported = JSON.parse(json.text) as {
      format: string;
      version: number;
      settings: { syncSettings: { backfillDays: number } };
      savedSnapshots: { digest: string; snapshot: unknown }[];
      cache: {
        accounts: { accountId: string }[];
        entities: unknown[];
        apiCalls: unknown[];
        insights: { columns: string[]; rows: unknown[][] };
      };
    };
    expect(exported.format).toBe('adlens-export');
    expect(exported.version).toBe(1);
    expect(exported.settings.syncSettings.backfillDays).toBe(7);
    expect(exported.cache.accounts.map((a) => a.accountId)).toContain(accountId);
    expect(exported.cache.entities).toHaveLength(
      (await cacheRecordsIn(options.page, 'entities')).length,
    );
    expect(exported.cache.apiCalls.length).toBeGreaterThan(0);
    const stored = await insightRows(options.page, accountId, '2000-01-01', today());
    // Connecting synced every account, so the export holds each cached account's rows.
    let everyAccount = 0;
    for (const { accountId: id } of await cacheRecordsIn(options.page, 'accounts')) {
      // A day past the account's today: another account's zone may be a day ahead.
      everyAccount += await insightRows(
        options.page,
        String(id),
        '2000-01-01',
        addDays(today(), 1),
      );
    }
    expect(exported.cache.insights.columns.slice(0, 3)).toEqual(['date', 'level', 'entityId']);
    expect(exported.cache.insights.rows).toHaveLength(everyAccount);
    // The snapshot saved earlier, as its own database holds it.
    const saved = JSON.parse(await savedSnapshotsText()) as { digest: string }[];
    expect(saved).toHaveLength(1);
    expect(exported.savedSnapshots.map((entry) => entry.digest)).toEqual([saved[0]!.digest]);
    expect(JSON.stringify(exported.savedSnapshots[0]!.snapshot)).toContain(account.name);

    before = new Set(readdirSync(downloads));
    await click(options.page, 'export-csv', storedRow(accountId));
    const csv = await nextDownload(before);
    expect(csv.name).toBe(`adlens-insights-${accountId}-${csv.name.slice(-14, -4)}.csv`);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'date,level,entity_id,entity_name,spend,impressions,reach,frequency,clicks,inlineLinkClicks,purchases,purchaseValue,costPerPurchase,purchaseRoas',
    );
    expect(lines).toHaveLength(stored + 1);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2},(campaign|adset),\d+,/);
    // Money in euros with the cent digits, equal to what Meta reported for that entity and day
    // (today's row is left out: today is still counting at Meta).
    const header = lines[0]!.split(',');
    const fromEnd = header.length - header.indexOf('spend');
    let checked = 0;
    for (const line of lines.slice(1)) {
      // Only the name column can hold a quoted comma; the metrics are counted from the end.
      const cells = line.split(',');
      const [date, , entityId] = cells;
      if (date === today()) continue;
      const cents = sim.world.totals(entityId!, date!, date!)?.spendMinor ?? 0;
      const euros = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      expect(cells[cells.length - fromEnd], `${date} ${entityId}`).toBe(euros);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(stored / 2);
  });

  it('shows the API call log without the token, and clears it', async () => {
    await reloadOptions();
    const total = await options.waitForText('api-log-total', /^[1-9][\d,]* calls/);
    const log = await options.waitForText('api-log', `/act_${account.accountId}/`);
    expect(log).not.toContain(sim.control.demoToken);
    expect(total).toMatch(/never your token/);
    expect(await options.waitForText('leaves-browser', 'graph.facebook.com')).toBeTruthy();
    await click(options.page, 'api-log-clear');
    await options.page.waitForSelector('[data-testid="api-log-clear-confirmation"]');
    await click(options.page, 'api-log-clear-confirm');
    await options.waitForText('api-log-total', /^0 calls/);
    expect(await cacheRecordsIn(options.page, 'apiCalls')).toHaveLength(0);
  });

  it('never sends the token to a content script, and no console of any target shows it', async () => {
    const page = await chromium.browser.newPage();
    const received = await recordContentScriptInbox(page);
    const tab = await AdsManagerTab.attach(page, { accountId: account.accountId });
    await tab.waitForTableRows();
    await tab.openInsightPanel();
    expect(await tab.panelText('insight-subject')).toBe(account.name);
    // The console recorder works: a line the test logs in the worker arrives.
    const worker = await serviceWorker(chromium.browser);
    await worker.evaluate(() => console.info('adlens-privacy-probe'));
    await expect
      .poll(() => consoleText.some((line) => line.includes('adlens-privacy-probe')))
      .toBe(true);

    const inbox = await received();
    // The recorder saw the content script's real answers: the account's name came in one.
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox.some((message) => message.includes(account.name))).toBe(true);
    expect(inbox.filter((message) => message.includes(sim.control.demoToken))).toEqual([]);
    expect(consoleText.filter((line) => line.includes(sim.control.demoToken))).toEqual([]);
    await page.close();
  }, 120_000);

  it('clears one account after confirming; the overlay then shows nothing for it', async () => {
    const campaign = sim.world.entities(account.accountId, 'campaign')[0]!;
    await putCacheRecords(chromium.browser, 'findings', [
      storedFinding(accountId, campaign.id, sim.world.today(account.accountId)),
    ]);
    const tab = await AdsManagerTab.open(chromium.browser, { accountId: account.accountId });
    await tab.waitForTableRows();
    await tab.page.waitForSelector('[role="table"] adlens-badge');

    await options.page.bringToFront();
    await reloadOptions();
    await click(options.page, 'clear-account', storedRow(accountId));
    const question = await options.waitForText('clear-account-confirmation', 'insight rows');
    expect(question).toMatch(/This deletes [\d,]+ insight rows/);
    // Nothing happens before the confirmation.
    expect((await accountRecords(options.page, 'series', accountId)).length).toBeGreaterThan(0);
    await click(options.page, 'clear-account-confirm');
    await options.waitForText('data-notice', 'Cleared the cached data of 1 account');
    for (const store of ['entities', 'series', 'syncState', 'findings']) {
      expect(await accountRecords(options.page, store, accountId), store).toHaveLength(0);
    }
    expect(
      await options.page.$eval(`${storedRow(accountId)} [data-testid="stored-rows"]`, (node) =>
        node.getAttribute('data-rows'),
      ),
    ).toBe('0');
    // The account stays connected and listed, with nothing cached.
    expect((await cacheRecordsIn(options.page, 'accounts')).map((a) => a.accountId)).toContain(
      accountId,
    );

    // The open Ads Manager tab, shown again, drops the badge it showed: it was there before the
    // clear, so its absence now is the overlay's answer, not a question not yet asked.
    await tab.page.bringToFront();
    await tab.page.waitForFunction(
      () => document.querySelectorAll('[role="table"] adlens-badge').length === 0,
      { timeout: 60_000, polling: 100 },
    );
    await tab.page.close();
  }, 120_000);

  it('Ads Manager opened on an account with nothing cached syncs it by itself, panel closed', async () => {
    // Synced, then cleared with no Ads Manager tab open that could ask for it since.
    await sync.sync(accountId);
    await reloadOptions();
    await click(options.page, 'clear-account', storedRow(accountId));
    await options.waitForText('clear-account-confirmation', 'insight rows');
    await click(options.page, 'clear-account-confirm');
    await options.waitForText('data-notice', 'Cleared the cached data of 1 account');
    expect((await storedSyncState(options.page, accountId))?.lastSyncAt ?? null).toBeNull();

    const tab = await AdsManagerTab.open(chromium.browser, { accountId: account.accountId });
    await tab.waitForTableRows();
    // Nothing pressed, the options page in the background: the sync's record says it ran.
    await expect
      .poll(async () => (await storedSyncState(options.page, accountId))?.lastSyncAt ?? null, {
        timeout: 120_000,
        interval: 500,
      })
      .not.toBeNull();
    expect(await insightRows(options.page, accountId, '2000-01-01', today())).toBeGreaterThan(0);
    await tab.page.close();
  }, 180_000);

  it('Clear all, after confirming, deletes every account’s cached data and keeps them connected', async () => {
    const other = sim.world.accounts.find((candidate) => candidate.currency === 'USD')!;
    const otherId = `act_${other.accountId}`;
    await options.page.bringToFront();
    await sync.sync(accountId);
    // A second account's data, written as a sync writes it: Clear all must take it too.
    await putCacheRecords(chromium.browser, 'findings', [
      storedFinding(otherId, sim.world.entities(other.accountId, 'campaign')[0]!.id, today()),
    ]);
    const populated = async () => {
      const stores: Record<string, number> = {};
      for (const store of ['entities', 'series', 'syncState', 'findings']) {
        stores[store] = (await cacheRecordsIn(options.page, store)).length;
      }
      return stores;
    };
    const before = await populated();
    expect(before.series).toBeGreaterThan(0);
    expect((await cacheRecordsIn(options.page, 'findings')).map((f) => f.accountId)).toContain(
      otherId,
    );
    await reloadOptions();
    await click(options.page, 'clear-all');
    expect(await options.waitForText('clear-all-confirmation', 'insight rows')).toMatch(
      /This deletes [\d,]+ daily insight rows/,
    );
    // Nothing happens before the confirmation.
    expect(await populated()).toEqual(before);
    await click(options.page, 'clear-all-confirm');
    await options.waitForText('data-notice', /Cleared/);
    expect(await populated()).toEqual({ entities: 0, series: 0, syncState: 0, findings: 0 });
    const accounts = (await cacheRecordsIn(options.page, 'accounts')).map((a) => a.accountId);
    expect(accounts).toEqual(expect.arrayContaining([accountId, otherId]));
    await options.waitForStatus('Connected as Demo Media Buyer');
  }, 240_000);

  it('settings a content script writes to storage.local are never acted on', async () => {
    await sync.sync(accountId);
    const rows = await insightRows(options.page, accountId, '2000-01-01', today());
    expect(rows).toBeGreaterThan(0);
    const settingsBefore = await ownedSettings(options.page);
    const worker = await serviceWorker(chromium.browser);
    const syncAlarm = () =>
      worker.evaluate(() =>
        (
          globalThis as unknown as {
            chrome: { alarms: { get(name: string): Promise<{ periodInMinutes?: number }> } };
          }
        ).chrome.alarms.get('adlens-sync'),
      );
    const alarmBefore = await syncAlarm();
    expect(alarmBefore?.periodInMinutes).toBe(60);
    const tab = await AdsManagerTab.open(chromium.browser, { accountId });
    await tab.waitForTableRows();
    await tab.openPanel();
    // The worker is listening when the hostile write lands, as it would be in real use.
    await worker.evaluate(() => {
      const scope = globalThis as unknown as { sawLocalChange?: Promise<void> } & {
        chrome: {
          storage: { onChanged: { addListener(f: (c: object, a: string) => void): void } };
        };
      };
      scope.sawLocalChange = new Promise((resolve) =>
        scope.chrome.storage.onChanged.addListener((_changes, area) => {
          if (area === 'local') resolve();
        }),
      );
    });
    await evaluateInContentScript(
      tab.page,
      `chrome.storage.local.set({
        syncSettings: { intervalMinutes: 0, backfillDays: 7, lookbackDays: 1, levels: ['campaign'],
          disabledAccounts: [${JSON.stringify(accountId)}], metricGroups: [] },
        syncSettings$: { v: 2 },
        facebookLogin: { appId: '666666', businessManagement: true },
        forgetTokenOnBrowserClose: false,
      })`,
    );
    await worker.evaluate(
      () => (globalThis as unknown as { sawLocalChange: Promise<void> }).sawLocalChange,
    );
    // A round trip through the background after the change event: anything it did is done. The
    // options tab is brought back in front: a hidden tab runs no animation frames to wait on.
    await options.page.bringToFront();
    await reloadOptions();
    await options.waitForStatus('Connected as Demo Media Buyer');
    await options.page.waitForSelector(`${storedRow(accountId)} [data-testid="stored-rows"]`);

    expect(await insightRows(options.page, accountId, '2000-01-01', today())).toBe(rows);
    expect(await ownedSettings(options.page)).toEqual(settingsBefore);
    expect((await syncAlarm())?.periodInMinutes).toBe(60);
    const dump = await BackgroundWorker.attach(chromium.browser).then((each) =>
      each.indexedDbDump(),
    );
    expect(dump['adlens-vault']?.secrets ?? '[]').toBe('[]');
    expect(await options.waitForText('token-storage-explained', 'In memory only')).toBeTruthy();
    const accountBox = `[data-testid="sync-account"][data-account-id="${accountId}"]`;
    await options.page.waitForSelector(accountBox);
    expect(await options.page.$eval(accountBox, (node) => (node as HTMLInputElement).checked)).toBe(
      true,
    );
    await tab.page.close();
  }, 240_000);

  it('a corrupt setting falls back to its default with a notice, and deletes nothing', async () => {
    await sync.sync(accountId);
    const rows = await insightRows(options.page, accountId, '2000-01-01', today());
    expect(rows).toBeGreaterThan(0);
    // Damaged on disk (the background-owned store), not written by a page: pages cannot reach it.
    await options.page.evaluate(async (database) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(database);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction('settings', 'readwrite');
        transaction
          .objectStore('settings')
          .put({ levels: 'everything', intervalMinutes: -1 }, 'syncSettings');
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error ?? new Error('put failed'));
      });
      db.close();
    }, OWNED_SETTINGS_DATABASE);
    await options.page.bringToFront();
    await reloadOptions();
    expect(await options.waitForText('settings-notice', 'could not be read')).toMatch(/sync/);
    // The Sync section appears once the background has answered with the accounts' sync states.
    await options.page.waitForSelector('[data-testid="sync-interval"]');
    expect(
      await options.page.$eval(
        '[data-testid="sync-interval"]',
        (node) => (node as HTMLSelectElement).value,
      ),
    ).toBe('60');
    expect(await insightRows(options.page, accountId, '2000-01-01', today())).toBe(rows);
  }, 240_000);

  it('deletes everything: afterwards storage and the options page look like a fresh profile', async () => {
    await options.page.bringToFront();
    // What there is to delete: the snapshot saved earlier, the cache, the token at Meta.
    expect(JSON.parse(await savedSnapshotsText())).toHaveLength(1);
    expect(sim.control.tokens.authenticate(sim.control.demoToken)).toMatchObject({
      token: sim.control.demoToken,
    });
    await options.setChecked('delete-revoke', true);
    await click(options.page, 'delete-everything');
    await options.waitForText('delete-everything-confirmation', 'cannot be undone');
    await click(options.page, 'delete-everything-confirm');
    await options.waitForText('delete-notice', 'is deleted');
    // Revoked at Meta with the token in the Authorization header; Meta no longer accepts it.
    const revoke = sim.server.wireLog.find(
      (call) => call.method === 'DELETE' && call.path.endsWith('/me/permissions'),
    );
    expect(revoke?.bearerToken).toBe(true);
    expect(sim.control.tokens.authenticate(sim.control.demoToken)).not.toMatchObject({
      token: sim.control.demoToken,
    });
    expect(await savedSnapshotsText()).toBe('[]');

    const worker = await BackgroundWorker.attach(chromium.browser);
    const dump = await worker.indexedDbDump();
    for (const [database, stores] of Object.entries(dump)) {
      for (const [store, records] of Object.entries(stores)) {
        expect(records, `${database}.${store}`).toBe('[]');
      }
    }
    expect(await worker.storageArea('session')).toEqual({});
    const local = await worker.storageArea('local');

    const fresh = await launchAdlensBrowser(sim.routing);
    try {
      const freshOptions = await OptionsPage.open(fresh.browser);
      await freshOptions.waitForStatus('Not connected');
      const freshWorker = await BackgroundWorker.attach(fresh.browser);
      expect(local).toEqual(await freshWorker.storageArea('local'));
    } finally {
      await fresh.close();
    }

    await reloadOptions();
    await options.waitForStatus('Not connected');
    expect(await options.isPresent('token-input')).toBe(true);
    expect(await options.isPresent('settings-notice')).toBe(false);
  }, 120_000);

  it('the browser requested nothing from a host but Meta’s during the whole run', () => {
    const hosts = new Set(
      [...requested]
        .filter((url) => /^(https?|wss?):/.test(url))
        .map((url) => new URL(url).hostname),
    );
    expect(hosts.size).toBeGreaterThan(0);
    expect([...hosts].filter((host) => !ALLOWED_HOSTS.includes(host))).toEqual([]);
    expect(hosts).toContain('graph.facebook.com');
    expect(hosts).toContain('adsmanager.facebook.com');
  });
});

describe('the token on the wire', () => {
  it('every Graph request of the run carried it only in its Authorization header', () => {
    const graphCalls = sim.server.wireLog.filter((call) => call.host === 'graph.facebook.com');
    // Connect, sync (batches included), and the revocation at Meta are all on the wire.
    expect(graphCalls.some((call) => call.path.endsWith('/debug_token'))).toBe(true);
    expect(graphCalls.some((call) => /(^|&)batch=/.test(call.body))).toBe(true);
    expect(graphCalls.some((call) => call.path.endsWith('/insights'))).toBe(true);
    expect(graphCalls.some((call) => call.method === 'DELETE')).toBe(true);
    expect(tokenOutsideAuthorization(graphCalls, sim.control.demoToken)).toEqual([]);
  });
});

/** A finding as the findings table keeps it (lib/cache/findings.ts), for the overlay to badge. */
function storedFinding(
  account: string,
  entityId: string,
  day: string,
  severity: 'info' | 'warning' | 'critical' = 'warning',
  id = 'first',
) {
  return {
    accountId: account,
    findingId: `privacy-${entityId}-${id}`,
    parentId: null,
    kind: 'spend_spike',
    entityId,
    level: 'campaign',
    metric: 'spend',
    severity,
    direction: 'up',
    startDate: day,
    latestDate: day,
    actual: 2,
    expected: 1,
    lower: 0.5,
    upper: 1.5,
    score: 0.9,
    summary: spikeSentence(day),
    nextStep: { key: 'findingSpendSpikeNext', args: [] },
    detectedAt: Date.now(),
  };
}
