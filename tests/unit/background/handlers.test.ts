import { createStore, entries } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlers } from '@/entrypoints/background/handlers';
import { VAULT_DATABASE, VAULT_STORE, forgetToken, readToken } from '@/lib/auth/vault';
import { listAccounts } from '@/lib/cache/accounts';
import { readConnection } from '@/lib/cache/connection';
import { wipeCache } from '@/lib/cache/wipe';
import { graphErrorToAppError } from '@/lib/graph/errors';
import { createMessageRouter } from '@/lib/messaging/server';
import { sessionThrottleStore } from '@/lib/sync/throttle-store';
import { AD_ACCOUNT, GOOD, TokenGraph } from '@/tests/support/graph-stand-in';
import { adsManager, identity } from '@/tests/unit/messaging/senders';

/** The background's commands end to end in Node: router, handlers, vault, cache, Graph client. */
const optionsPage = { id: identity.id, origin: identity.origin, tab: { id: 3 }, frameId: 0 };
const route = createMessageRouter(handlers, { identity, describeError: graphErrorToAppError });
const vaultStore = createStore(VAULT_DATABASE, VAULT_STORE);

const call = (command: string, payload: unknown, sender: unknown = optionsPage) =>
  route({ command, payload }, sender);

beforeEach(async () => {
  await forgetToken();
  await wipeCache();
  fakeBrowser.reset();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('auth.connectWithToken', () => {
  it('validates the token with Meta, then stores it and the accounts', async () => {
    const graph = new TokenGraph();
    vi.stubGlobal('fetch', graph.fetch);
    const reply = await call('auth.connectWithToken', { token: GOOD });
    expect(reply).toEqual({
      ok: true,
      data: {
        userName: 'Ada Lovelace',
        accounts: [
          {
            accountId: 'act_101',
            name: AD_ACCOUNT.name,
            currency: 'EUR',
            timezoneName: 'Europe/Paris',
          },
        ],
      },
    });
    await expect(readToken()).resolves.toBe(GOOD);
    // In memory only by default: nothing of the token on disk.
    expect(await entries(vaultStore)).toEqual([]);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(GOOD);
    expect((await listAccounts()).map((account) => account.accountId)).toEqual(['act_101']);
    expect(
      graph.fetch.mock.calls
        .filter(([url]) => url.pathname !== '/v26.0/debug_token')
        .every(([url]) => !url.href.includes(GOOD)),
    ).toBe(true);
  });

  it('stores nothing for a token Meta rejects, and says why', async () => {
    vi.stubGlobal('fetch', new TokenGraph().fetch);
    const reply = await call('auth.connectWithToken', { token: 'EAABbadTokenThatMetaRejects' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'token-rejected' } });
    expect(JSON.stringify(reply)).toContain('Invalid OAuth access token');
    await expect(readToken()).resolves.toBeNull();
    expect(await entries(vaultStore)).toEqual([]);
    await expect(listAccounts()).resolves.toEqual([]);
    await expect(readConnection()).resolves.toBeUndefined();
  });

  it('keeps an existing connection when a new token is rejected', async () => {
    vi.stubGlobal('fetch', new TokenGraph().fetch);
    await call('auth.connectWithToken', { token: GOOD });
    await call('auth.connectWithToken', { token: 'EAABbadTokenThatMetaRejects' });
    await expect(readToken()).resolves.toBe(GOOD);
    expect(await call('auth.status', {})).toMatchObject({ data: { connected: true } });
  });
});

describe('auth.status and accounts', () => {
  it('reports a fresh install as not connected', async () => {
    expect(await call('auth.status', {})).toEqual({
      ok: true,
      data: {
        connected: false,
        userName: null,
        accountCount: 0,
        connection: null,
        login: { appId: null, businessManagement: false },
        forgetTokenOnClose: true,
        locked: false,
      },
    });
    expect(await call('accounts.get', { accountId: 'act_101' }, adsManager)).toMatchObject({
      ok: false,
      error: { code: 'not-connected' },
    });
  });

  it('answers the options page and the Ads Manager tab once connected', async () => {
    vi.stubGlobal('fetch', new TokenGraph().fetch);
    await call('auth.connectWithToken', { token: GOOD });
    expect(await call('auth.status', {})).toMatchObject({
      ok: true,
      data: { connected: true, userName: 'Ada Lovelace', accountCount: 1 },
    });
    expect(await call('accounts.list', {})).toMatchObject({
      data: { accounts: [{ accountId: 'act_101' }] },
    });
    // Ads Manager has no use for the list of every account of the connection.
    expect(await call('accounts.list', {}, adsManager)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await call('accounts.get', { accountId: 'act_101' }, adsManager)).toMatchObject({
      data: { account: { name: AD_ACCOUNT.name, currency: 'EUR' } },
    });
    expect(await call('accounts.get', { accountId: 'act_999' }, adsManager)).toEqual({
      ok: true,
      data: { account: null },
    });
  });

  it("answers Explain for an account it does not hold as 'not connected', not as a bad request", async () => {
    vi.stubGlobal('fetch', new TokenGraph().fetch);
    await call('auth.connectWithToken', { token: GOOD });
    const explain = { accountId: 'act_999', findingId: 'cpm_surge:1:2026-11-01' };
    expect(await call('findings.explain', explain, adsManager)).toMatchObject({
      ok: false,
      error: { code: 'unknown-account' },
    });
  });

  it('survives a worker restart: the token is re-read from session storage', async () => {
    vi.stubGlobal('fetch', new TokenGraph().fetch);
    await call('auth.connectWithToken', { token: GOOD });
    vi.resetModules();
    const fresh = await import('@/entrypoints/background/handlers');
    const freshRoute = createMessageRouter(fresh.handlers, { identity });
    expect(await freshRoute({ command: 'auth.status', payload: {} }, optionsPage)).toMatchObject({
      data: { connected: true },
    });
  });
});

describe('auth.disconnect', () => {
  it('wipes everything and revokes the permissions when asked', async () => {
    const graph = new TokenGraph();
    vi.stubGlobal('fetch', graph.fetch);
    await call('auth.connectWithToken', { token: GOOD });
    expect(await call('auth.disconnect', { revoke: true })).toEqual({
      ok: true,
      data: { revocation: 'confirmed' },
    });
    expect(graph.calls().at(-1)).toBe('DELETE /v26.0/me/permissions');
    await expect(readToken()).resolves.toBeNull();
    await expect(listAccounts()).resolves.toEqual([]);
    expect(await call('auth.status', {})).toMatchObject({ data: { connected: false } });
  });

  it('forgets the pacing kept per ad account, whose keys are the accounts’ ids', async () => {
    vi.stubGlobal('fetch', new TokenGraph().fetch);
    await call('auth.connectWithToken', { token: GOOD });
    const pacing = { pausedUntil: 0, percent: 80, observedAt: 1, strikes: 0 };
    await sessionThrottleStore().set('act_1001', pacing);
    await expect(sessionThrottleStore().get('act_1001')).resolves.toEqual(pacing);
    await call('auth.disconnect', {});
    await expect(sessionThrottleStore().get('act_1001')).resolves.toBeUndefined();
  });

  it('wipes everything offline too, and says the revocation is unconfirmed', async () => {
    const graph = new TokenGraph();
    vi.stubGlobal('fetch', graph.fetch);
    await call('auth.connectWithToken', { token: GOOD });
    graph.offline = true;
    expect(await call('auth.disconnect', { revoke: true })).toEqual({
      ok: true,
      data: { revocation: 'unconfirmed' },
    });
    await expect(readToken()).resolves.toBeNull();
    expect(await entries(vaultStore)).toEqual([]);
    await expect(listAccounts()).resolves.toEqual([]);
  });

  it('is refused to the Ads Manager tab', async () => {
    vi.stubGlobal('fetch', new TokenGraph().fetch);
    await call('auth.connectWithToken', { token: GOOD });
    expect(await call('auth.disconnect', {}, adsManager)).toMatchObject({
      error: { code: 'forbidden-sender' },
    });
    await expect(readToken()).resolves.toBe(GOOD);
  });
});
