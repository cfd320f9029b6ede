import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../sim/start';
import type { Level, SimAccount, SimEntity } from '../sim/world/types';
import {
  serviceWorker,
  waitForNewWorker,
  workerStartTime,
  type AdlensBrowser,
} from '../support/e2e/browser';
import { launchAdlens, type RunningAdlens } from '../support/e2e/fixture';
import { AdsManagerTab } from '../support/e2e/pages';
import {
  entityRecord,
  findingRecord,
  putCacheRecords,
  spikeSentence,
  waitForCache,
} from '../support/e2e/worker-cache';
import { englishFinding } from '../support/english-finding';
import type { FindingMessage } from '@/lib/schema/finding-message';

/**
 * Badges in the simulated Ads Manager, production build in Chromium. Findings are written into the
 * worker's findings table (and, for pages without row ids, its entities table) from the test, the
 * way a sync will write them; the overlay reads them through `findings.forRows` as in real use.
 * Each check compares every visible row with the seeded findings: a badge on exactly those rows.
 */
let adlens: RunningAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;
const pageErrors: string[] = [];

const SEVERITIES = ['critical', 'warning', 'info'] as const;
const ROW = '[role="table"] [role="row"][aria-rowindex]:not([aria-rowindex="1"])';

interface Seeded {
  readonly entityId: string;
  readonly severity: (typeof SEVERITIES)[number];
  readonly count: number;
  readonly summary: FindingMessage;
  /** How the badge says it on an English page. */
  readonly sentence: string;
}

/** Markup where a sentence takes a value (a currency code is 8 characters at most). */
const HOSTILE_CURRENCY = '<img x>';

/** entityId → its badge, for every account and level. */
const seeded = new Map<string, Seeded>();

function visibleEntities(account: SimAccount, level: Level): SimEntity[] {
  return sim.world
    .entities(account.accountId, level)
    .filter((entity) => entity.status !== 'DELETED' && entity.status !== 'ARCHIVED');
}

/** Every 7th entity, the planted anomalies and the hostile names: some near the top, some deep. */
function chooseFindings(account: SimAccount): Seeded[] {
  const hostile = new Set(sim.world.hostileNames.map((name) => name.entityId));
  const planted = new Set(sim.world.anomalies.map((anomaly) => anomaly.entityId));
  return (['campaign', 'adset', 'ad'] as const).flatMap((level) =>
    visibleEntities(account, level)
      .filter(
        (entity, index) => index % 7 === 0 || hostile.has(entity.id) || planted.has(entity.id),
      )
      .map((entity, index) => {
        // A different amount on each row, so a sentence on the wrong row shows.
        const summary = spikeSentence(
          '2026-03-02',
          20_000 + 100 * index,
          hostile.has(entity.id) ? HOSTILE_CURRENCY : 'USD',
        );
        return {
          entityId: entity.id,
          severity: SEVERITIES[index % SEVERITIES.length]!,
          count: 1 + (index % 3),
          summary,
          sentence: englishFinding(summary),
        };
      }),
  );
}

async function seedCache(): Promise<void> {
  // Any Ads Manager page makes the worker create its cache, on the first row question.
  const primer = await AdsManagerTab.open(chromium.browser, {
    accountId: otherAccount().accountId,
  });
  await waitForCache(chromium.browser);
  await primer.page.close();
  for (const account of [sim.largeAccount, otherAccount()]) {
    const findings = chooseFindings(account);
    for (const finding of findings) seeded.set(finding.entityId, finding);
    // The top finding carries the badge's severity and sentence; the others only add to the count.
    const records = findings.flatMap(({ entityId, severity, count, summary }) => {
      const entity = sim.world.entity(entityId)!;
      return Array.from({ length: count }, (_, index) =>
        findingRecord(
          index === 0
            ? { entity, severity, summary, score: 0.9 }
            : { entity, severity: 'info', score: 0.5 },
        ),
      );
    });
    await putCacheRecords(chromium.browser, 'findings', records);
    const named = (['campaign', 'adset'] as const).flatMap((level) =>
      sim.world.entities(account.accountId, level).map((entity) => entityRecord(account, entity)),
    );
    await putCacheRecords(chromium.browser, 'entities', named);
  }
}

function otherAccount(): SimAccount {
  const account = sim.world.accounts.find(
    (candidate) =>
      candidate.accountId !== sim.largeAccount.accountId &&
      sim.world.entities(candidate.accountId, 'campaign').length > 0,
  );
  if (!account) throw new Error('The simulated world has a single account with campaigns');
  return account;
}

