import { createStore, get } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlers } from '@/entrypoints/background/handlers';
import { readConnectionInfo } from '@/lib/auth/connection-info';
import { onRenewalAlarm, RENEWAL_ALARM, RENEWAL_LEAD_MS, renewalTime } from '@/lib/auth/renewal';
import { withAccessToken } from '@/lib/auth/session';
import {
  VAULT_DATABASE,
  REMEMBERED_ENTRY,
  VAULT_STORE,
  forgetToken,
  readToken,
} from '@/lib/auth/vault';
import { listAccounts } from '@/lib/cache/accounts';
import { wipeCache } from '@/lib/cache/wipe';
import { createGraphClient } from '@/lib/graph/client';
import { graphErrorToAppError } from '@/lib/graph/errors';
import { syncScheduler } from '@/lib/sync/service';
import { fetchCurrentUser } from '@/lib/graph/me';
import { createMessageRouter } from '@/lib/messaging/server';
import type { ConnectionInfo } from '@/lib/schema/connection';
import { ADA, GOOD, TokenGraph } from '@/tests/support/graph-stand-in';
import { identity } from '@/tests/unit/messaging/senders';

/** Connect, validation, expiry, renewal, the vault toggle and disconnect, through the router. */
const optionsPage = { id: identity.id, origin: identity.origin, tab: { id: 3 }, frameId: 0 };
const route = createMessageRouter(handlers, { identity, describeError: graphErrorToAppError });
const call = (command: string, payload: unknown) => route({ command, payload }, optionsPage);
const vaultStore = createStore(VAULT_DATABASE, VAULT_STORE);

const REDIRECT = 'https://adlensid.chromiumapp.org/';
const APP_ID = '1234567890123456';
const LOGIN_TOKEN = 'EAAGtokenFromFacebookLogin0123456789';
const NO_ADS = 'EAAGtokenWithoutAdsRead0123456789abc';

let graph: TokenGraph;

/** Facebook's dialog: grants `token` for `expiresIn` seconds, or denies. */
function facebookDialog(answer: { token: string; expiresIn?: number } | 'deny' | 'needs-ui') {
  function redirectFor({ url }: { url: string }): Promise<string> {
    const state = new URL(url).searchParams.get('state') ?? '';
    if (answer === 'needs-ui') return Promise.reject(new Error('User interaction required.'));
    if (answer === 'deny') {
      return Promise.resolve(
        `${REDIRECT}?error=access_denied&error_reason=user_denied&state=${state}#_=_`,
      );
    }
    return Promise.resolve(
      `${REDIRECT}#access_token=${answer.token}&data_access_expiration_time=1900000000&expires_in=${answer.expiresIn ?? 7200}&state=${state}`,
    );
  }
  vi.spyOn(fakeBrowser.identity, 'getRedirectURL').mockReturnValue(REDIRECT);
  return (
    vi
      .spyOn(fakeBrowser.identity, 'launchWebAuthFlow')
      .mockClear()
      // The typings also list the callback form, which returns void.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      .mockImplementation(redirectFor)
  );
}

