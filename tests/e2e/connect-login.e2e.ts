import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTERED_REDIRECT_URI } from '../sim/facebook-login';
import type { RunningSimulator } from '../sim/start';
import type { AdlensBrowser } from '../support/e2e/browser';
import { FacebookLoginDialog } from '../support/e2e/facebook-login';
import { launchAdlens, type RunningAdlens } from '../support/e2e/fixture';
import { BackgroundWorker, OptionsPage } from '../support/e2e/pages';

/**
 * Facebook Login end to end: the production build calls identity.launchWebAuthFlow, Chromium opens
 * the simulator's dialog on www.facebook.com in a window and intercepts the redirect to
 * https://<extension id>.chromiumapp.org/ (never resolved, never loaded). Then denial, silent
 * renewal, a renewal that needs the person, an expired token, and disconnect with revocation.
 */
let adlens: RunningAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;
let options: OptionsPage;
const USER = 'Demo Media Buyer';

beforeAll(async () => {
  adlens = await launchAdlens({ simulator: { withoutLargeAccount: true } });
  ({ sim, chromium } = adlens);
  options = await OptionsPage.open(chromium.browser);
});

afterAll(() => adlens?.close());

async function sessionToken(): Promise<unknown> {
  const worker = await BackgroundWorker.attach(chromium.browser);
  return Object.values(await worker.storageArea('session'))[0];
}

/** Logs in through the dialog's consent page. */
async function logIn(): Promise<void> {
  const dialog = FacebookLoginDialog.next(chromium.browser);
  await options.logInWithFacebook(sim.control.app.id);
  await (await dialog).continueAs(USER);
  await options.waitForStatus(`Connected as ${USER}`);
}

describe('Facebook Login', () => {
  it('a cancelled login says so and stores nothing', async () => {
    const dialog = FacebookLoginDialog.next(chromium.browser);
    await options.logInWithFacebook(sim.control.app.id);
    await (await dialog).cancel();
    expect(await options.errorText()).toMatch(/cancelled.*stored nothing/);
    expect(sim.login.requests.at(-1)?.outcome).toBe('denied');
    expect(await sessionToken()).toBeUndefined();
    const worker = await BackgroundWorker.attach(chromium.browser);
    expect((await worker.indexedDbDump())['adlens-vault']?.secrets ?? '[]').toBe('[]');
    await options.waitForStatus('Not connected');
  });

  it('connects through the dialog and shows who, the scopes and the expiry', async () => {
    await options.setChecked('business-management-checkbox', true);
    await logIn();

    const request = sim.login.requests.at(-1)!;
    expect(request).toMatchObject({
      clientId: sim.control.app.id,
      redirectUri: REGISTERED_REDIRECT_URI,
      responseType: 'token',
      scope: 'ads_read,business_management',
      outcome: 'granted',
    });
    expect(request.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await sessionToken()).toBe(sim.login.issuedTokens.at(-1));

    const scopes = await options.waitForText('connection-scopes', 'business_management');
    expect(scopes).toContain('ads_read');
    expect(await options.waitForText('token-expiry', /in (2 hours|120 minutes)/)).toBeTruthy();
    expect(await options.waitForText('connection-details', 'Facebook Login')).toContain(
      sim.control.app.id,
    );
    expect((await options.accountRows()).length).toBe(sim.world.accounts.length);
    expect(
      await options.page.$eval(
        '[data-testid="revoke-checkbox"]',
        (box) => (box as HTMLInputElement).checked,
      ),
    ).toBe(true);
  });

  it('the token went to graph.facebook.com in the Authorization header only', () => {
    const graphCalls = sim.server.wireLog.filter((call) => call.host === 'graph.facebook.com');
    expect(graphCalls.map((call) => call.path)).toEqual(
      expect.arrayContaining([
        '/v26.0/me',
        '/v26.0/me/permissions',
        '/v26.0/debug_token',
        '/v26.0/me/adaccounts',
      ]),
    );
    for (const call of graphCalls) {
      expect(call.bearerToken, call.path).toBe(true);
      expect(call.tokenInQuery, call.path).toBe(false);
    }
  });
});