/** Name → id where the name is unique in its account and level, as the cache would match it. */
function uniqueNames(account: SimAccount, level: Level): Record<string, string | null> {
  const byName: Record<string, string | null> = {};
  for (const entity of sim.world.entities(account.accountId, level)) {
    const key = entity.name.normalize('NFC').replace(/\s+/g, ' ').trim();
    byName[key] = key in byName ? null : entity.id;
  }
  return byName;
}

interface Expectation {
  /** entityId → severity and count of its badge. */
  readonly badges: Record<string, { severity: string; count: number; sentence: string }>;
  /** For pages without row ids: visible name → entity id (null when ambiguous). */
  readonly names?: Record<string, string | null>;
}

function expectation(account: SimAccount, level: Level, byName: boolean): Expectation {
  const badges: Expectation['badges'] = {};
  for (const entity of sim.world.entities(account.accountId, level)) {
    const finding = seeded.get(entity.id);
    if (finding) badges[entity.id] = finding;
  }
  return byName ? { badges, names: uniqueNames(account, level) } : { badges };
}

/**
 * Waits until every visible row carries a badge exactly when its entity has findings (with the
 * right severity, count and sentence), and returns how many rows were checked and badged.
 */
async function expectBadgesOnExactlyTheseRows(
  page: Page,
  expected: Expectation,
): Promise<{ rows: number; badged: number }> {
  const handle = await page
    .waitForFunction(
      (rowSelector, { badges, names }) => {
        const problems: string[] = [];
        let badged = 0;
        const rows = [...document.querySelectorAll(rowSelector)];
        if (rows.length === 0 || document.querySelector('[role="table"][aria-busy="true"]')) {
          return false;
        }
        for (const row of rows) {
          const surface = row.getAttribute('data-surface');
          const nameElement = row.querySelector('[role="presentation"] > [role="cell"] > div > *');
          const name = (nameElement?.textContent ?? '')
            .normalize('NFC')
            .replace(/\s+/g, ' ')
            .trim();
          const id = names ? names[name] : /table_row:(\d+)unit/.exec(surface ?? '')?.[1];
          const want = id ? badges[id] : undefined;
          const hosts = row.querySelectorAll('adlens-badge');
          if (hosts.length > 1) problems.push(`${name}: ${hosts.length} badges`);
          const host = hosts[0];
          if (!want) {
            if (host) problems.push(`${name}: unexpected badge`);
            continue;
          }
          const badge = host?.shadowRoot?.querySelector('[data-testid="adlens-badge"]');
          if (!host || !badge) {
            problems.push(`${name}: no badge`);
            continue;
          }
          badged += 1;
          if (host.getAttribute('data-adlens-entity') !== id)
            problems.push(`${name}: wrong entity`);
          if (badge.getAttribute('data-severity') !== want.severity) {
            problems.push(`${name}: severity`);
          }
          if (badge.textContent !== String(want.count)) problems.push(`${name}: count`);
          const tooltip = host.shadowRoot?.querySelector('[role="tooltip"]');
          if (tooltip?.textContent !== want.sentence) problems.push(`${name}: sentence`);
          if (host.shadowRoot?.querySelector('img, script')) problems.push(`${name}: markup`);
        }
        return problems.length === 0 ? { rows: rows.length, badged } : false;
      },
      { timeout: 10_000, polling: 50 },
      ROW,
      expected,
    )
    .catch(async (error: unknown) => {
      const state = await page.evaluate(
        (rowSelector) =>
          [...document.querySelectorAll(rowSelector)].map(
            (row) =>
              `${row.getAttribute('data-surface') ?? ''} ${row.querySelector('adlens-badge')?.getAttribute('data-adlens-entity') ?? '-'}`,
          ),
        ROW,
      );
      throw new Error(`Badges never matched the findings: ${state.join(', ')}`, { cause: error });
    });
  return (await handle.jsonValue()) as { rows: number; badged: number };
}

/** Scrolls the loaded table's scroll container to `top` px, lets the page render, returns the end. */
async function scrollTableTo(page: Page, top: number): Promise<number> {
  await page.waitForSelector('[role="table"][aria-busy="false"]');
  return page.evaluate(async (y) => {
    const table = document.querySelector('[role="table"]');
    const scroller = [...(table?.querySelectorAll('div') ?? [])].find(
      (element) => getComputedStyle(element).overflowY === 'auto',
    );
    if (!scroller) throw new Error('No scroll container in the table');
    scroller.scrollTop = y;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return scroller.scrollHeight - scroller.clientHeight;
  }, top);
}