async function status() {
  const reply = await call('auth.status', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data as {
    connected: boolean;
    userName: string | null;
    connection: ConnectionInfo | null;
  };
}

beforeEach(async () => {
  await forgetToken();
  await wipeCache();
  fakeBrowser.reset();
  graph = new TokenGraph();
  vi.stubGlobal('fetch', graph.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('validation on connect', () => {
  it('records who is connected, the scopes, the token kind and its expiry', async () => {
    graph.add('EAAGsystemUserToken0123456789abcdef', {
      user: { id: '9', name: 'Adlens System User' },
      scopes: ['ads_read', 'business_management'],
      declined: ['ads_management'],
      type: 'SYSTEM_USER',
      expiresAt: 0,
      appId: '555',
    });
    await call('auth.connectWithToken', { token: 'EAAGsystemUserToken0123456789abcdef' });
    expect(graph.calls()).toEqual([
      'GET /v26.0/me',
      'GET /v26.0/me/permissions',
      'GET /v26.0/debug_token',
      'GET /v26.0/me/adaccounts',
    ]);
    expect(await status()).toMatchObject({
      connected: true,
      userName: 'Adlens System User',
      connection: {
        source: 'pasted',
        appId: '555',
        tokenType: 'SYSTEM_USER',
        grantedScopes: ['ads_read', 'business_management'],
        declinedScopes: ['ads_management'],
        expiresAt: 'never',
        dataAccessExpiresAt: 1_900_000_000,
        health: 'active',
      },
    });
  });

  it('names ads_read when the token lacks it, and stores nothing', async () => {
    graph.add(NO_ADS, { user: ADA, scopes: ['public_profile'], declined: [] });
    const reply = await call('auth.connectWithToken', { token: NO_ADS });
    expect(reply).toMatchObject({ ok: false, error: { code: 'permission-missing' } });
    const message = JSON.stringify(reply);
    expect(message).toContain('ads_read');
    expect(message).toContain('Graph API Explorer');
    expect(message).toContain('Nothing was stored');
    await expect(readToken()).resolves.toBeNull();
    await expect(readConnectionInfo()).resolves.toBeUndefined();
    expect(graph.calls()).not.toContain('GET /v26.0/me/adaccounts');
  });

  it('says when ads_read was declined in Facebook Login', async () => {
    graph.add(LOGIN_TOKEN, { user: ADA, scopes: ['public_profile'], declined: ['ads_read'] });
    facebookDialog({ token: LOGIN_TOKEN });
    const reply = await call('auth.login', { appId: APP_ID, businessManagement: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'permission-missing' } });
    expect(JSON.stringify(reply)).toMatch(/declined.*Log in again/);
    await expect(readToken()).resolves.toBeNull();
  });

  it('still connects when Meta will not describe the token, without an expiry', async () => {
    graph.debugTokenAllowed = false;
    await call('auth.connectWithToken', { token: GOOD });
    expect((await status()).connection).toMatchObject({
      grantedScopes: ['ads_read', 'public_profile'],
      expiresAt: null,
      tokenType: 'unknown',
    });
  });
});

describe('Facebook Login', () => {
  it('connects with the granted token and remembers the app id', async () => {
    graph.add(LOGIN_TOKEN, { user: ADA, scopes: ['ads_read', 'business_management'] });
    const dialog = facebookDialog({ token: LOGIN_TOKEN, expiresIn: 7200 });
    const before = Date.now();
    const reply = await call('auth.login', { appId: APP_ID, businessManagement: true });
    expect(reply).toMatchObject({ ok: true, data: { userName: 'Ada Lovelace' } });

    const { url, interactive } = dialog.mock.calls[0]![0] as { url: string; interactive: boolean };
    expect(interactive).toBe(true);
    expect(new URL(url).searchParams.get('scope')).toBe('ads_read,business_management');
    await expect(readToken()).resolves.toBe(LOGIN_TOKEN);
    const data = (await call('auth.status', {})) as { data: Record<string, unknown> };
    expect(data.data.login).toEqual({ appId: APP_ID, businessManagement: true });
    const info = (await readConnectionInfo())!;
    expect(info.source).toBe('login');
    expect(info.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) + 7200);
    expect(info.dataAccessExpiresAt).toBe(1_900_000_000);
  });

  it('stores nothing when the person cancels, and keeps the previous connection', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    facebookDialog('deny');
    const reply = await call('auth.login', { appId: APP_ID, businessManagement: false });
    expect(reply).toMatchObject({ ok: false, error: { code: 'login-cancelled' } });
    await expect(readToken()).resolves.toBe(GOOD);
    expect((await status()).connection?.source).toBe('pasted');
  });
});

describe('an expired token', () => {
  it('is marked by the first 190, keeps the cached data and stops further calls', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    graph.rejected.set(GOOD, 'Error validating access token: Session has expired.');
    const me = () =>
      withAccessToken((token) => fetchCurrentUser(createGraphClient({ accessToken: token })));
    await expect(me()).rejects.toMatchObject({ kind: 'auth' });

    expect(await status()).toMatchObject({
      connected: false,
      userName: 'Ada Lovelace',
      connection: { health: 'expired', problem: expect.stringContaining('expired') as unknown },
    });
    expect((await listAccounts()).map((account) => account.accountId)).toEqual(['act_101']);
    expect(await call('accounts.list', {})).toMatchObject({ ok: true });

    const callsBefore = graph.fetch.mock.calls.length;
    await expect(me()).rejects.toMatchObject({ code: 'token-rejected' });
    expect(graph.fetch.mock.calls.length).toBe(callsBefore);
  });

  it('is marked when Meta rejects it during a sync asked for by sync.now', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    graph.rejected.set(GOOD, 'Error validating access token: Session has expired.');
    expect(await call('sync.now', { accountId: 'act_101' })).toMatchObject({ ok: true });
    await syncScheduler().idle();

    expect((await status()).connection?.health).toBe('expired');
    const reply = await call('sync.status', {});
    expect(reply).toMatchObject({
      ok: true,
      data: { accounts: [{ accountId: 'act_101', problem: { kind: 'reconnect' } }] },
    });
    // Asked again, it says so at once instead of calling Meta with the rejected token.
    const callsBefore = graph.fetch.mock.calls.length;
    expect(await call('sync.now', { accountId: 'act_101' })).toMatchObject({
      ok: false,
      error: { code: 'token-rejected' },
    });
    expect(graph.fetch.mock.calls.length).toBe(callsBefore);
  });

  it('is found by auth.verify, which also records permissions changed since', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    graph.add(GOOD, { user: ADA, scopes: ['ads_read'], declined: ['public_profile'] });
    expect(await call('auth.verify', {})).toEqual({ ok: true, data: { verified: true } });
    expect((await status()).connection).toMatchObject({
      grantedScopes: ['ads_read'],
      declinedScopes: ['public_profile'],
    });
    graph.rejected.set(
      GOOD,
      'Error validating access token: The user has not authorized application 42.',
    );
    expect(await call('auth.verify', {})).toEqual({ ok: true, data: { verified: false } });
    expect((await status()).connection?.health).toBe('expired');
  });

  it('is replaced by reconnecting as the same person, who keeps the cache', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    graph.rejected.set(GOOD, 'expired');
    await expect(
      withAccessToken((token) => fetchCurrentUser(createGraphClient({ accessToken: token }))),
    ).rejects.toBeDefined();
    graph.add('EAAGsecondTokenOfAda0123456789abcdef', { user: ADA, scopes: ['ads_read'] });
    await call('auth.connectWithToken', { token: 'EAAGsecondTokenOfAda0123456789abcdef' });
    expect(await status()).toMatchObject({ connected: true, connection: { health: 'active' } });
  });

  it('a connection as someone else wipes the previous person’s cache first', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    const other = graph.add('EAAGtokenOfSomeoneElse0123456789abcd', {
      user: { id: '8', name: 'Grace Hopper' },
      scopes: ['ads_read'],
    });
    const wipe = vi.spyOn(await import('@/lib/cache/wipe'), 'wipeCache');
    await call('auth.connectWithToken', { token: other });
    expect(wipe).toHaveBeenCalled();
    expect((await status()).userName).toBe('Grace Hopper');
  });
});

