import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_MESSAGE_KEYS } from '@/lib/schema/finding-message';
import { previousPeriod } from '@/lib/util/dates';
import type { RunningSimulator } from '../sim/start';
import type { SimAccount } from '../sim/world/types';
import { seriousViolations, tabWalk } from '../support/e2e/axe';
import { EXTENSION_ORIGIN, openExtensionPage, type AdlensBrowser } from '../support/e2e/browser';
import { startConnectedAdlens, type ConnectedAdlens } from '../support/e2e/fixture';
import { AdsManagerTab, type OptionsPage } from '../support/e2e/pages';
import { chooseSnapshotSubject, SnapshotViewer } from '../support/e2e/snapshot-viewer';
import { SyncSection } from '../support/e2e/sync';

/**
 * Adlens in German (Chromium started with --lang=de) after a real connect and sync of the EUR
 * account: every surface speaks it, numbers and money are German, and axe-core (WCAG 2.1 A/AA)
 * finds no serious or critical violation on the options page, popup, snapshot viewer, the corner
 * panel, the badges and the open insight panel, light and dark; each surface is walked with the
 * keyboard alone. An Ads Manager page in Chinese gets the overlay in Chinese, whatever the browser's
 * language. Screenshots of the panel in both languages, and of the German viewer's facts, go to
 * demo-output/ for the README.
 */
let adlens: ConnectedAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;
let options: OptionsPage;
let account: SimAccount;
const SHOTS = path.resolve(import.meta.dirname, '../../demo-output');

const PANEL_HOST = 'adlens-panel';
const BADGE_HOST = 'adlens-badge';

beforeAll(async () => {
  adlens = await startConnectedAdlens({
    simulator: { withoutLargeAccount: true },
    lang: 'de',
    connectedStatus: 'Verbunden als Demo Media Buyer',
  });
  ({ sim, chromium, options } = adlens);
  account = sim.world.accounts.find((candidate) => candidate.currency === 'EUR')!;
  await new SyncSection(options.page).sync(`act_${account.accountId}`);
  mkdirSync(SHOTS, { recursive: true });
}, 240_000);

afterAll(() => adlens?.close());

async function inBothThemes(page: Page, check: () => Promise<void>): Promise<void> {
  for (const value of ['light', 'dark'] as const) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value }]);
    await check();
  }
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
}

/**
 * Each finding message of a catalogue as a pattern of what a reader sees: its words as they are,
 * a placeholder or a plural any text.
 */
function findingPatterns(folder: string): RegExp[] {
  const catalogue = JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, `../../public/_locales/${folder}/messages.json`),
      'utf8',
    ),
  ) as Record<string, { message: string }>;
  return FINDING_MESSAGE_KEYS.map((key) => {
    const parts = catalogue[key]!.message.split(/\{\$\d, plural,(?:[^{}]|\{[^{}]*\})*\}|\$\d/);
    return new RegExp(
      `^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`,
    );
  });
}

async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** "03.05.2026": an account day as a German reader writes it, formatted here, not by Adlens. */
const GERMAN_DAY = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' });
const germanDay = (date: string) => GERMAN_DAY.format(new Date(`${date}T00:00:00Z`));
/** Intl puts no-break spaces between a number and its unit; the expectations use spaces. */
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** Creates a snapshot of the whole account in the options page; the viewer tab it opens. */
async function createSnapshot(): Promise<{ viewer: SnapshotViewer; since: string; until: string }> {
  const page = options.page;
  await page.bringToFront();
  // The form offers the days the account has synced: read afresh, now that it has.
  await page.reload({ waitUntil: 'domcontentloaded' });
  const accountId = `act_${account.accountId}`;
  const { since, until } = await chooseSnapshotSubject(page, accountId, '');
  const opened = chromium.browser.waitForTarget((target) =>
    target.url().startsWith(`${EXTENSION_ORIGIN}/snapshot-viewer.html`),
  );
  await page.locator('[data-testid="snapshot-create"]').click();
  const viewer = new SnapshotViewer((await (await opened).page())!);
  await viewer.page.waitForSelector('[data-testid="snapshot-facts"]');
  return { viewer, since, until };
}

