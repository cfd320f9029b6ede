import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredFinding } from '@/lib/cache/findings';
import type { RunningSimulator } from '../sim/start';
import type { SimAccount } from '../sim/world/types';
import { seriousViolations, tabWalk } from '../support/e2e/axe';
import { openExtensionPage, type AdlensBrowser } from '../support/e2e/browser';
import { startConnectedAdlens, type ConnectedAdlens } from '../support/e2e/fixture';
import type { OptionsPage } from '../support/e2e/pages';
import { SyncSection } from '../support/e2e/sync';
import { cacheRecordsIn, findingRecord, putCacheRecords } from '../support/e2e/worker-cache';

/**
 * An agency buyer with eight client accounts (issue 17, item 4): every account list (the popup, the
 * options page's Sync, What Adlens fetches and Your data, the snapshot form) puts the account with
 * the most severe findings first, says each account's status, and finds an account by name or id.
 */
let adlens: ConnectedAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;
let options: OptionsPage;
/** The account given the most critical findings; the world lists it sixth. */
let troubled: SimAccount;
const id = (account: SimAccount) => `act_${account.accountId}`;
/** Every account once, sorted. */
const allIds = () => sim.world.accounts.map(id).sort();

/** Each account's stored critical findings, read with the browser's own IndexedDB API. */
async function criticalCounts(page: Page): Promise<Record<string, number>> {
  const findings = await cacheRecordsIn<StoredFinding>(page, 'findings');
  const counts: Record<string, number> = {};
  for (const finding of findings) {
    if (finding.severity === 'critical')
      counts[finding.accountId] = (counts[finding.accountId] ?? 0) + 1;
  }
  return counts;
}

/** The account ids of the elements matching `selector`, top to bottom. */
async function listedIds(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (nodes) =>
    nodes.map(
      (node) => (node as HTMLElement).dataset.accountId ?? (node as HTMLOptionElement).value,
    ),
  );
}

/**
 * Waits until `selector` lists every account with the troubled one first (a page still loading
 * lists none, or some), and returns the order.
 */
async function waitForTroubledFirst(page: Page, selector: string): Promise<string[]> {
  const handle = await page.waitForFunction(
    (css, wanted, count) => {
      const ids = [...document.querySelectorAll<HTMLElement>(css)].map(
        (node) => node.dataset.accountId ?? (node as HTMLOptionElement).value,
      );
      return ids.length === count && ids[0] === wanted ? ids : false;
    },
    { timeout: 30_000 },
    selector,
    id(troubled),
    sim.world.accounts.length,
  );
  return (await handle.jsonValue()) as string[];
}