describe('renewal of a Facebook Login token', () => {
  const info = (expiresInSeconds: number, obtainedAt: number): ConnectionInfo => ({
    source: 'login',
    appId: APP_ID,
    tokenType: 'USER',
    grantedScopes: ['ads_read'],
    declinedScopes: [],
    expiresAt: Math.floor(obtainedAt / 1000) + expiresInSeconds,
    dataAccessExpiresAt: null,
    obtainedAt,
    health: 'active',
    problem: null,
  });

  it('is due 15 minutes before expiry, or halfway through a shorter life', () => {
    const t0 = Date.parse('2026-11-20T15:00:00Z');
    expect(renewalTime(info(7200, t0))).toBe(t0 + 7200_000 - RENEWAL_LEAD_MS);
    expect(renewalTime(info(600, t0))).toBe(t0 + 300_000);
    expect(renewalTime({ ...info(7200, t0), source: 'pasted' })).toBeUndefined();
    expect(renewalTime({ ...info(7200, t0), expiresAt: 'never' })).toBeUndefined();
    expect(renewalTime({ ...info(7200, t0), health: 'expired' })).toBeUndefined();
  });

  it('sets an alarm for the renewal, which runs silently and stores the new token', async () => {
    graph.add(LOGIN_TOKEN, { user: ADA, scopes: ['ads_read'] });
    facebookDialog({ token: LOGIN_TOKEN, expiresIn: 3600 });
    await call('auth.login', { appId: APP_ID, businessManagement: false });
    const first = (await readConnectionInfo())!;
    expect((await fakeBrowser.alarms.get(RENEWAL_ALARM))?.scheduledTime).toBe(renewalTime(first));

    const renewed = 'EAAGrenewedTokenFromFacebook0123456789';
    graph.add(renewed, { user: ADA, scopes: ['ads_read'] });
    const dialog = facebookDialog({ token: renewed, expiresIn: 3600 });
    await onRenewalAlarm('another-alarm');
    expect(dialog).not.toHaveBeenCalled();
    await onRenewalAlarm(RENEWAL_ALARM);
    await expect(readToken()).resolves.toBe(renewed);
    expect(dialog.mock.calls[0]![0]).toMatchObject({ interactive: false });
    const second = (await readConnectionInfo())!;
    expect(second.health).toBe('active');
    // The alarm now stands for the new token's expiry.
    expect((await fakeBrowser.alarms.get(RENEWAL_ALARM))?.scheduledTime).toBe(renewalTime(second));
  });

  it('asks the person to reconnect when Facebook needs a window', async () => {
    graph.add(LOGIN_TOKEN, { user: ADA, scopes: ['ads_read'] });
    facebookDialog({ token: LOGIN_TOKEN, expiresIn: 60 });
    await call('auth.login', { appId: APP_ID, businessManagement: false });

    facebookDialog('needs-ui');
    await onRenewalAlarm(RENEWAL_ALARM);
    expect((await readConnectionInfo())?.health).toBe('reauth-needed');
    expect(await status()).toMatchObject({ connected: true });
    await expect(readToken()).resolves.toBe(LOGIN_TOKEN);
  });

  it('is not set for a pasted token, and is cleared by a disconnect', async () => {
    graph.add(LOGIN_TOKEN, { user: ADA, scopes: ['ads_read'] });
    facebookDialog({ token: LOGIN_TOKEN, expiresIn: 3600 });
    await call('auth.login', { appId: APP_ID, businessManagement: false });
    expect(await fakeBrowser.alarms.get(RENEWAL_ALARM)).toBeDefined();
    await call('auth.disconnect', { revoke: false });
    expect(await fakeBrowser.alarms.get(RENEWAL_ALARM)).toBeUndefined();
    await call('auth.connectWithToken', { token: GOOD });
    expect(await fakeBrowser.alarms.get(RENEWAL_ALARM)).toBeUndefined();
  });
});

