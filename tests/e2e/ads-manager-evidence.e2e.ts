import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageLocale, PageVariant } from '../sim/ads-manager/control';
import type { RunningSimulator } from '../sim/start';
import type { Level, SimAccount } from '../sim/world/types';
import type { AdlensBrowser } from '../support/e2e/browser';
import { launchAdlens, type RunningAdlens } from '../support/e2e/fixture';
import { AdsManagerTab } from '../support/e2e/pages';
import {
  entityRecord,
  findingRecord,
  putCacheRecords,
  waitForCache,
} from '../support/e2e/worker-cache';

/**
 * Badges on the simulator's page built to the evidence of the live Ads Manager
 * (ads-manager-dom.md): FixedDataTable rows in `display: contents` surface wrappers, the name in
 * `data-tooltip-content` beside a localised hover toolbar, rows moved by transforms and scrolled by
 * the wheel only; with ids, without any id, and with row nodes refilled on scroll. On each, every
 * row in the DOM carries a badge exactly when its entity has findings, inside its name cell,
 * through wheel scrolling, tab, date and account changes; the corner panel counts what it saw.
 */
let adlens: RunningAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;
const pageErrors: string[] = [];
/** entityId → its badge's count. */
const seeded = new Map<string, number>();

function visible(account: SimAccount, level: Level) {
  return sim.world
    .entities(account.accountId, level)
    .filter((entity) => entity.status !== 'DELETED' && entity.status !== 'ARCHIVED');
}

function otherAccount(): SimAccount {
  return sim.world.accounts.find(
    (candidate) =>
      candidate.accountId !== sim.largeAccount.accountId &&
      sim.world.entities(candidate.accountId, 'campaign').length > 0,
  )!;
}

async function seedCache(): Promise<void> {
  const primer = await AdsManagerTab.open(chromium.browser, {
    accountId: otherAccount().accountId,
  });
  await waitForCache(chromium.browser);
  await primer.page.close();
  for (const account of [sim.largeAccount, otherAccount()]) {
    const records = (['campaign', 'adset', 'ad'] as const).flatMap((level) =>
      visible(account, level)
        .filter((_entity, index) => index % 5 === 0)
        .flatMap((entity, index) => {
          const count = 1 + (index % 2);
          seeded.set(entity.id, count);
          return Array.from({ length: count }, () =>
            findingRecord({ entity, severity: 'warning', score: 0.8 }),
          );
        }),
    );
    await putCacheRecords(chromium.browser, 'findings', records);
    const named = (['campaign', 'adset', 'ad'] as const).flatMap((level) =>
      sim.world.entities(account.accountId, level).map((entity) => entityRecord(account, entity)),
    );
    await putCacheRecords(chromium.browser, 'entities', named);
  }
}

/** Name → id where the name is unique in its account and level (null when shared). */
function namesOf(account: SimAccount, level: Level): Record<string, string | null> {
  const byName: Record<string, string | null> = {};
  for (const entity of sim.world.entities(account.accountId, level)) {
    const key = entity.name.normalize('NFC').replace(/\s+/g, ' ').trim();
    byName[key] = key in byName ? null : entity.id;
  }
  return byName;
}

function expected(account: SimAccount, level: Level) {
  const counts: Record<string, number> = {};
  for (const entity of sim.world.entities(account.accountId, level)) {
    const count = seeded.get(entity.id);
    if (count) counts[entity.id] = count;
  }
  return { counts, names: namesOf(account, level) };
}

/**
 * Waits until every body row in the DOM (the simulator's rows: `[data-tooltip-content]` names)
 * carries a badge exactly when its entity has findings, in its name cell; returns rows and badges.
 */
