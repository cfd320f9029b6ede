import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKpi, formatMoney } from '@/lib/insight/format';
import { addDays } from '@/lib/util/dates';
import type { RunningSimulator } from '../sim/start';
import type { SimAccount, SimEntity } from '../sim/world/types';
import type { AdlensBrowser } from '../support/e2e/browser';
import { startConnectedAdlens, type ConnectedAdlens } from '../support/e2e/fixture';
import { AdsManagerTab, type OptionsPage } from '../support/e2e/pages';
import { SyncSection } from '../support/e2e/sync';
import { worldTotals } from '../support/world-totals';

/**
 * The insight panel in the simulated Ads Manager, production build in Chromium, after a real sync
 * of the EUR account: its KPIs equal the simulator's own totals for the page's date range, to the
 * cent, for the account and for one campaign; it follows a date change in the page, shows the
 * engine's finding on the planted spike, names hostile text as text, keeps the keyboard to itself,
 * and still answers from the cache once Meta rejects the token.
 */
let adlens: ConnectedAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;
let options: OptionsPage;
let account: SimAccount;
let today: string;
const pageErrors: string[] = [];
const dialogs: string[] = [];

const PANEL = 'adlens-panel >>>';

beforeAll(async () => {
  adlens = await startConnectedAdlens({
    simulator: { withoutLargeAccount: true },
    // Its ranges are written as inclusive `date=` ends: the simulator's earlier page variant. The
    // evidence-based page (exclusive ends) is covered by ads-manager-evidence.e2e.ts.
    configure: (simulator) => {
      simulator.control.page.variant = 'data-surface';
    },
  });
  ({ sim, chromium, options } = adlens);
  account = sim.world.accounts.find((candidate) => candidate.currency === 'EUR')!;
  today = sim.world.today(account.accountId);
  await new SyncSection(options.page).sync(`act_${account.accountId}`);
}, 240_000);

afterAll(() => adlens?.close());

async function openTab(params: Record<string, string>): Promise<AdsManagerTab> {
  const { date, ...others } = params;
  const tab = await AdsManagerTab.open(chromium.browser, {
    accountId: account.accountId,
    ...(date === undefined ? {} : { date }),
    params: others,
  });
  tab.page.on('pageerror', (error) => pageErrors.push(String(error)));
  tab.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return tab;
}

/** This period's and the previous period's text of one KPI row. */
async function kpi(page: Page, metric: string): Promise<{ current: string; previous: string }> {
  const row = await page.waitForSelector(
    `${PANEL} [data-testid="insight-kpi"][data-metric="${metric}"]`,
  );
  const cells = (await row!.$$eval('td', (tds) => tds.map((td) => td.textContent ?? ''))) as [
    string,
    string,
  ];
  return { current: cells[0], previous: cells[1] };
}

/** Waits until a KPI shows `expected` for this period (the panel refetches after a change). */
async function waitForKpi(
  page: Page,
  metric: string,
  expected: string,
  timeout = 15_000,
): Promise<void> {
  await page.waitForFunction(
    (selector, wanted) =>
      document
        .querySelector('adlens-panel')
        ?.shadowRoot?.querySelector(selector)
        ?.querySelector('td')?.textContent === wanted,
    { timeout },
    `[data-testid="insight-kpi"][data-metric="${metric}"]`,
    expected,
  );
}

function entityTotals(entity: SimEntity, since: string, until: string) {
  return sim.world.daily(entity.id, since, until).reduce(
    (sum, day) => ({
      spend: sum.spend + day.spendMinor,
      impressions: sum.impressions + day.impressions,
    }),
    { spend: 0, impressions: 0 },
  );
}

const range = (days: number) => ({ since: addDays(today, -days), until: addDays(today, -1) });
const before = ({ since }: { since: string }, days: number) => ({
  since: addDays(since, -days),
  until: addDays(since, -1),
});

