// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { insightPanel } from '@/entrypoints/ads-manager.content/features/insight-panel';

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
