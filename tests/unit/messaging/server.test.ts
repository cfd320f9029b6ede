import { describe, expect, it, vi } from 'vitest';
import { GraphError, graphErrorToAppError, parseGraphError } from '@/lib/graph/errors';
import { createMessageRouter, type Handlers } from '@/lib/messaging/server';
import { AppError } from '@/lib/schema/errors';
import { DEFAULT_SYNC_SETTINGS } from '@/lib/schema/sync';
import {
  adsManager as contentScript,
  extensionPage,
  identity,
} from '@/tests/unit/messaging/senders';

const account = { accountId: 'act_1', name: 'Shop', currency: 'EUR', timezoneName: 'UTC' };

/** Stand-ins for the commands these tests route; a new command needs none here. */
function fakeHandlers() {
  return {
    'auth.connectWithToken': vi.fn(() => Promise.resolve({ userName: 'Ada', accounts: [account] })),
    'auth.login': vi.fn(() => Promise.resolve({ userName: 'Ada', accounts: [account] })),
    'auth.status': vi.fn(() =>
      Promise.resolve({
        connected: true,
        userName: 'Ada',
        accountCount: 1,
        connection: null,
        login: { appId: null, businessManagement: false },
        forgetTokenOnClose: false,
        locked: false,
      }),
    ),
    'auth.disconnect': vi.fn(() => Promise.resolve({ revocation: 'confirmed' as const })),
    'auth.setForgetTokenOnClose': vi.fn(() => Promise.resolve({ forgetTokenOnClose: true })),
    'auth.verify': vi.fn(() => Promise.resolve({ verified: true })),
    'auth.unlock': vi.fn(() => Promise.resolve({ unlocked: true as const })),
    'accounts.list': vi.fn(() => Promise.resolve({ accounts: [account] })),
    'accounts.get': vi.fn(() => Promise.resolve({ account })),
    'findings.forRows': vi.fn(() => Promise.resolve({ findings: [] })),
    'rows.identifyByName': vi.fn(() => Promise.resolve({ matches: [] })),
    'settings.get': vi.fn(() => Promise.resolve({ sync: DEFAULT_SYNC_SETTINGS, corrupt: [] })),
    'settings.updateSync': vi.fn(() => Promise.resolve(DEFAULT_SYNC_SETTINGS)),
    'sync.now': vi.fn(() => Promise.resolve({ accepted: [] })),
    'sync.status': vi.fn(() => Promise.resolve({ accounts: [] })),
    'series.get': vi.fn(() =>
      Promise.resolve({
        accountId: 'act_1',
        level: 'ad' as const,
        currency: 'EUR',
        since: '2026-11-01',
        until: '2026-11-02',
        coverage: null,
        today: null,
        series: [],
        truncated: false,
      }),
    ),
    'insight.get': vi.fn(() => Promise.reject(new Error('not called in these tests'))),
    'findings.counts': vi.fn(() => Promise.resolve({ accounts: [] })),
    'findings.explain': vi.fn(() => Promise.reject(new Error('not called in these tests'))),
    'privacy.storedData': vi.fn(() =>
      Promise.resolve({ accounts: [], apiCalls: 0, bytesUsed: null }),
    ),
    'privacy.clearCache': vi.fn(() => Promise.resolve({ cleared: [] })),
    'privacy.export': vi.fn(() => Promise.resolve({ json: '{}' })),
    'privacy.exportCsv': vi.fn(() => Promise.resolve({ csv: '' })),
    'privacy.apiLog': vi.fn(() => Promise.resolve({ calls: [], total: 0 })),
    'privacy.clearApiLog': vi.fn(() => Promise.resolve({})),
    'privacy.deleteEverything': vi.fn(() =>
      Promise.resolve({ revocation: 'not-requested' as const }),
    ),
    'snapshots.subjects': vi.fn(() => Promise.resolve({ campaigns: [], latestDay: null })),
    'snapshots.prepare': vi.fn(() => Promise.resolve({ handoffId: '0'.repeat(32) })),
    'snapshots.open': vi.fn(() => Promise.resolve({})),
    'i18n.catalogue': vi.fn(() => Promise.resolve({ messages: null })),
  } satisfies Partial<Handlers>;
}

function setup(describeError = graphErrorToAppError) {
  const handlers = fakeHandlers();
  const table: Partial<Handlers> = handlers;
  const route = createMessageRouter(table as Handlers, { identity, describeError });
  const calls = () =>
    Object.values(handlers).reduce((n, handler) => n + handler.mock.calls.length, 0);
  return { handlers, route, calls };
}