async function openTab(
  account: SimAccount,
  tab: 'campaigns' | 'adsets' | 'ads' = 'campaigns',
): Promise<AdsManagerTab> {
  const adsManager = await AdsManagerTab.open(chromium.browser, {
    accountId: account.accountId,
    tab,
  });
  adsManager.page.on('pageerror', (error) => pageErrors.push(String(error)));
  return adsManager;
}

beforeAll(async () => {
  adlens = await launchAdlens({
    // The simulator's earlier markup, kept as a variant; the page built to the evidence of the live
    // one is covered by ads-manager-evidence.e2e.ts.
    configure: (simulator) => {
      simulator.control.page.variant = 'data-surface';
    },
  });
  ({ sim, chromium } = adlens);
  await seedCache();
}, 120_000);

afterAll(() => adlens?.close());

describe('with data-surface row ids', () => {
  let tab: AdsManagerTab;

  beforeAll(async () => {
    sim.control.page.variant = 'data-surface';
    tab = await openTab(sim.largeAccount);
  });

  afterAll(async () => {
    await tab?.page.close();
  });

  it('badges exactly the rows with findings, top to bottom of the table', async () => {
    const expected = expectation(sim.largeAccount, 'campaign', false);
    let checked = 0;
    let badged = 0;
    let top = 0;
    for (let bottom = Infinity; top <= bottom; top += 48 * 9) {
      bottom = await scrollTableTo(tab.page, top);
      const step = await expectBadgesOnExactlyTheseRows(tab.page, expected);
      checked += step.rows;
      badged += step.badged;
    }
    expect(top).toBeGreaterThan(48 * 150);
    expect(badged).toBeGreaterThan(20);
    expect(checked).toBeGreaterThan(200);
  });

  it('takes no room in the table: the name cell lays out the same without the badge', async () => {
    await scrollTableTo(tab.page, 0);
    await expectBadgesOnExactlyTheseRows(
      tab.page,
      expectation(sim.largeAccount, 'campaign', false),
    );
    const layout = await tab.page.evaluate(() => {
      const host = document.querySelector<HTMLElement>('[role="table"] adlens-badge')!;
      const anchor = host.parentElement!;
      const cell = anchor.closest('[role="cell"]')!;
      const boxes = () =>
        [anchor, ...[...anchor.children].filter((child) => child !== host), cell].map((element) =>
          JSON.stringify(element.getBoundingClientRect()),
        );
      const withBadge = boxes();
      host.style.display = 'none';
      const without = boxes();
      host.style.display = '';
      const badge = host.getBoundingClientRect();
      const cellBox = cell.getBoundingClientRect();
      return {
        same: JSON.stringify(withBadge) === JSON.stringify(without),
        position: getComputedStyle(host).position,
        insideCell:
          badge.width > 0 &&
          badge.left >= cellBox.left &&
          badge.right <= cellBox.right &&
          badge.top >= cellBox.top &&
          badge.bottom <= cellBox.bottom,
      };
    });
    expect(layout).toEqual({ same: true, position: 'absolute', insideCell: true });
  });

  it('shows the tooltip on keyboard focus, on screen beside the badge; Escape hides it', async () => {
    await scrollTableTo(tab.page, 0);
    await expectBadgesOnExactlyTheseRows(
      tab.page,
      expectation(sim.largeAccount, 'campaign', false),
    );
    // The badge comes right after the row's name link in the tab order.
    const entityId = await tab.page.evaluate(() => {
      const host = document.querySelector('[role="table"] adlens-badge')!;
      host.closest('[role="row"]')!.querySelector<HTMLElement>('a[role="link"]')!.focus();
      return host.getAttribute('data-adlens-entity')!;
    });
    await tab.page.keyboard.press('Tab');
    const tooltipState = () =>
      tab.page.evaluate((id) => {
        const root = document.querySelector(
          `adlens-badge[data-adlens-entity="${id}"]`,
        )!.shadowRoot!;
        const button = root.querySelector('[data-testid="adlens-badge"]')!;
        const tip = root.querySelector('[role="tooltip"]')!;
        const box = tip.getBoundingClientRect();
        const badge = button.getBoundingClientRect();
        return {
          focused: root.activeElement === button,
          open: tip.matches(':popover-open'),
          text: tip.textContent,
          clear: box.height > 0 && (box.top >= badge.bottom || box.bottom <= badge.top),
          onScreen:
            box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
        };
      }, entityId);
    expect(await tooltipState()).toEqual({
      focused: true,
      open: true,
      text: seeded.get(entityId)?.sentence,
      clear: true,
      onScreen: true,
    });
    await tab.page.keyboard.press('Escape');
    expect(await tooltipState()).toMatchObject({ focused: true, open: false });
    await tab.page.keyboard.press('Tab');
    expect(await tooltipState()).toMatchObject({ focused: false, open: false });
    await tab.page.keyboard.down('Shift');
    await tab.page.keyboard.press('Tab');
    await tab.page.keyboard.up('Shift');
    expect(await tooltipState()).toMatchObject({ focused: true, open: true });
  });

  it('follows a tab switch to ad sets and ads', async () => {
    await tab.page.locator('[role="tab"] ::-p-text(Ad sets)').click();
    await tab.page.waitForFunction(() => location.pathname.endsWith('/adsets'));
    await expectBadgesOnExactlyTheseRows(tab.page, expectation(sim.largeAccount, 'adset', false));
    await scrollTableTo(tab.page, 48 * 300);
    await expectBadgesOnExactlyTheseRows(tab.page, expectation(sim.largeAccount, 'adset', false));
    await tab.page.locator('[role="tab"] ::-p-text(Ads)').click();
    await tab.page.waitForFunction(() => location.pathname.endsWith('/ads'));
    await expectBadgesOnExactlyTheseRows(tab.page, expectation(sim.largeAccount, 'ad', false));
    await tab.page.locator('[role="tab"] ::-p-text(Campaigns)').click();
    await tab.page.waitForFunction(() => location.pathname.endsWith('/campaigns'));
    await expectBadgesOnExactlyTheseRows(
      tab.page,
      expectation(sim.largeAccount, 'campaign', false),
    );
  });

  it('follows a date change (same row elements, re-sorted rows)', async () => {
    await tab.page.locator('button[aria-label="Date range"]').click();
    await tab.page.locator('[data-preset="last_7d"]').click();
    await tab.page.waitForFunction(() => location.search.includes('last_7d'));
    await expectBadgesOnExactlyTheseRows(
      tab.page,
      expectation(sim.largeAccount, 'campaign', false),
    );
    await scrollTableTo(tab.page, 48 * 60);
    await expectBadgesOnExactlyTheseRows(
      tab.page,
      expectation(sim.largeAccount, 'campaign', false),
    );
  });

  it('follows an account switch', async () => {
    const other = otherAccount();
    await tab.page.locator('button[aria-label="Ad account"]').click();
    await tab.page.locator(`[role="option"] ::-p-text(${other.name})`).click();
    await tab.page.waitForFunction(
      (act) => location.search.includes(`act=${act}`),
      {},
      other.accountId,
    );
    await expectBadgesOnExactlyTheseRows(tab.page, expectation(other, 'campaign', false));
    expect(pageErrors).toEqual([]);
  });
});