/** The label and value of each line of a fact list, as the page shows them. */
async function factsOf(page: Page, testId: string): Promise<Record<string, string>> {
  const pairs = await page.$$eval(`[data-testid="${testId}"] > div`, (lines) =>
    lines.map((line) => [
      line.querySelector('dt')?.textContent ?? '',
      line.querySelector('dd')?.textContent ?? '',
    ]),
  );
  return Object.fromEntries(pairs.map(([label = '', value = '']) => [label, spaced(value)]));
}

describe('extension pages in the browser’s language', () => {
  it('the options page is German, its numbers too', async () => {
    const text = await bodyText(options.page);
    expect(text).toContain('Was Adlens abruft');
    expect(text).toContain('Jetzt synchronisieren');
    expect(text).not.toContain('What Adlens fetches');
    const synced = await new SyncSection(options.page).waitFor(
      `act_${account.accountId}`,
      'synced',
    );
    // "Synchronisiert vor 1 Minute · 12.345 Zeilen.": German words and thousands separators.
    expect(synced).toMatch(/^Synchronisiert .+ · [\d.]+ Zeilen\.$/);
  });

  it('the snapshot viewer is German: its facts, dates, numbers, plurals, errors and exports', async () => {
    const { viewer, since, until } = await createSnapshot();
    const before = previousPeriod({ since, until });
    const days = (Date.parse(until) - Date.parse(since)) / 86_400_000 + 1;
    const facts = await factsOf(viewer.page, 'snapshot-facts');
    expect(Object.keys(facts)).toEqual([
      'Zeitraum',
      'Betrifft',
      'Objekte',
      'Namen',
      'IDs',
      'Geldbeträge',
      'KPIs',
      'Tägliche Verläufe',
      'Befunde',
      'Sonst nichts',
    ]);
    expect(facts['Zeitraum']).toBe(
      `${germanDay(since)} – ${germanDay(until)}, im Vergleich zu ${germanDay(before.since)} – ${germanDay(before.until)} (je ${days} Tage)`,
    );
    expect(facts['Betrifft']).toBe(account.name);
    // The account and its campaigns, each count with its German plural.
    expect(facts['Objekte']).toMatch(/^1 Werbekonto und (1 Kampagne|\d+ Kampagnen)$/);
    expect(facts['Geldbeträge']).toBe('Beträge in EUR');
    expect(facts['KPIs']).toMatch(
      /^Ausgegebener Betrag, Impressionen, .+ dieser und der vorherige Zeitraum$/,
    );
    expect(facts['Befunde']).toMatch(/^(Keine|1 Befund|\d+ Befunde) ?/);
    expect(await viewer.text('snapshot-period')).toBe(
      `${germanDay(since)} – ${germanDay(until)}, im Vergleich zu ${germanDay(before.since)} – ${germanDay(before.until)}`,
    );
    await (await viewer.page.$('[data-testid="snapshot-facts"]'))!.screenshot({
      path: path.join(SHOTS, 'snapshot-facts-de.png'),
    });
    const spend = await viewer.page.$eval(
      '[data-testid="snapshot-kpi"][data-metric="spend"] td',
      (cell) => cell.textContent ?? '',
    );
    expect(spaced(spend)).toMatch(/^[\d.]+,\d\d €$/);

    // Saved until a date written the German way, never ISO; the saved list says it too.
    await viewer.page.locator('[data-testid="snapshot-save"]').click();
    await viewer.page.waitForSelector('[data-testid="saved-snapshot"]');
    expect(await viewer.text('snapshot-status')).toMatch(
      /^In diesem Browser gespeichert bis \d{2}\.\d{2}\.\d{4}\.$/,
    );
    expect(await viewer.text('saved-snapshot')).toMatch(
      /Gespeichert am \d{2}\.\d{2}\.\d{4}, aufbewahrt bis \d{2}\.\d{2}\.\d{4}\./,
    );

    // The Markdown summary is written in German, money German too.
    await viewer.page.locator('[data-testid="export-markdown"]').click();
    const markdown = spaced(
      await viewer.page.$eval(
        '[data-testid="share-output"]',
        (output) => (output as HTMLTextAreaElement).value,
      ),
    );
    expect(markdown).toMatch(/^\*\*Adlens-Snapshot: /);
    expect(markdown).toContain(
      '| Kennzahl | Dieser Zeitraum | Vorheriger Zeitraum | Veränderung |',
    );
    expect(markdown).toMatch(/\n\| Ausgegebener Betrag \(Index\) \| [\d.]+,\d \| 100,0 \| /);

    // A weak passphrase is refused with the rule in German; a bad link in German too.
    await viewer.page.locator('[data-testid="share-passphrase-input"]').fill('abc');
    await viewer.page.locator('[data-testid="export-link"]').click();
    expect(await viewer.text('share-link-error')).toBe(
      'Verwende eine Passphrase mit mindestens 12 Zeichen, davon mindestens 6 verschiedene, zum Beispiel vier Wörter ohne Zusammenhang.',
    );
    await viewer.pasteLink('https://example.com/not-a-snapshot');
    expect(await viewer.errorText()).toBe('Das ist kein Adlens-Snapshot-Link.');
    await viewer.page.close();
  });

  it('options, popup and snapshot viewer have no serious or critical axe violation, light or dark', async () => {
    const popup = await openExtensionPage(chromium.browser, 'popup.html');
    await popup.waitForSelector('[data-testid="connection-status"]');
    expect(await bodyText(popup)).toContain('Adlens-Optionen öffnen');
    const viewer = await SnapshotViewer.open(chromium.browser);
    for (const page of [options.page, popup, viewer.page]) {
      await inBothThemes(page, async () => expect(await seriousViolations(page)).toEqual([]));
    }
    await popup.close();
    await viewer.page.close();
  });

  it('every control of the options page, popup and viewer is reached with Tab alone', async () => {
    const popup = await openExtensionPage(chromium.browser, 'popup.html');
    await popup.waitForSelector('[data-testid="connection-status"]');
    const viewer = await SnapshotViewer.open(chromium.browser);
    for (const page of [options.page, popup, viewer.page]) {
      const walk = await tabWalk(page);
      expect(walk.missed).toEqual([]);
      expect(walk.reached).toBeGreaterThan(0);
    }
    await popup.close();
    await viewer.page.close();
  });
});