async function expectBadges(page: Page, want: ReturnType<typeof expected>, byName: boolean) {
  const handle = await page
    .waitForFunction(
      ({ counts, names }, withoutIds) => {
        if (document.querySelector('[role="table"][aria-busy="true"]')) return false;
        const problems: string[] = [];
        let badged = 0;
        const tooltips = [...document.querySelectorAll('[role="table"] [data-tooltip-content]')];
        if (tooltips.length === 0) return false;
        for (const tooltip of tooltips) {
          const row = tooltip.closest('[role="presentation"]')!;
          const wrapper = row.parentElement!;
          const name = (tooltip.getAttribute('data-tooltip-content') ?? '')
            .normalize('NFC')
            .replace(/\s+/g, ' ')
            .trim();
          const id = withoutIds
            ? names[name]
            : /table_row:(\d+)unit$/.exec(wrapper.getAttribute('data-surface') ?? '')?.[1];
          const want = id ? counts[id] : undefined;
          const hosts = row.querySelectorAll('adlens-badge');
          const host = [...hosts].find(
            (candidate) => (candidate as HTMLElement).style.display !== 'none',
          );
          if (hosts.length > 1) problems.push(`${name}: ${hosts.length} badges`);
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
          if (badge.textContent !== String(want)) problems.push(`${name}: count`);
          const cell = tooltip.closest('._4lg0')!.getBoundingClientRect();
          const box = host.getBoundingClientRect();
          const inside =
            box.left >= cell.left &&
            box.right <= cell.right &&
            box.top >= cell.top &&
            box.bottom <= cell.bottom;
          if (!inside) problems.push(`${name}: badge outside its name cell`);
        }
        return problems.length === 0 ? { rows: tooltips.length, badged } : false;
      },
      { timeout: 15_000, polling: 100 },
      want,
      byName,
    )
    .catch((error: unknown) => {
      throw new Error('Badges never matched the findings', { cause: error });
    });
  return (await handle.jsonValue()) as { rows: number; badged: number };
}

/** Scrolls the table with the mouse wheel, as a user does; the page's scrollTop stays 0. */
/**
 * The corner panel's row counts, once it says `badged` rows have a badge: read from the counts'
 * attributes, as the sentence is in the page's language.
 */