/** Types into the search box of `scope` the way a user does: a click on its label, then keys. */
async function search(page: Page, scope: string, text: string): Promise<void> {
  const input = `${scope} [data-testid="account-search"]`;
  const inputId = await page.$eval(input, (node) => node.id);
  await page.click(`label[for="${inputId}"]`);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(inputId);
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

async function countText(page: Page, scope: string, expected: string): Promise<void> {
  await page.waitForFunction(
    (css, text) => document.querySelector(css)?.textContent === text,
    {},
    `${scope} [data-testid="account-count"]`,
    expected,
  );
}

beforeAll(async () => {
  adlens = await startConnectedAdlens({
    simulator: { agency: { accounts: 8, partnerAccounts: 1, largestAds: 80 } },
    configure: (simulator) => {
      simulator.control.settings.reportRuns.pollsToComplete = 1;
    },
  });
  ({ sim, chromium, options } = adlens);
  // Connecting syncs every account (and detects in each); the test starts once they are done.
  await new SyncSection(options.page).waitForIdle();

  // The sixth account gets more critical findings than detection gave any account.
  troubled = sim.world.accounts[5]!;
  const most = Math.max(0, ...Object.values(await criticalCounts(options.page)));
  const campaign = sim.world.entities(troubled.accountId, 'campaign')[0]!;
  await putCacheRecords(
    chromium.browser,
    'findings',
    Array.from({ length: most + 1 }, () =>
      findingRecord({ entity: campaign, severity: 'critical' }),
    ),
  );
}, 600_000);

afterAll(() => adlens?.close());

describe('eight client accounts', () => {
  it('the popup lists the account with problems first, with its findings, and finds an account by name or id', async () => {
    const popup = await openExtensionPage(chromium.browser, 'popup.html');
    const order = await waitForTroubledFirst(popup, '[data-testid="sync-row"]');
    expect([...order].sort()).toEqual(allIds());
    expect(await popup.$eval('[data-testid="finding-count"]', (cell) => cell.textContent)).toMatch(
      /critical\)$/,
    );
    // Every account says how its last sync went.
    const states = await popup.$$eval('[data-testid="sync-state"]', (cells) =>
      cells.map((cell) => cell.getAttribute('data-state')),
    );
    expect(states.every((state) => state === 'synced')).toBe(true);
    // The search box and the order are reached with Tab alone, like every other control.
    const walk = await tabWalk(popup);
    expect(walk.missed).toEqual([]);

    const name = sim.world.accounts[2]!.name;
    const client = name.split(' – ')[0]!;
    await search(popup, '.popup', client.toUpperCase());
    await countText(popup, '.popup', 'Showing 1 of 8 accounts.');
    expect(await listedIds(popup, '[data-testid="sync-row"]')).toEqual([
      id(sim.world.accounts[2]!),
    ]);

    await search(popup, '.popup', sim.world.accounts[7]!.accountId);
    await countText(popup, '.popup', 'Showing 1 of 8 accounts.');
    expect(await listedIds(popup, '[data-testid="sync-row"]')).toEqual([
      id(sim.world.accounts[7]!),
    ]);

    await search(popup, '.popup', 'no such client');
    await countText(popup, '.popup', 'No account matches “no such client”.');
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('the options page lists it first in Sync, What Adlens fetches and Your data, with each account’s status', async () => {
    await options.page.reload({ waitUntil: 'domcontentloaded' });
    const page = options.page;
    for (const rows of [
      '[data-testid="sync-row"]',
      '[data-testid="sync-accounts"] .check-row',
      '[data-testid="stored-row"]',
    ]) {
      expect((await waitForTroubledFirst(page, rows)).sort()).toEqual(allIds());
    }
    const statuses = await page.$$eval(
      '[data-testid="sync-accounts"] [data-testid="account-status"]',
      (spans) => spans.map((span) => span.textContent ?? ''),
    );
    expect(statuses).toHaveLength(8);
    expect(statuses[0]).toMatch(/^synced .* · findings: \d+ \(\d+ critical\)$/);
    // The checkbox is described by its account's status.
    const described = await page.$eval(
      '[data-testid="sync-account"]',
      (box) => document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent,
    );
    expect(described).toBe(statuses[0]);

    // Each list keeps its own search: narrowing Your data leaves the others whole.
    const wanted = sim.world.accounts[4]!;
    await search(page, '[data-testid="data-section"]', wanted.name.split(' – ')[0]!);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="stored-row"]').length < 8,
    );
    expect(await listedIds(page, '[data-testid="stored-row"]')).toContain(id(wanted));
    expect(await listedIds(page, '[data-testid="sync-row"]')).toHaveLength(8);

    // By name instead of by problems.
    const byName = [...sim.world.accounts]
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true, sensitivity: 'base' }))
      .map(id);
    await page.select('[data-testid="sync-accounts"] [data-testid="account-order"]', 'name');
    await page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll<HTMLElement>('[data-testid="sync-accounts"] .check-row')]
          .map((row) => row.dataset.accountId)
          .join() === expected,
      {},
      byName.join(),
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the snapshot form offers it first, says each account’s status, and picks the account a search finds', async () => {
    const page = options.page;
    const form = 'form.snapshot-create';
    const offered = await waitForTroubledFirst(page, '[data-testid="snapshot-account"] option');
    expect([...offered].sort()).toEqual(allIds());
    const label = await page.$eval('[data-testid="snapshot-account"] option', (o) => o.textContent);
    expect(label).toMatch(/ — synced .* · findings: \d+ \(\d+ critical\)$/);

    const wanted = sim.world.accounts[1]!;
    await search(page, form, wanted.accountId);
    await page.waitForFunction(
      (value) =>
        document.querySelector<HTMLSelectElement>('[data-testid="snapshot-account"]')?.value ===
        value,
      {},
      id(wanted),
    );
    await countText(page, form, 'Showing 1 of 8 accounts.');
  });
});