// Remembering and unlocking cost 600,000 PBKDF2 rounds each, on purpose.
describe('where the token is kept', { timeout: 60_000 }, () => {
  it('in memory by default; remembered under a passphrase only when asked, and forgotten again', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    expect(await get(REMEMBERED_ENTRY, vaultStore)).toBeUndefined();
    expect(await status()).toMatchObject({ forgetTokenOnClose: true, locked: false });

    expect(
      await call('auth.setForgetTokenOnClose', { forget: false, passphrase: 'short' }),
    ).toMatchObject({ ok: false, error: { code: 'weak-passphrase' } });
    expect(await get(REMEMBERED_ENTRY, vaultStore)).toBeUndefined();

    expect(
      await call('auth.setForgetTokenOnClose', {
        forget: false,
        passphrase: 'plum orbit canvas tide',
      }),
    ).toEqual({ ok: true, data: { forgetTokenOnClose: false } });
    expect(await get(REMEMBERED_ENTRY, vaultStore)).toBeDefined();

    await call('auth.setForgetTokenOnClose', { forget: true });
    expect(await get(REMEMBERED_ENTRY, vaultStore)).toBeUndefined();
    await expect(readToken()).resolves.toBe(GOOD);
    expect(await status()).toMatchObject({ connected: true, forgetTokenOnClose: true });
  });

  it('after a browser restart, shows the connection as signed out with its data kept', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    await fakeBrowser.storage.session.clear();
    expect(await status()).toMatchObject({
      connected: false,
      userName: 'Ada Lovelace',
      connection: { health: 'token-missing' },
      locked: false,
    });
    expect(await listAccounts()).toHaveLength(1);
  });

  it('after a browser restart, a remembered token is locked until auth.unlock gets the passphrase', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    await call('auth.setForgetTokenOnClose', {
      forget: false,
      passphrase: 'plum orbit canvas tide',
    });
    await fakeBrowser.storage.session.clear();
    expect(await status()).toMatchObject({ connected: false, locked: true });
    expect(await call('auth.unlock', { passphrase: 'plum orbit canvas tides' })).toMatchObject({
      ok: false,
      error: { code: 'wrong-passphrase' },
    });
    expect(await call('auth.unlock', { passphrase: 'plum orbit canvas tide' })).toEqual({
      ok: true,
      data: { unlocked: true },
    });
    expect(await status()).toMatchObject({ connected: true, locked: false });
  });
});