describe('without data-surface row ids', () => {
  it('badges rows by their unique names, and not rows whose name is shared', async () => {
    sim.control.page.variant = 'no-data-surface';
    const tab = await openTab(sim.largeAccount);
    const expected = expectation(sim.largeAccount, 'campaign', true);
    // Some entities with findings share their name with another: those rows must stay bare.
    const sharedNamesWithFindings = visibleEntities(sim.largeAccount, 'campaign').filter(
      (entity) => seeded.has(entity.id) && expected.names![entity.name] === null,
    );
    expect(sharedNamesWithFindings.length).toBeGreaterThan(0);
    let badged = 0;
    for (let top = 0, bottom = Infinity; top <= bottom; top += 48 * 12) {
      bottom = await scrollTableTo(tab.page, top);
      badged += (await expectBadgesOnExactlyTheseRows(tab.page, expected)).badged;
    }
    expect(badged).toBeGreaterThan(5);
    await tab.page.locator('[role="tab"] ::-p-text(Ad sets)').click();
    await expectBadgesOnExactlyTheseRows(tab.page, expectation(sim.largeAccount, 'adset', true));
    await tab.page.close();
    sim.control.page.variant = 'data-surface';
  });
});

describe('when no row selector matches the page', () => {
  it('says so in a status chip, adds nothing to the table, and the page keeps working', async () => {
    sim.control.page.variant = 'unmarked-rows';
    try {
      const tab = await openTab(sim.largeAccount);
      await tab.page.waitForSelector('[role="table"][aria-busy="false"]');
      const chipText = () =>
        tab.page
          .waitForFunction(
            () =>
              document
                .querySelector('adlens-status')
                ?.shadowRoot?.querySelector('[data-testid="adlens-status-chip"]')?.textContent,
            { timeout: 10_000, polling: 50 },
          )
          .then((handle) => handle.jsonValue());
      expect(await chipText()).toBe('Adlens can’t find the table rows on this page.');
      await tab.page.locator('[role="tab"] ::-p-text(Ad sets)').click();
      await tab.page.waitForFunction(() => location.pathname.endsWith('/adsets'));
      await tab.page.waitForSelector('[role="table"][aria-busy="false"] a[role="link"]');
      expect(await chipText()).toBe('Adlens can’t find the table rows on this page.');
      expect(await tab.page.$$eval('adlens-badge', (hosts) => hosts.length)).toBe(0);
      expect(await tab.page.$$eval('adlens-status', (hosts) => hosts.length)).toBe(1);
      expect(pageErrors).toEqual([]);
      await tab.page.close();
    } finally {
      sim.control.page.variant = 'data-surface';
    }
  });
});

