// @vitest-environment happy-dom
import { message } from '@/lib/anomaly/format';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { insightPanel } from '@/entrypoints/ads-manager.content/features/insight-panel';
import { requestInsightPanel } from '@/entrypoints/ads-manager.content/panel-requests';
import { englishFinding, useEnglishCatalogue } from '@/tests/unit/components/catalogue';

beforeEach(useEnglishCatalogue);

const page = (act: string) =>
  new URL(`https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${act}`);

const accounts: Record<string, { name: string; currency: string }> = {
  act_1: { name: 'First <b>shop</b>', currency: 'EUR' },
  act_2: { name: 'Second shop', currency: 'JPY' },
};

function reply(message: unknown): unknown {
  const { accountId } = (message as { payload: { accountId: string } }).payload;
  const account = accounts[accountId];
  return {
    ok: true,
    data: { account: account ? { accountId, timezoneName: 'UTC', ...account } : null },
  };
}

const NOT_CONNECTED = { ok: false, error: { code: 'not-connected', message: 'Connect first.' } };

/** A stand-in background, answering Chrome-style as the fake browser expects. */
function answerAccounts(connected = true) {
  fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    sendResponse(connected ? reply(message) : NOT_CONNECTED);
    return true;
  });
}

function panel() {
  return document.querySelector('adlens-panel')?.shadowRoot ?? undefined;
}

function panelText(testId: string): string | undefined {
  return panel()?.querySelector(`[data-testid="${testId}"]`)?.textContent ?? undefined;
}

async function expectPanelText(testId: string, expected: string | RegExp): Promise<void> {
  await vi.waitFor(() => expect(panelText(testId)).toMatch(expected));
}

let controller = new AbortController();

function start(url: URL) {
  controller.abort();
  controller = new AbortController();
  if (insightPanel.include(url)) void insightPanel.init(controller.signal, url);
}

afterEach(() => {
  // The panel stays open across a feature's runs (navigations): close it as a user would, or the
  // next test starts with this one's panel already open.
  panel()?.querySelector<HTMLButtonElement>('[data-testid="insight-close"]')?.click();
  controller.abort();
  document.body.replaceChildren();
  fakeBrowser.reset();
});

describe('insight-panel feature', () => {
  it('includes Ads Manager table pages only', () => {
    expect(insightPanel.include(page('1'))).toBe(true);
    expect(insightPanel.include(new URL('https://adsmanager.facebook.com/adsmanager/'))).toBe(
      false,
    );
  });

  it("shows the URL's account and follows a change of act= without reload", async () => {
    answerAccounts();
    start(page('1'));
    await expectPanelText('account-name', 'First <b>shop</b>');
    expect(panelText('account-currency')).toBe('EUR');

    start(page('2'));
    await expectPanelText('account-name', 'Second shop');
    expect(panelText('account-currency')).toBe('JPY');
    expect(document.querySelectorAll('adlens-panel')).toHaveLength(1);
  });

  it('says when the account is unknown', async () => {
    answerAccounts();
    start(page('3'));
    await expectPanelText('panel-message', /act_3 is not among/);
  });

  it('asks to connect when Adlens is not connected', async () => {
    answerAccounts(false);
    start(page('4'));
    await expectPanelText('panel-message', /Connect Adlens in its options/);
  });

  it('is removed when its run is torn down', async () => {
    answerAccounts();
    start(page('1'));
    await expectPanelText('account-name', 'First <b>shop</b>');
    controller.abort();
    expect(document.querySelector('adlens-panel')).toBeNull();
  });
});

const HOSTILE = '<img src=x onerror="alert(1)">Sale';
const SENTENCE = message(
  'findingSpendSpike',
  { type: 'money', value: 150_000, currency: 'EUR' },
  { type: 'date', value: '2026-10-10' },
  { type: 'decimal', value: 3 },
  { type: 'money', value: 50_000, currency: 'EUR' },
);