describe('renewal', () => {
  it('renews a short-lived login token silently while Facebook keeps the session', async () => {
    // A fresh login with an 8-second token: renewal is due halfway, in 4 seconds.
    await disconnectQuietly();
    sim.login.tokenLifetimeSeconds = 8;
    await logIn();
    const first = sim.login.issuedTokens.at(-1);
    sim.login.tokenLifetimeSeconds = undefined;
    sim.login.autoApprove = true;
    await waitUntil(async () => (await sessionToken()) !== first, 15_000);
    expect(sim.login.requests.at(-1)?.outcome).toBe('granted');
    expect(await sessionToken()).toBe(sim.login.issuedTokens.at(-1));
    await options.page.reload();
    await options.waitForStatus(`Connected as ${USER}`);
    expect(await options.isPresent('reconnect-prompt')).toBe(false);
  });

  it('asks the person to reconnect when Facebook would need a window, and reconnects', async () => {
    await disconnectQuietly();
    sim.login.autoApprove = false;
    sim.login.tokenLifetimeSeconds = 8;
    await logIn();
    sim.login.tokenLifetimeSeconds = undefined;
    sim.login.loggedIn = false;
    const requests = sim.login.requests.length;
    await waitUntil(() => Promise.resolve(sim.login.requests.length > requests), 15_000);
    expect(sim.login.requests.at(-1)?.outcome).toBe('login-page');

    await options.page.reload();
    expect(await options.waitForText('reconnect-prompt', 'could not renew')).toBeTruthy();
    const dialog = FacebookLoginDialog.next(chromium.browser);
    await options.page.locator('[data-testid="reconnect-button"]').click();
    const window = await dialog;
    await window.logIn();
    await window.continueAs(USER);
    await waitUntil(async () => !(await options.isPresent('reconnect-prompt')), 15_000);
    expect(await sessionToken()).toBe(sim.login.issuedTokens.at(-1));
  });
});

describe('an expired token', () => {
  it('shows the reconnect prompt and keeps the cached accounts', async () => {
    sim.clock.advance(3 * 3600 * 1000);
    await options.page.reload();
    await options.waitForStatus('Connection expired — reconnect');
    expect(await options.waitForText('reconnect-reason', 'Session has expired')).toBeTruthy();
    expect((await options.accountRows()).length).toBe(sim.world.accounts.length);
    const worker = await BackgroundWorker.attach(chromium.browser);
    expect((await worker.indexedDbDump()).adlens?.accounts).toContain('act_');
  });

  it('reconnects with one click, as the same person', async () => {
    const dialog = FacebookLoginDialog.next(chromium.browser);
    await options.page.locator('[data-testid="reconnect-button"]').click();
    await (await dialog).continueAs(USER);
    await options.waitForStatus(`Connected as ${USER}`);
    expect(await options.isPresent('reconnect-prompt')).toBe(false);
  });
});

describe('disconnect', () => {
  it('revokes a login token at Meta and wipes everything', async () => {
    const token = sim.login.issuedTokens.at(-1)!;
    await options.disconnect();
    await options.waitForText('connection-notice', 'Meta confirmed');
    await options.waitForStatus('Not connected');
    const afterRevoke = await sim.graph({
      method: 'GET',
      url: new URL('https://graph.facebook.com/v26.0/me'),
      headers: { authorization: `Bearer ${token}` },
      body: '',
    });
    expect(JSON.parse(String(afterRevoke.body))).toMatchObject({
      error: { code: 190, error_subcode: 458 },
    });
    const worker = await BackgroundWorker.attach(chromium.browser);
    expect(await worker.storageArea('session')).toEqual({});
    const dump = await worker.indexedDbDump();
    expect(dump['adlens-vault']?.secrets).toBe('[]');
    expect(dump.adlens?.accounts).toBe('[]');
    expect(dump.adlens?.meta).toBe('[]');
  });
});

/** Ends the current connection without revoking, to start the next scenario clean. */
async function disconnectQuietly(): Promise<void> {
  await options.page.reload();
  // Both buttons wait for the connection's status: until one shows, the page does not know it yet.
  await options.page.waitForSelector(
    '[data-testid="disconnect-button"], [data-testid="login-button"]',
  );
  if (!(await options.isPresent('disconnect-button'))) return;
  await options.setChecked('revoke-checkbox', false);
  await options.disconnect();
  await options.waitForStatus('Not connected');
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