describe('message router', () => {
  it('runs the handler for an allowed sender and returns its validated data', async () => {
    const { route, handlers } = setup();
    const reply = await route(
      { command: 'accounts.get', payload: { accountId: 'act_1' } },
      contentScript,
    );
    expect(reply).toEqual({ ok: true, data: { account } });
    expect(handlers['accounts.get']).toHaveBeenCalledWith(
      { accountId: 'act_1' },
      { senderClass: 'content-script' },
    );
  });

  it.each([
    ['an unknown command', { command: 'tabs.fetch', payload: {} }, 'unknown-command'],
    ['a prototype key', { command: '__proto__', payload: {} }, 'unknown-command'],
    ['a malformed envelope', { command: 'auth.status' }, 'invalid-request'],
    [
      'extra envelope keys',
      { command: 'auth.status', payload: {}, as: 'admin' },
      'invalid-request',
    ],
    ['a non-object message', 'auth.status', 'invalid-request'],
    [
      'an extra payload key',
      { command: 'auth.status', payload: { verbose: true } },
      'invalid-request',
    ],
    ['a missing token', { command: 'auth.connectWithToken', payload: {} }, 'invalid-request'],
    [
      'a token with a header break',
      { command: 'auth.connectWithToken', payload: { token: 'a\r\nb' } },
      'invalid-request',
    ],
  ])('fails closed on %s without calling any handler', async (_case, message, code) => {
    const { route, calls } = setup();
    const reply = await route(message, extensionPage);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    expect(calls()).toBe(0);
  });

  it.each([
    ['an extension page', { accountId: 'act_1', findingId: 'cpm_surge:1:2026-11-01' }, 'page'],
    [
      'a finding id with extra keys',
      { accountId: 'act_1', findingId: 'x', level: 'ad' },
      'content',
    ],
    [
      'a metric Explain cannot break down',
      {
        accountId: 'act_1',
        level: 'ad',
        entityId: '1',
        metric: 'frequency',
        since: '2026-11-01',
        until: '2026-11-07',
      },
      'content',
    ],
  ])('refuses findings.explain from %s without reading Meta', async (_case, payload, from) => {
    const { route, calls } = setup();
    const reply = await route(
      { command: 'findings.explain', payload },
      from === 'page' ? extensionPage : contentScript,
    );
    expect(reply).toMatchObject({ ok: false });
    expect(calls()).toBe(0);
  });

  it.each(['auth.connectWithToken', 'auth.status', 'auth.disconnect'])(
    'refuses %s to a content script',
    async (command) => {
      const { route, calls } = setup();
      const payload = command === 'auth.connectWithToken' ? { token: 'EAAB' } : {};
      const reply = await route({ command, payload }, contentScript);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      expect(calls()).toBe(0);
    },
  );

  it('refuses unclassified senders before looking at the message', async () => {
    const { route, calls } = setup();
    for (const sender of [
      { ...extensionPage, id: 'other' },
      { ...contentScript, frameId: 1 },
      { ...contentScript, origin: 'https://evil.example' },
      undefined,
    ]) {
      const reply = await route({ command: 'auth.status', payload: {} }, sender);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(calls()).toBe(0);
  });

  it('passes an AppError through', async () => {
    const { route, handlers } = setup();
    handlers['accounts.list'].mockRejectedValueOnce(
      new AppError('not-connected', 'Connect first.'),
    );
    const reply = await route({ command: 'accounts.list', payload: {} }, extensionPage);
    expect(reply).toEqual({
      ok: false,
      error: { code: 'not-connected', message: 'Connect first.' },
    });
  });

  it('describes Graph errors, with the token stripped', async () => {
    const { route, handlers } = setup();
    const token = 'EAABsecretsecretsecret123456';
    const graphError = parseGraphError(
      400,
      { error: { message: `Malformed access token ${token}`, code: 190, type: 'OAuthException' } },
      token,
    );
    handlers['auth.connectWithToken'].mockRejectedValueOnce(graphError);
    const reply = await route(
      { command: 'auth.connectWithToken', payload: { token } },
      extensionPage,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'token-rejected' } });
    expect(JSON.stringify(reply)).not.toContain(token);
  });

  it('hides unexpected errors behind a generic internal error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { route, handlers } = setup();
    handlers['auth.status'].mockRejectedValueOnce(
      new TypeError('token EAABleakleakleakleak1234 broke'),
    );
    const reply = await route({ command: 'auth.status', payload: {} }, extensionPage);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('leak');
    expect(JSON.stringify(vi.mocked(console.error).mock.calls)).not.toContain('leak');
  });

  it('refuses to hand out a field the protocol does not have', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { route, handlers } = setup();
    handlers['auth.status'].mockResolvedValueOnce({
      connected: true,
      userName: 'Ada',
      accountCount: 1,
      connection: null,
      login: { appId: null, businessManagement: false },
      forgetTokenOnClose: false,
      locked: false,
      token: 'EAABleak',
    } as never);
    const reply = await route({ command: 'auth.status', payload: {} }, extensionPage);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('EAABleak');
  });

  it('keeps unknown failures internal when no describer knows them', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { route, handlers } = setup(() => undefined);
    handlers['auth.disconnect'].mockRejectedValueOnce(
      new GraphError({
        httpStatus: 500,
        code: 1,
        subcode: null,
        type: null,
        message: 'x',
        userTitle: null,
        userMsg: null,
        isTransient: false,
        fbtraceId: null,
      }),
    );
    const reply = await route({ command: 'auth.disconnect', payload: {} }, extensionPage);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