describe('hostile names', () => {
  it('show as text in the badge, and run nothing', async () => {
    const dialogs: string[] = [];
    const hostile = sim.world.hostileNames
      .filter((name) => name.kind === 'html_injection' || name.kind === 'script_breakout')
      .map((name) => sim.world.entity(name.entityId)!)
      .find(
        (entity) =>
          entity.accountId === sim.largeAccount.accountId &&
          entity.level === 'campaign' &&
          entity.status === 'ACTIVE',
      )!;
    expect(seeded.get(hostile.id)?.sentence).toContain(HOSTILE_CURRENCY);
    const tab = await openTab(sim.largeAccount);
    tab.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    let badge: { tooltip: string | null; markup: number } | undefined;
    for (let top = 0, bottom = Infinity; !badge && top <= bottom; top += 48 * 9) {
      bottom = await scrollTableTo(tab.page, top);
      await expectBadgesOnExactlyTheseRows(
        tab.page,
        expectation(sim.largeAccount, 'campaign', false),
      );
      badge = await tab.page.evaluate((id) => {
        const host = document.querySelector(`adlens-badge[data-adlens-entity="${id}"]`);
        const tooltip = host?.shadowRoot?.querySelector('[role="tooltip"]');
        if (!host?.shadowRoot || !tooltip) return undefined;
        return {
          tooltip: tooltip.textContent,
          markup: host.shadowRoot.querySelectorAll('img, script').length,
        };
      }, hostile.id);
    }
    expect(badge).toEqual({ tooltip: seeded.get(hostile.id)?.sentence, markup: 0 });
    expect(dialogs).toEqual([]);
    await tab.page.close();
  });
});

describe('when the background is unavailable', () => {
  it('keeps badging after the worker was stopped (the next question wakes it)', async () => {
    const tab = await openTab(sim.largeAccount);
    await expectBadgesOnExactlyTheseRows(
      tab.page,
      expectation(sim.largeAccount, 'campaign', false),
    );
    const stopped = await workerStartTime(chromium.browser);
    const worker = await serviceWorker(chromium.browser);
    await worker.close();
    await scrollTableTo(tab.page, 48 * 120);
    await expectBadgesOnExactlyTheseRows(
      tab.page,
      expectation(sim.largeAccount, 'campaign', false),
    );
    // The rows scrolled into view were answered by a new worker instance.
    expect(await waitForNewWorker(chromium.browser, stopped)).toBeGreaterThan(stopped);
    await tab.page.close();
  });

  it('leaves a working page when the extension context is invalidated', async () => {
    const tab = await openTab(sim.largeAccount);
    await expectBadgesOnExactlyTheseRows(
      tab.page,
      expectation(sim.largeAccount, 'campaign', false),
    );
    const worker = await serviceWorker(chromium.browser);
    // Reloading the extension invalidates this tab's content script, as an update does.
    await worker
      .evaluate(() => {
        (
          globalThis as unknown as { chrome: { runtime: { reload(): void } } }
        ).chrome.runtime.reload();
      })
      .catch(() => undefined);
    await scrollTableTo(tab.page, 48 * 40);
    await tab.page.locator('[role="tab"] ::-p-text(Ad sets)').click();
    await tab.page.waitForSelector(
      '[role="table"][aria-busy="false"] [role="row"][aria-rowindex="2"]',
    );
    await scrollTableTo(tab.page, 48 * 80);
    const rows = await tab.page.$$eval(ROW, (elements) => elements.length);
    expect(rows).toBeGreaterThan(10);
    // The old script stops: its badges go, and nothing new is added.
    await tab.page.waitForFunction(() => document.querySelectorAll('adlens-badge').length === 0, {
      timeout: 10_000,
    });
    expect(pageErrors).toEqual([]);
    await tab.page.close();
  });
});