describe('KPIs for the page’s date range', () => {
  it('equal the simulator’s totals for the account, to the cent, against the period before', async () => {
    const current = range(14);
    const previous = before(current, 14);
    const tab = await openTab({ date: `${current.since}_${current.until}` });
    await tab.openInsightPanel();
    const locale = await tab.page.evaluate(() => navigator.language);
    const formats = { locale, currency: 'EUR' };
    const now = worldTotals(sim.world, account.accountId, 'campaign', current.since, current.until);
    const then = worldTotals(
      sim.world,
      account.accountId,
      'campaign',
      previous.since,
      previous.until,
    );
    expect(await kpi(tab.page, 'spend')).toEqual({
      current: formatMoney(now.spend, formats),
      previous: formatMoney(then.spend, formats),
    });
    expect((await kpi(tab.page, 'impressions')).current).toBe(
      formatKpi('impressions', now.impressions, formats),
    );
    expect((await kpi(tab.page, 'conversions')).current).toBe(
      formatKpi('conversions', now.purchases, formats),
    );
    expect((await kpi(tab.page, 'conversion_value')).current).toBe(
      formatMoney(now.purchaseValue, formats),
    );
    expect(await tab.panelText('insight-subject')).toBe(account.name);
    expect(await tab.panelText('insight-freshness')).toMatch(/^Synced /);

    // A date change in the page (its own date picker) updates the open panel.
    // With the panel open, as a user would: the picker stays reachable and its menu shows above.
    await tab.page.locator('button[aria-label="Date range"]').click();
    await tab.page.locator('[data-preset="last_7d"]').click();
    await tab.page.waitForFunction(() => location.search.includes('last_7d'));
    const [since, until] = new URL(tab.page.url()).searchParams
      .get('date')!
      .split(',')[0]!
      .split('_') as [string, string];
    const week = worldTotals(sim.world, account.accountId, 'campaign', since, until);
    await waitForKpi(tab.page, 'spend', formatMoney(week.spend, formats));
    expect(week.spend).not.toBe(now.spend);
    expect(await tab.panelText('insight-period')).toContain(
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${since}T00:00:00Z`),
      ),
    );
    await tab.page.close();
  }, 60_000);

  it('equal the simulator’s totals for one selected campaign, with its daily trends', async () => {
    const spike = sim.world.anomalies.find(
      (anomaly) => anomaly.accountId === account.accountId && anomaly.kind === 'spend_spike',
    )!;
    const spiked = sim.world.entity(spike.entityId)!;
    const campaign = sim.world.entity(spiked.campaignId ?? spiked.id)!;
    const current = range(28);
    const tab = await openTab({
      date: `${current.since}_${current.until}`,
      selected_campaign_ids: campaign.id,
    });
    await tab.openInsightPanel();
    const locale = await tab.page.evaluate(() => navigator.language);
    const totals = entityTotals(campaign, current.since, current.until);
    expect(await tab.panelText('insight-subject')).toBe(campaign.name);
    expect((await kpi(tab.page, 'spend')).current).toBe(
      formatMoney(totals.spend, { locale, currency: 'EUR' }),
    );
    const trends = await tab.page.$$eval(`${PANEL} [data-testid="insight-trend"]`, (figures) =>
      figures.map((figure) => figure.getAttribute('data-metric')),
    );
    expect(trends).toEqual(['spend', 'cpm', 'ctr', 'cpa']);
    await tab.page.close();
  }, 60_000);
});

describe('findings and names', () => {
  it('shows the engine’s findings on the planted, ongoing anomalies, with sentence and next step', async () => {
    const tab = await openTab({ date: `${range(28).since}_${range(28).until}` });
    await tab.openInsightPanel();
    const findings = await tab.page.$$eval(`${PANEL} [data-testid="insight-finding"]`, (items) =>
      items.map((item) => ({
        subject: item.querySelector('.finding-subject')?.textContent ?? '',
        text: item.textContent ?? '',
      })),
    );
    const ongoing = sim.world.anomalies.filter(
      (anomaly) => anomaly.accountId === account.accountId && anomaly.endDate === undefined,
    );
    expect(ongoing.length).toBeGreaterThan(0);
    const wording: Record<string, RegExp> = {
      tracking_break: /tracking/i,
      creative_fatigue: /fatigue/i,
      delivery_stop: /deliver/i,
      cpm_surge: /CPM/,
      cpa_jump: /CPA|cost per/i,
      spend_spike: /spend/i,
    };
    for (const anomaly of ongoing) {
      const name = sim.world.entity(anomaly.entityId)!.name;
      const shown = findings.find((finding) => finding.subject === name);
      expect(shown, `${anomaly.kind} on ${name}`).toBeDefined();
      expect(shown!.text).toMatch(wording[anomaly.kind] ?? /./);
      expect(shown!.text).toContain('Next step:');
    }
    await tab.page.close();
  }, 60_000);

  it('shows a name holding HTML or script as text', async () => {
    const hostile = sim.world.hostileNames
      .map((entry) => sim.world.entity(entry.entityId)!)
      .find(
        (entity) =>
          entity.accountId === account.accountId &&
          entity.level === 'campaign' &&
          /<script|<img|onerror/i.test(entity.name),
      )!;
    const tab = await openTab({ selected_campaign_ids: hostile.id });
    await tab.openInsightPanel();
    expect(await tab.panelText('insight-subject')).toBe(hostile.name);
    const injected = await tab.page.$$eval(
      `${PANEL} img, ${PANEL} script, ${PANEL} iframe`,
      (nodes) => nodes.length,
    );
    expect(injected).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await tab.page.close();
  }, 60_000);
});

describe('keyboard', () => {
  it('moves focus in, traps Tab, keeps keys from the page, and Escape returns focus', async () => {
    const tab = await openTab({});
    await tab.page.evaluate(() => {
      (window as unknown as { pageKeys: number }).pageKeys = 0;
      document.addEventListener('keydown', () => {
        (window as unknown as { pageKeys: number }).pageKeys += 1;
      });
    });
    const activeTestId = () =>
      tab.page.evaluate(
        () =>
          document
            .querySelector('adlens-panel')
            ?.shadowRoot?.activeElement?.getAttribute('data-testid') ?? null,
      );
    const insideDialog = () =>
      tab.page.evaluate(() => {
        const root = document.querySelector('adlens-panel')?.shadowRoot;
        const dialog = root?.querySelector('[role="dialog"]');
        return Boolean(dialog && root?.activeElement && dialog.contains(root.activeElement));
      });
    await tab.openInsightPanelByKeyboard();
    expect(await activeTestId()).toBe('insight-close');
    for (let press = 0; press < 6; press++) {
      await tab.page.keyboard.press('Tab');
      expect(await insideDialog()).toBe(true);
    }
    await tab.page.keyboard.down('Shift');
    for (let press = 0; press < 6; press++) {
      await tab.page.keyboard.press('Tab');
      expect(await insideDialog()).toBe(true);
    }
    await tab.page.keyboard.up('Shift');
    expect(
      await tab.page.evaluate(() => (window as unknown as { pageKeys: number }).pageKeys),
    ).toBe(0);
    await tab.page.keyboard.press('Escape');
    await tab.page.waitForFunction(
      () => !document.querySelector('adlens-panel')?.shadowRoot?.querySelector('[role="dialog"]'),
    );
    // Focus moves back once the closed dialog has left the page, a frame or so later.
    await tab.page
      .waitForFunction(
        () =>
          document
            .querySelector('adlens-panel')
            ?.shadowRoot?.activeElement?.getAttribute('data-testid') === 'open-insights',
        { timeout: 5000 },
      )
      .catch(() => undefined);
    expect(await activeTestId()).toBe('open-insights');
    // Keys outside the panel are the page's: Adlens does not look at them.
    await tab.page.locator('button[aria-label="Date range"]').click();
    await tab.page.keyboard.press('Escape');
    expect(
      await tab.page.evaluate(() => (window as unknown as { pageKeys: number }).pageKeys),
    ).toBeGreaterThan(0);
    await tab.page.close();
  }, 60_000);
});

describe('sync', () => {
  it('refreshes the open panel when a sync of the account finishes, and limits Sync now', async () => {
    const current = { since: addDays(today, -6), until: today };
    const tab = await openTab({ date: `${current.since}_${current.until}` });
    await tab.openInsightPanel();
    const locale = await tab.page.evaluate(() => navigator.language);
    const formats = { locale, currency: 'EUR' };
    const spendNow = () =>
      worldTotals(sim.world, account.accountId, 'campaign', current.since, current.until).spend;
    await waitForKpi(tab.page, 'spend', formatMoney(spendNow(), formats));

    // The account synced moments ago: the page may not make Adlens sync it again yet.
    await tab.page.locator('adlens-panel >>> [data-testid="insight-sync-now"]').click();
    expect(await tab.panelText('insight-notice', 'synced a few minutes ago')).toContain('waits');

    // Later the same day today's numbers have grown; a sync from the options page brings them in.
    const before = spendNow();
    sim.clock.advance(3 * 3_600_000);
    expect(spendNow()).toBeGreaterThan(before);
    await options.page.bringToFront();
    await new SyncSection(options.page).sync(`act_${account.accountId}`);
    // Back in Ads Manager (a hidden tab does not poll), the panel catches up on its own.
    await tab.page.bringToFront();
    await waitForKpi(tab.page, 'spend', formatMoney(spendNow(), formats), 60_000);
    await tab.page.close();
  }, 240_000);
});

describe('when Meta rejects the token', () => {
  it('opens from the cache and says so', async () => {
    sim.control.faults.failNext({ path: `/act_${account.accountId}/insights` }, 1, {
      status: 400,
      error: {
        message: 'Error validating access token: Session has expired on Friday, 20-Nov-26.',
        type: 'OAuthException',
        code: 190,
        error_subcode: 463,
      },
    });
    await options.page.bringToFront();
    await new SyncSection(options.page).sync(`act_${account.accountId}`, 'problem', {
      problem: 'reconnect',
    });
    const current = range(14);
    const tab = await openTab({ date: `${current.since}_${current.until}` });
    await tab.openInsightPanel();
    expect(await tab.panelText('insight-notice')).toMatch(/reconnect/i);
    const locale = await tab.page.evaluate(() => navigator.language);
    const now = worldTotals(sim.world, account.accountId, 'campaign', current.since, current.until);
    expect((await kpi(tab.page, 'spend')).current).toBe(
      formatMoney(now.spend, { locale, currency: 'EUR' }),
    );
    await tab.page.close();
  }, 180_000);
});
