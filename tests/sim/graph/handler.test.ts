import { beforeEach, describe, expect, it } from 'vitest';
import { errorOf, GraphHarness, type Page, type Reply } from './harness';

const sim = new GraphHarness();
beforeEach(() => sim.reset());

const usage = (reply: Reply, header: string): Record<string, unknown> =>
  JSON.parse(reply.headers[header] ?? 'null') as Record<string, unknown>;

function expectOAuthError(reply: Reply, code: number, subcode?: number): void {
  expect(reply.status).toBe(400);
  const error = errorOf(reply);
  expect(error.code).toBe(code);
  if (subcode === undefined) expect(error).not.toHaveProperty('error_subcode');
  else expect(error.error_subcode).toBe(subcode);
  expect(error.fbtrace_id).toBe(reply.headers['x-fb-request-id']);
  expect(reply.headers['www-authenticate']).toMatch(
    /^OAuth "Facebook Platform" "invalid_(token|request)" "/,
  );
}

describe('authentication', () => {
  it('accepts the token as a Bearer header or as access_token', async () => {
    expect((await sim.call('/v26.0/me')).status).toBe(200);
    expect((await sim.call('/v26.0/me', { tokenInQuery: true })).status).toBe(200);
  });

  it('rejects a malformed token with 190 and no subcode, naming invalid_token', async () => {
    const reply = await sim.call('/v26.0/me', { token: 'not-a-token' });
    expectOAuthError(reply, 190);
    expect(errorOf(reply).type).toBe('OAuthException');
    expect(reply.headers['www-authenticate']).toContain('"invalid_token"');
  });

  it('expires a short-lived token on the simulator clock: 190/463 with both dates', async () => {
    const token = sim.control.issueToken({ kind: 'short_lived', scopes: ['ads_read'] });
    expect((await sim.call('/v26.0/me', { token })).status).toBe(200);
    sim.clock.advance(2 * 3600 * 1000);
    const reply = await sim.call(`/v26.0/act_${sim.large}/insights`, { token });
    expectOAuthError(reply, 190, 463);
    expect(errorOf(reply).message).toMatch(
      /^Error validating access token: Session has expired on Friday, 20-Nov-26 09:00:00 PST\. The current time is Friday, 20-Nov-26 09:00:00 PST\.$/,
    );
  });

  it.each([
    ['password_changed', 460],
    ['logged_out', 467],
    ['app_removed', 458],
  ] as const)('answers a token invalidated by %s with 190/%i', async (reason, subcode) => {
    const token = sim.control.issueToken({
      kind: 'long_lived',
      scopes: ['ads_read'],
      userName: 'Someone',
    });
    sim.control.tokens.invalidate(token, reason);
    expectOAuthError(await sim.call('/v26.0/me', { token }), 190, subcode);
  });

  it('refuses ads data without ads_read: (#200), with a configurable HTTP status', async () => {
    const token = sim.control.issueToken({ kind: 'long_lived', scopes: ['public_profile'] });
    const reply = await sim.call(`/v26.0/act_${sim.large}/campaigns`, { token });
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({ code: 200, message: '(#200) Permissions error' });
    sim.control.settings.permissionErrorStatus = 403;
    expect((await sim.call('/v26.0/me/adaccounts', { token })).status).toBe(403);
    expect((await sim.call('/v26.0/me', { token })).status).toBe(200);
  });

  it('can require business_management for business-owned accounts', async () => {
    sim.control.settings.requireBusinessManagement = true;
    const token = sim.control.issueToken({ kind: 'long_lived', scopes: ['ads_read'] });
    const reply = await sim.call(`/v26.0/act_${sim.large}/insights`, { token });
    expect(errorOf(reply).message).toBe(
      '(#200) Requires business_management permission to manage the object',
    );
    expect((await sim.call(`/v26.0/act_${sim.large}/insights`)).status).toBe(200);
  });
});

