import { beforeEach, describe, expect, it } from 'vitest';
import { errorOf, GraphHarness } from './harness';

const sim = new GraphHarness();
beforeEach(() => sim.reset());

describe('token endpoints', () => {
  it('lets a token inspect itself with /debug_token', async () => {
    const token = sim.control.demoToken;
    const { data } = await sim.get<{ data: Record<string, unknown> }>(
      `/v26.0/debug_token?input_token=${token}`,
    );
    const now = Math.floor(sim.clock.now() / 1000);
    expect(data).toMatchObject({
      app_id: sim.control.app.id,
      type: 'USER',
      is_valid: true,
      user_id: expect.stringMatching(/^\d+$/) as unknown,
      scopes: expect.arrayContaining(['ads_read', 'business_management']) as unknown,
    });
    expect(Number(data.expires_at)).toBeGreaterThan(now + 59 * 86_400);
    expect(Number(data.data_access_expires_at)).toBeGreaterThan(now + 89 * 86_400);
  });

  it('describes system-user tokens as never expiring and reports invalid ones', async () => {
    const system = sim.control.issueToken({ kind: 'system_user', scopes: ['ads_read'] });
    const app = `${sim.control.app.id}|${sim.control.app.secret}`;
    const described = await sim.get<{ data: Record<string, unknown> }>(
      `/v26.0/debug_token?input_token=${system}&access_token=${app}`,
      { token: null },
    );
    expect(described.data).toMatchObject({ type: 'SYSTEM_USER', expires_at: 0, is_valid: true });
    const expiring = sim.control.issueToken({ kind: 'short_lived', scopes: ['ads_read'] });
    sim.clock.advance(3 * 3600 * 1000);
    const expired = await sim.get<{ data: Record<string, unknown> }>(
      `/v26.0/debug_token?input_token=${expiring}`,
    );
    expect(expired.data).toMatchObject({ is_valid: false, error: { code: 190, subcode: 463 } });
  });

  it('lists permissions, revokes one (it becomes declined) and then refuses ads data', async () => {
    const token = sim.control.issueToken({
      kind: 'long_lived',
      scopes: ['ads_read', 'public_profile'],
      declined: ['business_management'],
      userName: 'Revoker',
    });
    const before = await sim.get('/v26.0/me/permissions', { token });
    expect(before.data).toEqual([
      { permission: 'ads_read', status: 'granted' },
      { permission: 'public_profile', status: 'granted' },
      { permission: 'business_management', status: 'declined' },
    ]);
    const revoke = await sim.call('/v26.0/me/permissions/ads_read', { method: 'DELETE', token });
    expect(revoke.json).toEqual({ success: true });
    const after = await sim.get<{ data: { permission: string; status: string }[] }>(
      '/v26.0/me/permissions',
      { token },
    );
    expect(after.data).toContainEqual({ permission: 'ads_read', status: 'declined' });
    expect(errorOf(await sim.call(`/v26.0/act_${sim.large}/insights`, { token })).code).toBe(200);
  });

  it('de-authorizes the app with DELETE /me/permissions: every token of the user fails with 190/458', async () => {
    const first = sim.control.issueToken({
      kind: 'long_lived',
      scopes: ['ads_read'],
      userName: 'Leaver',
    });
    const second = sim.control.issueToken({
      kind: 'short_lived',
      scopes: ['ads_read'],
      userName: 'Leaver',
    });
    expect(
      (await sim.call('/v26.0/me/permissions', { method: 'DELETE', token: first })).json,
    ).toEqual({ success: true });
    for (const token of [first, second]) {
      const error = errorOf(await sim.call('/v26.0/me', { token }));
      expect(error).toMatchObject({ code: 190, error_subcode: 458 });
      expect(error.message).toBe(
        `Error validating access token: The user has not authorized application ${sim.control.app.id}.`,
      );
    }
    expect((await sim.call('/v26.0/me')).status).toBe(200);
  });

  it('exchanges a short-lived token for a long-lived one only with the app secret', async () => {
    const short = sim.control.issueToken({ kind: 'short_lived', scopes: ['ads_read'] });
    const query = (secret: string) =>
      `/v26.0/oauth/access_token?grant_type=fb_exchange_token&client_id=${sim.control.app.id}&client_secret=${secret}&fb_exchange_token=${short}`;
    const wrong = await sim.call(query('guess'), { token: null });
    expect(errorOf(wrong)).toMatchObject({ code: 1, message: 'Error validating client secret.' });
    const exchanged = await sim.get<{
      access_token: string;
      token_type: string;
      expires_in: number;
    }>(query(sim.control.app.secret), { token: null });
    expect(exchanged).toMatchObject({ token_type: 'bearer', expires_in: 60 * 86_400 });
    sim.clock.advance(3 * 3600 * 1000);
    expect((await sim.call('/v26.0/me', { token: short })).status).toBe(400);
    expect((await sim.call('/v26.0/me', { token: exchanged.access_token })).status).toBe(200);
  });
});