describe('disconnect', () => {
  it('does not revoke a pasted token unless asked', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    expect(await call('auth.disconnect', {})).toEqual({
      ok: true,
      data: { revocation: 'not-requested' },
    });
    expect(graph.calls()).not.toContain('DELETE /v26.0/me/permissions');
    await expect(readToken()).resolves.toBeNull();
    await expect(readConnectionInfo()).resolves.toBeUndefined();
  });

  it('revokes a token from our own login by default', async () => {
    graph.add(LOGIN_TOKEN, { user: ADA, scopes: ['ads_read'] });
    facebookDialog({ token: LOGIN_TOKEN });
    await call('auth.login', { appId: APP_ID, businessManagement: false });
    expect(await call('auth.disconnect', {})).toEqual({
      ok: true,
      data: { revocation: 'confirmed' },
    });
    expect(graph.calls().at(-1)).toBe('DELETE /v26.0/me/permissions');
    await expect(listAccounts()).resolves.toEqual([]);
  });

  it('Delete everything defaults the same way: a pasted token is not revoked unless asked', async () => {
    await call('auth.connectWithToken', { token: GOOD });
    expect(await call('privacy.deleteEverything', {})).toEqual({
      ok: true,
      data: { revocation: 'not-requested' },
    });
    expect(graph.calls()).not.toContain('DELETE /v26.0/me/permissions');
    await expect(readToken()).resolves.toBeNull();
  });

  it('Delete everything revokes a token from our own login by default', async () => {
    graph.add(LOGIN_TOKEN, { user: ADA, scopes: ['ads_read'] });
    facebookDialog({ token: LOGIN_TOKEN });
    await call('auth.login', { appId: APP_ID, businessManagement: false });
    expect(await call('privacy.deleteEverything', {})).toEqual({
      ok: true,
      data: { revocation: 'confirmed' },
    });
  });
});