describe('versions and headers', () => {
  it('serves v25.0 and v26.0 and names the version in facebook-api-version', async () => {
    for (const version of ['v25.0', 'v26.0']) {
      const reply = await sim.call(`/${version}/me`);
      expect(reply.status).toBe(200);
      expect(reply.headers['facebook-api-version']).toBe(version);
    }
  });

  it('rejects an old version with 2635, or upgrades it with a warning header when told to', async () => {
    const old = await sim.call(`/v24.0/act_${sim.large}/campaigns`);
    expect(old.status).toBe(400);
    expect(errorOf(old)).toMatchObject({
      code: 2635,
      message:
        '(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: v26.0.',
    });
    sim.control.settings.versionMode = 'auto_upgrade';
    const upgraded = await sim.call(`/v24.0/act_${sim.large}/campaigns`);
    expect(upgraded.status).toBe(200);
    expect(upgraded.headers['facebook-api-version']).toBe('v26.0');
    expect(upgraded.headers['x-ad-api-version-warning']).toMatch(/v24\.0/);
  });

  it('sends request ids, trace ids and ETags, honours If-None-Match, and no CORS headers', async () => {
    const first = await sim.call(`/v26.0/act_${sim.large}?fields=name`);
    expect(first.headers['x-fb-request-id']).toMatch(/^[\w-]{20,}$/);
    expect(first.headers['x-fb-trace-id']).toMatch(/^[\w-]{8,}$/);
    expect(first.headers.etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await sim.call(`/v26.0/act_${sim.large}?fields=name`, {
      headers: { 'if-none-match': first.headers.etag! },
    });
    expect(again.status).toBe(304);
    const failed = await sim.call('/v26.0/me', { token: 'bad' });
    for (const reply of [first, again, failed]) {
      expect(
        Object.keys(reply.headers).filter((name) => name.startsWith('access-control-')),
      ).toEqual([]);
    }
  });
});

describe('usage and throttling', () => {
  it('sends usage headers on every response, rising with each call to an account', async () => {
    const account = sim.world.account(sim.large)!;
    const first = await sim.call(`/v26.0/act_${sim.large}/insights`);
    for (let i = 0; i < 8; i++) await sim.call(`/v26.0/act_${sim.large}/insights`);
    const later = await sim.call(`/v26.0/act_${sim.large}/insights`);
    for (const reply of [first, later]) {
      expect(Object.keys(reply.headers)).toEqual(
        expect.arrayContaining([
          'x-app-usage',
          'x-ad-account-usage',
          'x-business-use-case-usage',
          'x-fb-ads-insights-throttle',
        ]),
      );
    }
    const pct = (reply: Reply) => usage(reply, 'x-ad-account-usage').acc_id_util_pct as number;
    expect(pct(later)).toBeGreaterThan(pct(first));
    const buc = usage(later, 'x-business-use-case-usage')[account.businessId] as Record<
      string,
      unknown
    >[];
    expect(buc.map((entry) => entry.type).sort()).toEqual(['ads_insights', 'ads_management']);
    expect(usage(later, 'x-fb-ads-insights-throttle')).toMatchObject({
      acc_id_util_pct: expect.any(Number) as unknown,
    });
    const objects = await sim.call(`/v26.0/act_${sim.large}/campaigns`);
    expect(objects.headers).not.toHaveProperty('x-fb-ads-insights-throttle');
    expect((await sim.call('/v26.0/me')).headers).toHaveProperty('x-app-usage');
  });

  it('forgets calls after an hour', async () => {
    sim.control.usage.setPercent(sim.large, 60);
    const busy = await sim.call(`/v26.0/act_${sim.large}/insights`);
    expect(usage(busy, 'x-ad-account-usage').acc_id_util_pct).toBeGreaterThanOrEqual(60);
    sim.clock.advance(61 * 60_000);
    const calm = await sim.call(`/v26.0/act_${sim.large}/insights`);
    expect(usage(calm, 'x-ad-account-usage').acc_id_util_pct).toBeLessThan(1);
  });

  it('throttles at 100 %: 80000 on insights, 80004 on objects, with time to regain access', async () => {
    sim.control.usage.setPercent(sim.large, 100);
    const insights = await sim.call(`/v26.0/act_${sim.large}/insights`);
    expectOAuthError(insights, 80000, 2446079);
    expect(errorOf(insights).message).toMatch(
      /^\(#80000\) There have been too many calls from this ad-account\. Wait a bit and try again\./,
    );
    const account = sim.world.account(sim.large)!;
    const buc = usage(insights, 'x-business-use-case-usage')[account.businessId] as Record<
      string,
      number | string
    >[];
    const regain = buc.find(
      (entry) => entry.type === 'ads_insights',
    )!.estimated_time_to_regain_access;
    expect(regain).toBeGreaterThan(0);
    expectOAuthError(await sim.call(`/v26.0/act_${sim.large}/campaigns`), 80004, 2446079);
    expect((await sim.call(`/v26.0/act_${sim.account('EUR')}/insights`)).status).toBe(200);
    sim.clock.advance(Number(regain) * 60_000);
    expect((await sim.call(`/v26.0/act_${sim.large}/insights`)).status).toBe(200);
  });

  it.each([
    [17, 2446079],
    [4, undefined],
    [613, 1487742],
    [32, undefined],
  ] as const)('can throttle with code %i instead', async (code, subcode) => {
    sim.control.settings.throttleCode = code;
    sim.control.usage.setPercent(sim.large, 120);
    expectOAuthError(await sim.call(`/v26.0/act_${sim.large}/insights`), code, subcode);
  });
});

describe('fault scripts', () => {
  it('plays a scripted sequence on matching calls only, then behaves normally', async () => {
    sim.control.faults.script({ method: 'GET', path: '**/insights' }, [
      'transient',
      'unknown_error',
      'service_unavailable',
      'reset',
      { delayMs: 40 },
      { status: 403, error: { message: 'Custom', type: 'OAuthException', code: 10 } },
    ]);
    const path = `/v26.0/act_${sim.large}/insights`;
    expect((await sim.call(`/v26.0/act_${sim.large}/campaigns`)).status).toBe(200);
    const transient = await sim.call(path);
    expect(transient.status).toBe(400);
    expect(errorOf(transient)).toMatchObject({
      code: 2,
      is_transient: true,
      message: '(#2) Service temporarily unavailable',
    });
    const unknown = await sim.call(path);
    expect(unknown.status).toBe(500);
    expect(errorOf(unknown)).toMatchObject({
      code: 1,
      error_subcode: 99,
      message: 'An unknown error occurred',
    });
    const unavailable = await sim.call(path);
    expect(unavailable.status).toBe(503);
    expect(unavailable.json).toBeUndefined();
    expect((await sim.call(path)).raw.resetConnection).toBe(true);
    const slow = await sim.call(path);
    expect(slow.status).toBe(200);
    expect(slow.raw.delayMs).toBe(40);
    const custom = await sim.call(path);
    expect(custom.status).toBe(403);
    expect(errorOf(custom).code).toBe(10);
    expect((await sim.call(path)).status).toBe(200);
    expect(sim.control.faults.pending()).toBe(0);
  });

  it('fails the next N calls of a route and matches by method', async () => {
    sim.control.faults.failNext({ method: 'POST', path: '/act_*/insights' }, 2, 'throttle');
    expect((await sim.call(`/v26.0/act_${sim.large}/insights`)).status).toBe(200);
    const post = () =>
      sim.call(`/v26.0/act_${sim.large}/insights`, { method: 'POST', form: { fields: 'spend' } });
    expect(errorOf(await post()).code).toBe(80000);
    expect(errorOf(await post()).code).toBe(80000);
    expect((await post()).status).toBe(200);
  });
});

describe('request log', () => {
  it('records method, host, path and parameters without the token, on the simulator clock', async () => {
    await sim.call(`/v26.0/act_${sim.large}/insights?level=campaign&fields=spend`, {
      tokenInQuery: true,
    });
    const [entry] = sim.control.requests.entries;
    expect(entry).toMatchObject({
      method: 'GET',
      host: 'graph.facebook.com:4431',
      path: `/v26.0/act_${sim.large}/insights`,
      query: { level: 'campaign', fields: 'spend' },
      time: sim.clock.now(),
      batchItem: false,
      status: 200,
    });
    expect(JSON.stringify(sim.control.requests.entries)).not.toContain(sim.control.demoToken);
  });

  it('lists the paging a client did', async () => {
    await sim.walk<Page<unknown>>(`/v26.0/act_${sim.account('EUR')}/ads?limit=40`);
    expect(
      sim.control.requests.entries.filter((e) => e.query.after !== undefined).length,
    ).toBeGreaterThan(1);
  });
});