async function recognitionCounts(page: Page, badged: number) {
  const selector = 'adlens-panel >>> [data-testid="recognition-counts"]';
  const deadline = Date.now() + 15_000;
  for (;;) {
    const element = await page.$(selector);
    const counts = await element?.evaluate((node) => ({
      seen: Number(node.getAttribute('data-seen')),
      badged: Number(node.getAttribute('data-badged')),
      text: node.textContent ?? '',
    }));
    if (counts?.badged === badged) return counts;
    if (Date.now() > deadline) {
      throw new Error(`The panel never counted ${badged} badged; last: ${JSON.stringify(counts)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function wheel(page: Page, rows: number): Promise<void> {
  const box = await (await page.$('[role="table"]'))!.boundingBox();
  await page.mouse.move(box!.x + 200, box!.y + box!.height / 2);
  await page.mouse.wheel({ deltaY: rows * 46 });
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

async function open(
  variant: PageVariant,
  tab: 'campaigns' | 'adsets' | 'ads' = 'campaigns',
  locale: PageLocale = 'en',
): Promise<AdsManagerTab> {
  sim.control.page.variant = variant;
  sim.control.page.locale = locale;
  const adsManager = await AdsManagerTab.open(chromium.browser, {
    accountId: sim.largeAccount.accountId,
    tab,
  });
  adsManager.page.on('pageerror', (error) => pageErrors.push(String(error)));
  await adsManager.waitForTableRows();
  return adsManager;
}

beforeAll(async () => {
  adlens = await launchAdlens();
  ({ sim, chromium } = adlens);
  await seedCache();
}, 120_000);

afterAll(async () => {
  sim.control.page.variant = 'evidence';
  sim.control.page.locale = 'en';
  await adlens?.close();
});

const VARIANTS = [
  ['evidence', 'en'],
  ['evidence-recycled', 'de'],
  ['evidence-no-ids', 'zh'],
] as const;

describe.each(VARIANTS)('the %s page (%s)', (variant, locale) => {
  const byName = variant === 'evidence-no-ids';

  it('badges exactly the rows with findings on each tab, through wheel scrolling', async () => {
    let total = 0;
    for (const [tab, level] of [
      ['campaigns', 'campaign'],
      ['adsets', 'adset'],
      ['ads', 'ad'],
    ] as const) {
      const adsManager = await open(variant, tab, locale);
      const want = expected(sim.largeAccount, level);
      let badged = 0;
      for (let step = 0; step < 6; step++) {
        badged += (await expectBadges(adsManager.page, want, byName)).badged;
        await wheel(adsManager.page, 9);
      }
      total += badged;
      // Without ids many campaigns share their names: those rows rightly stay bare.
      if (!byName) expect(badged, `${tab}`).toBeGreaterThan(3);
      expect(
        await adsManager.page.evaluate(() =>
          [...document.querySelectorAll('*')].every((element) => element.scrollTop === 0),
        ),
      ).toBe(true);
      await adsManager.page.close();
    }
    expect(total).toBeGreaterThan(10);
    expect(pageErrors).toEqual([]);
  });

  it('follows a tab, a date and an account change', async () => {
    const adsManager = await open(variant, 'campaigns', locale);
    const { page } = adsManager;
    await page.locator('[role="tab"]:nth-child(2)').click();
    await page.waitForFunction(() => location.pathname.endsWith('/adsets'));
    await expectBadges(page, expected(sim.largeAccount, 'adset'), byName);
    await page.locator('[data-surface="/am/table/stats_range"] button').click();
    await page.locator('[data-preset="last_7d"]').click();
    await page.waitForFunction(() => location.search.includes('last_7d'));
    await expectBadges(page, expected(sim.largeAccount, 'adset'), byName);
    await wheel(page, 30);
    await expectBadges(page, expected(sim.largeAccount, 'adset'), byName);
    const other = otherAccount();
    await page.locator('button[aria-haspopup="listbox"]').click();
    await page.locator(`[role="option"] ::-p-text(${other.name})`).click();
    await page.waitForFunction(
      (act) => location.search.includes(`act=${act}`),
      {},
      other.accountId,
    );
    await expectBadges(page, expected(other, 'adset'), byName);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('counts in the corner panel, and its layout report holds no name, number or id', async () => {
    const adsManager = await open(variant, 'campaigns', locale);
    const { page } = adsManager;
    const { rows, badged } = await expectBadges(
      page,
      expected(sim.largeAccount, 'campaign'),
      byName,
    );
    const counts = await recognitionCounts(page, badged);
    expect(counts.seen).toBe(rows);
    // Said in the page's language.
    const seen = { en: `${rows} seen`, de: `${rows} gesehen`, zh: `已看到 ${rows}` }[locale];
    expect(counts.text).toContain(seen);
    await page.locator('adlens-panel >>> [data-testid="copy-layout-report"]').click();
    const report = await adsManager.panelText('layout-report', 'Adlens layout report');
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('[role="table"] [data-tooltip-content]')].map((element) => ({
        name: element.getAttribute('data-tooltip-content') ?? '',
        surface: element.closest('[data-surface]')?.getAttribute('data-surface') ?? '',
      })),
    );
    for (const { name, surface } of shown) {
      expect(report).not.toContain(name);
      const id = /table_row:(\d+)unit/.exec(surface)?.[1];
      if (id) expect(report).not.toContain(id);
    }
    expect(report).not.toContain(sim.largeAccount.accountId);
    // Only the report's own header counts rows; the page's structure has no number at all.
    const structure = report
      .split('\n')
      .filter((line) => !/^(Adlens layout report|rows found by|\(\d+ more rows)/.test(line));
    expect(structure.join('\n')).not.toMatch(/\d{2,}|[$€¥]/);
    expect(report).toContain(byName ? 'rows found by tooltip' : 'rows found by surface');
    await page.close();
  });
});

describe('when recognition fails', () => {
  it('says in the corner panel that it cannot find the rows, and counts none', async () => {
    const adsManager = await open('unmarked-rows');
    expect(await adsManager.panelText('recognition-problem')).toBe(
      'Adlens can’t find the table rows on this page.',
    );
    expect((await recognitionCounts(adsManager.page, 0)).seen).toBe(0);
    await adsManager.page.close();
  });
});