/** What the background answers for `insight.get`: a campaign with a hostile name. */
function insightAnswer(request: { accountId: string; since: string; until: string }) {
  const metric = (name: string, current: number | null, previous: number | null) => ({
    metric: name,
    current,
    previous,
  });
  return {
    accountId: request.accountId,
    currency: 'EUR',
    subject: { level: 'campaign', entityId: '77', name: HOSTILE },
    range: { since: request.since, until: request.until },
    previous: { since: '2026-10-01', until: '2026-10-07' },
    covered: { current: true, previous: true },
    kpis: [metric('spend', 123_456, 100_000), metric('cpa', null, 2_000)],
    trends: [],
    findings: [
      {
        severity: 'critical',
        subject: HOSTILE,
        sentence: SENTENCE,
        nextStep: message('findingSpendSpikeNext'),
        startDate: '2026-10-10',
        findingId: 'spend_spike:120001:2026-10-10',
        explainable: true,
      },
    ],
    changes: [],
    freshness: {
      lastSyncAt: Date.now() - 12 * 60_000,
      syncing: false,
      problem: null,
      refreshStarted: false,
    },
  };
}

function answerEverything() {
  fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const { command, payload } = message as {
      command: string;
      payload: { accountId: string; since: string; until: string };
    };
    if (command === 'accounts.get') sendResponse(reply(message));
    else if (command === 'sync.status') sendResponse({ ok: true, data: { accounts: [] } });
    else if (command === 'insight.get') sendResponse({ ok: true, data: insightAnswer(payload) });
    return true;
  });
}

const target = { accountId: 'act_1', level: 'campaign', entityId: '77' } as const;

describe('insight panel', () => {
  it('opens on request with the page range, KPIs in the account currency and hostile names as text', async () => {
    answerEverything();
    start(
      new URL(
        'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1&date=2026-10-08_2026-10-14',
      ),
    );
    await expectPanelText('account-name', 'First <b>shop</b>');
    requestInsightPanel(target);
    await expectPanelText('insight-subject', HOSTILE);
    expect(panel()?.querySelector('img')).toBeNull();
    const spend = panel()?.querySelector('[data-testid="insight-kpi"][data-metric="spend"]');
    const cells = [...(spend?.querySelectorAll('td') ?? [])].map((cell) => cell.textContent);
    expect(cells).toEqual([
      new Intl.NumberFormat(navigator.language, { style: 'currency', currency: 'EUR' }).format(
        1234.56,
      ),
      new Intl.NumberFormat(navigator.language, { style: 'currency', currency: 'EUR' }).format(
        1000,
      ),
      '+23.5%',
    ]);
    expect(panelText('insight-period')).toMatch(/2026/);
    expect(panelText('insight-freshness')).toBe('Synced 12 minutes ago');
    expect(panelText('insight-finding')).toContain(englishFinding(SENTENCE));
    expect(panelText('insight-finding')).toContain(
      'Spent €1,500 on Oct 10, 3.0x its usual €500 a day.',
    );
  });

  it('moves focus in, and Escape closes it and gives focus back', async () => {
    answerEverything();
    start(page('1'));
    await expectPanelText('account-name', 'First <b>shop</b>');
    expect(
      panel()?.querySelector('[role="dialog"]'),
      'a panel was open before Insights',
    ).toBeNull();
    const opener = panel()?.querySelector<HTMLButtonElement>('[data-testid="open-insights"]');
    opener?.focus();
    opener?.click();
    await expectPanelText('insight-subject', HOSTILE);
    expect(panel()?.activeElement?.getAttribute('data-testid')).toBe('insight-close');
    const dialog = panel()?.querySelector('[role="dialog"]');
    dialog?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(panel()?.querySelector('[role="dialog"]')).toBeNull());
    expect(panel()?.activeElement?.getAttribute('data-testid')).toBe('open-insights');
  });

  it('still opens when the background cannot be reached, and says so', async () => {
    start(page('5'));
    await expectPanelText('panel-message', /could not reach its background/);
    requestInsightPanel({ accountId: 'act_5', level: 'account', entityId: null });
    await expectPanelText('insight-message', /could not reach its background/);
  });
});
