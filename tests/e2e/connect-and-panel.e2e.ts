import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../sim/start';
import type { SimAccount } from '../sim/world/types';
import { waitForNewWorker, workerStartTime, type AdlensBrowser } from '../support/e2e/browser';
import { launchAdlens, type RunningAdlens } from '../support/e2e/fixture';
import { AdsManagerTab, BackgroundWorker, OptionsPage } from '../support/e2e/pages';
import { tokenOutsideAuthorization } from '../support/e2e/wire';

/**
 * The vertical slice a user walks through: paste a token in the options page, see the accounts,
 * open Ads Manager and find the Adlens panel naming the account; then disconnect.
 */
let adlens: RunningAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;

beforeAll(async () => {
  adlens = await launchAdlens();
  ({ sim, chromium } = adlens);
});

afterAll(() => adlens?.close());

function accountOf(currency: SimAccount['currency']): SimAccount {
  const account = sim.world.accounts.find((candidate) => candidate.currency === currency);
  if (!account) throw new Error(`The simulated world has no ${currency} account`);
  return account;
}

describe('before connecting', () => {
  it('the Ads Manager panel asks the user to connect, and the page keeps working', async () => {
    const tab = await AdsManagerTab.open(chromium.browser, {
      accountId: accountOf('USD').accountId,
    });
    expect(await tab.panelText('panel-message', 'Connect Adlens')).toContain('options');
    await tab.waitForTableRows();
    await tab.page.close();
  });

  it('a rejected token shows Meta’s reason and stores nothing', async () => {
    const options = await OptionsPage.open(chromium.browser);
    await options.connectWithToken('EAAGnotAValidTokenAtAll123');
    expect(await options.errorText()).toMatch(/token/i);
    const worker = await BackgroundWorker.attach(chromium.browser);
    expect(await worker.storageArea('session')).toEqual({});
    const dump = JSON.stringify(await worker.indexedDbDump());
    expect(dump).not.toContain('EAAGnotAValidTokenAtAll123');
    await options.page.close();
  });

  it('a token without ads_read gets a message naming it, and stores nothing', async () => {
    const options = await OptionsPage.open(chromium.browser);
    const token = sim.control.issueToken({ kind: 'long_lived', scopes: ['public_profile'] });
    await options.connectWithToken(token);
    const error = await options.errorText();
    expect(error).toContain('ads_read');
    expect(error).toContain('Nothing was stored');
    const worker = await BackgroundWorker.attach(chromium.browser);
    expect(await worker.storageArea('session')).toEqual({});
    expect(JSON.stringify(await worker.indexedDbDump())).not.toContain(token);
    await options.page.close();
  });
});