describe('the overlay in the page’s language', () => {
  let tab: AdsManagerTab;

  beforeAll(async () => {
    tab = await AdsManagerTab.open(chromium.browser, { accountId: account.accountId });
    await tab.waitForTableRows();
  }, 60_000);

  it('the corner panel speaks German and passes axe, light and dark', async () => {
    expect(await tab.page.evaluate(() => document.documentElement.lang)).toBe('de');
    await tab.openPanel();
    expect(await tab.panelText('open-insights')).toBe('Insights');
    const facts = await tab.panelText('adlens-panel', 'Währung');
    expect(facts).toContain('Zeitzone');
    await inBothThemes(tab.page, async () =>
      expect(await seriousViolations(tab.page, [PANEL_HOST])).toEqual([]),
    );
  });

  it('badges are announced in German and pass axe (contrast included)', async () => {
    await tab.page.waitForSelector(`${BADGE_HOST} >>> [data-testid="adlens-badge"]`, {
      timeout: 30_000,
    });
    const labels = await tab.page.$$eval(BADGE_HOST, (hosts) =>
      hosts.map((host) => host.shadowRoot?.querySelector('button')?.getAttribute('aria-label')),
    );
    for (const label of labels) {
      expect(label).toMatch(
        /^Adlens: \d+ Befunde?, (kritisch|Warnung|einen Blick wert)\. Insights öffnen$/,
      );
    }
    await inBothThemes(tab.page, async () =>
      expect(await seriousViolations(tab.page, [BADGE_HOST])).toEqual([]),
    );
  });

  it('a badge is reached with Tab alone, Enter opens its insight panel, Escape closes it and focus returns to the badge', async () => {
    const { page } = tab;
    await page.waitForSelector(`${BADGE_HOST} >>> [data-testid="adlens-badge"]`, {
      timeout: 30_000,
    });
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    const onBadge = () =>
      page.evaluate((host) => document.activeElement?.tagName.toLowerCase() === host, BADGE_HOST);
    let reached = false;
    for (let step = 0; step < 400 && !reached; step++) {
      await page.keyboard.press('Tab');
      reached = await onBadge();
    }
    expect(reached, 'no badge is reached with Tab').toBe(true);
    const label = await page.evaluate(
      () => document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label') ?? '',
    );
    expect(label).toMatch(/^Adlens: \d+ Befunde?/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (host) => {
        const panel = document
          .querySelector(host)
          ?.shadowRoot?.querySelector('[data-testid="insight-panel"]');
        const state = panel?.getAttribute('data-state');
        return Boolean(state) && state !== 'loading';
      },
      { timeout: 30_000 },
      PANEL_HOST,
    );
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      (host) =>
        !document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="insight-panel"]'),
      {},
      PANEL_HOST,
    );
    expect(await onBadge(), 'focus did not return to the badge').toBe(true);
    expect(
      await page.evaluate(
        () => document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label') ?? '',
      ),
    ).toBe(label);
  });

  it('the open insight panel is German, money and numbers German, and passes axe', async () => {
    await tab.openInsightPanel();
    const text = await tab.panelText('insight-panel', 'Ausgegebener Betrag');
    expect(text).toContain('Befunde');
    expect(text).toContain('Dieser Zeitraum im Vergleich zum vorherigen');
    const spend = await tab.page.$eval(
      `${PANEL_HOST} >>> [data-testid="insight-kpi"][data-metric="spend"] td`,
      (cell) => cell.textContent ?? '',
    );
    // German money: comma decimals, the euro sign after the amount.
    expect(spend).toMatch(/^[\d.]+,\d\d\s€$/);
    // The engine's findings from the sync, told in German: each sentence and next step is one of
    // the German catalogue's finding messages, none of the English ones, its money German too.
    const findings = await tab.page.$$eval(
      `${PANEL_HOST} >>> [data-testid="insight-finding"]`,
      (items) =>
        items.map((item) => [...item.querySelectorAll('p')].map((p) => p.textContent ?? '')),
    );
    expect(findings.length).toBeGreaterThan(0);
    const german = findingPatterns('de');
    const english = findingPatterns('en');
    for (const [, sentence = '', nextStep = ''] of findings) {
      const step = nextStep.replace(/^Nächster Schritt: /, '');
      for (const text of [sentence, step]) {
        expect(
          german.some((pattern) => pattern.test(text)),
          text,
        ).toBe(true);
        expect(
          english.some((pattern) => pattern.test(text)),
          text,
        ).toBe(false);
        expect(text).not.toMatch(/€\s?\d/);
      }
    }
    await inBothThemes(tab.page, async () =>
      expect(await seriousViolations(tab.page, [PANEL_HOST])).toEqual([]),
    );
    await tab.insightPanelScreenshot(path.join(SHOTS, 'insight-panel-de.png'));
  });

  it('a Chinese Ads Manager page gets the overlay in Chinese while the browser stays German', async () => {
    const page = await chromium.browser.newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'zh-CN' });
    const chinese = await AdsManagerTab.attach(page, { accountId: account.accountId });
    await chinese.waitForTableRows();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await chinese.openPanel();
    expect(await chinese.panelText('open-insights')).toBe('洞察');
    await chinese.openInsightPanel();
    const text = await chinese.panelText('insight-panel', '花费金额');
    expect(text).toContain('本期与上一期对比');
    await inBothThemes(page, async () =>
      expect(await seriousViolations(page, [PANEL_HOST])).toEqual([]),
    );
    await chinese.insightPanelScreenshot(path.join(SHOTS, 'insight-panel-zh.png'));
    await page.close();
  });
});