describe('connected with a pasted token', () => {
  let options: OptionsPage;

  beforeAll(async () => {
    options = await OptionsPage.open(chromium.browser);
    await options.connectWithToken(sim.control.demoToken);
    await options.waitForStatus('Connected as Demo Media Buyer');
  });

  it('lists every ad account with its id, currency and time zone', async () => {
    const rows = await options.accountRows();
    expect(rows).toHaveLength(sim.world.accounts.length);
    for (const account of sim.world.accounts) {
      const row = rows.find((text) => text.includes(`act_${account.accountId}`));
      expect(row, account.name).toContain(account.currency);
      expect(row).toContain(account.timezoneName);
    }
  });

  it('shows the granted scopes, the token kind and its expiry from Meta', async () => {
    const scopes = await options.waitForText('connection-scopes', 'business_management');
    expect(scopes).toContain('ads_read');
    const demo = sim.control.tokens.get(sim.control.demoToken)!;
    const year = String(new Date(demo.expiresAt * 1000).getUTCFullYear());
    expect(await options.waitForText('token-expiry', year)).toMatch(/\d{4}, \d{1,2}:\d\d/);
    expect(await options.waitForText('connection-details', 'a pasted token')).toContain(
      'User token',
    );
    const revoke = await options.page.$eval(
      '[data-testid="revoke-checkbox"]',
      (box) => (box as HTMLInputElement).checked,
    );
    expect(revoke).toBe(false);
  });

  it('keeps the token in session storage only: nothing of it on disk by default', async () => {
    const worker = await BackgroundWorker.attach(chromium.browser);
    const token = sim.control.demoToken;
    expect(JSON.stringify(await worker.storageArea('local'))).not.toContain(token);
    expect(JSON.stringify(await worker.storageArea('sync'))).not.toContain(token);
    expect(Object.values(await worker.storageArea('session'))).toContain(token);
    const dump = await worker.indexedDbDump();
    expect(dump['adlens-vault']?.secrets ?? '[]').toBe('[]');
    expect(JSON.stringify(dump)).not.toContain(token);
  });

  it('sent the token to Meta only in the Authorization header', () => {
    const graphCalls = sim.server.wireLog.filter((call) => call.host === 'graph.facebook.com');
    expect(graphCalls.map((call) => call.path)).toEqual(
      expect.arrayContaining(['/v26.0/me', '/v26.0/me/adaccounts']),
    );
    expect(tokenOutsideAuthorization(graphCalls, sim.control.demoToken)).toEqual([]);
  });

  it('shows the account name and currency in Ads Manager, on each Ads Manager host', async () => {
    const usd = accountOf('USD');
    const tab = await AdsManagerTab.open(chromium.browser, { accountId: usd.accountId });
    expect(await tab.panelText('account-name', usd.name)).toBe(usd.name);
    expect(await tab.panelText('account-currency')).toBe('USD');
    await tab.page.close();

    const jpy = accountOf('JPY');
    const business = await AdsManagerTab.open(chromium.browser, {
      host: 'business.facebook.com',
      accountId: jpy.accountId,
      tab: 'ads',
    });
    expect(await business.panelText('account-name', jpy.name)).toBe(jpy.name);
    expect(await business.panelText('account-currency')).toBe('JPY');
    await business.page.close();
  });

  it('follows an account switch in the page without a reload', async () => {
    const [usd, eur] = [accountOf('USD'), accountOf('EUR')];
    const tab = await AdsManagerTab.open(chromium.browser, { accountId: usd.accountId });
    await tab.panelText('account-name', usd.name);
    await tab.page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await tab.page.locator('button[aria-label="Ad account"]').click();
    await tab.page.locator(`[role="option"] ::-p-text(${eur.name})`).click();
    expect(await tab.panelText('account-currency', 'EUR')).toBe('EUR');
    expect(await tab.panelText('account-name')).toBe(eur.name);
    expect(tab.page.url()).toContain(`act=${eur.accountId}`);
    expect(
      await tab.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    await tab.page.close();
  });

  it('still knows the connection after the service worker is killed', async () => {
    const worker = await BackgroundWorker.attach(chromium.browser);
    const stopped = await workerStartTime(chromium.browser);
    await worker.stop();
    const usd = accountOf('USD');
    const tab = await AdsManagerTab.open(chromium.browser, { accountId: usd.accountId });
    expect(await tab.panelText('account-name', usd.name)).toBe(usd.name);
    // The panel's question was answered by a new worker instance, not the stopped one.
    expect(await waitForNewWorker(chromium.browser, stopped)).toBeGreaterThan(stopped);
    await tab.page.close();
    await options.page.reload();
    await options.waitForStatus('Connected as Demo Media Buyer');
  });

  it('keeps the token in memory only, and remembers it on disk only under a strong passphrase', async () => {
    await options.page.bringToFront();
    const worker = await BackgroundWorker.attach(chromium.browser);
    const token = sim.control.demoToken;
    expect((await worker.indexedDbDump())['adlens-vault']?.secrets ?? '[]').toBe('[]');
    await options.waitForText('token-storage-explained', 'In memory only');

    await options.setChecked('remember-token', true);
    await options.page.locator('[data-testid="remember-passphrase-input"]').fill('abc');
    await options.page.locator('[data-testid="remember-passphrase-repeat"]').fill('abc');
    await options.page.locator('[data-testid="remember-passphrase-submit"]').click();
    expect(await options.errorText()).toContain('at least 12 characters');
    expect((await worker.indexedDbDump())['adlens-vault']?.secrets ?? '[]').toBe('[]');

    const passphrase = 'plum orbit canvas tide';
    await options.setChecked('remember-token', true);
    await options.page.locator('[data-testid="remember-passphrase-input"]').fill(passphrase);
    await options.page.locator('[data-testid="remember-passphrase-repeat"]').fill(passphrase);
    await options.page.locator('[data-testid="remember-passphrase-submit"]').click();
    await options.waitForText('token-storage-explained', 'only your passphrase');
    const remembered = (await worker.indexedDbDump())['adlens-vault']?.secrets ?? '';
    expect(remembered).toMatch(/ciphertext/);
    expect(remembered).not.toContain(token);
    expect(remembered).not.toContain(passphrase);
    expect(JSON.stringify(await worker.storageArea('local'))).not.toContain(token);

    await options.setChecked('remember-token', false);
    await options.waitForText('token-storage-explained', 'In memory only');
    expect((await worker.indexedDbDump())['adlens-vault']?.secrets ?? '[]').toBe('[]');
    expect(Object.values(await worker.storageArea('session'))).toContain(token);
  });

  it('disconnect revokes the token at Meta when asked, and wipes everything stored', async () => {
    await options.page.bringToFront();
    await options.setChecked('revoke-checkbox', true);
    await options.disconnect();
    await options.waitForText('connection-notice', 'Meta confirmed');
    await options.waitForStatus('Not connected');

    const revoke = sim.server.wireLog.find(
      (call) => call.method === 'DELETE' && call.path === '/v26.0/me/permissions',
    );
    expect(revoke?.bearerToken).toBe(true);
    const afterRevoke = await sim.graph({
      method: 'GET',
      url: new URL('https://graph.facebook.com/v26.0/me'),
      headers: { authorization: `Bearer ${sim.control.demoToken}` },
      body: '',
    });
    expect(JSON.parse(String(afterRevoke.body))).toMatchObject({ error: { code: 190 } });

    const worker = await BackgroundWorker.attach(chromium.browser);
    expect(await worker.storageArea('session')).toEqual({});
    const dump = await worker.indexedDbDump();
    expect(dump['adlens-vault']?.secrets).toBe('[]');
    expect(dump.adlens?.accounts).toBe('[]');

    const tab = await AdsManagerTab.open(chromium.browser, {
      accountId: accountOf('USD').accountId,
    });
    expect(await tab.panelText('panel-message', 'Connect Adlens')).toContain('options');
    await tab.page.close();
  });
});

describe('disconnected offline', () => {
  it('still wipes everything, and says the revocation could not be confirmed', async () => {
    const token = sim.control.issueToken({
      kind: 'long_lived',
      scopes: ['ads_read', 'public_profile'],
      userName: 'Offline Analyst',
    });
    const options = await OptionsPage.open(chromium.browser);
    await options.connectWithToken(token);
    await options.waitForStatus('Connected as Offline Analyst');
    sim.control.faults.failNext({ method: 'DELETE', path: '/me/permissions' }, 10, 'reset');
    await options.setChecked('revoke-checkbox', true);
    await options.disconnect();
    expect(await options.waitForText('connection-notice', 'could not confirm')).toContain(
      'Apps and websites',
    );
    await options.waitForStatus('Not connected');
    const worker = await BackgroundWorker.attach(chromium.browser);
    expect(await worker.storageArea('session')).toEqual({});
    const dump = await worker.indexedDbDump();
    expect(dump['adlens-vault']?.secrets).toBe('[]');
    expect(dump.adlens?.accounts).toBe('[]');
    expect(JSON.stringify(dump)).not.toContain(token);
    sim.control.faults.clear();
    expect(sim.control.tokens.authenticate(token)).toMatchObject({ token });
    await options.page.close();
  });
});
