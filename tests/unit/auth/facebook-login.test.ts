import { describe, expect, it, vi } from 'vitest';
import {
  buildLoginUrl,
  createLoginState,
  loginScopes,
  parseLoginRedirect,
} from '@/lib/auth/facebook-login';
import { runFacebookLogin, type WebAuthFlow } from '@/lib/auth/login-flow';
import { AppError } from '@/lib/schema/errors';

const REDIRECT = 'https://eibaopbhdkahbcljelfmdmpldbnhnngm.chromiumapp.org/';
const STATE = 'the-state';
const TOKEN = 'EAAGloginTokenFromTheDialog0123456789';

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('Expected a failure');
}

describe('the login URL', () => {
  it('asks the v26.0 dialog for a token with our redirect, scopes and state', () => {
    const url = buildLoginUrl({
      appId: '1234567890123456',
      redirectUri: REDIRECT,
      state: STATE,
      scopes: loginScopes({ businessManagement: true }),
      rerequest: false,
    });
    expect(`${url.origin}${url.pathname}`).toBe('https://www.facebook.com/v26.0/dialog/oauth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '1234567890123456',
      redirect_uri: REDIRECT,
      response_type: 'token',
      scope: 'ads_read,business_management',
      state: STATE,
    });
  });

  it('asks for ads_read alone unless business_management is wanted, and re-asks when visible', () => {
    expect(loginScopes({ businessManagement: false })).toEqual(['ads_read']);
    const url = buildLoginUrl({
      appId: '1',
      redirectUri: REDIRECT,
      state: STATE,
      scopes: ['ads_read'],
      rerequest: true,
    });
    expect(url.searchParams.get('auth_type')).toBe('rerequest');
  });

  it('uses a fresh, URL-safe state of 256 bits each time', () => {
    const states = new Set(Array.from({ length: 50 }, createLoginState));
    expect(states.size).toBe(50);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the redirect', () => {
  const expected = { redirectUri: REDIRECT, state: STATE };

  it('yields the token, its lifetime and the data access expiry from the fragment', () => {
    const redirect = `${REDIRECT}#access_token=${TOKEN}&data_access_expiration_time=1790000000&expires_in=5183&state=${STATE}`;
    expect(parseLoginRedirect(redirect, expected)).toEqual({
      outcome: 'granted',
      grant: { accessToken: TOKEN, expiresInSeconds: 5183, dataAccessExpiresAt: 1790000000 },
    });
  });

  it('accepts a fragment without expiry fields', () => {
    const result = parseLoginRedirect(`${REDIRECT}#access_token=${TOKEN}&state=${STATE}`, expected);
    expect(result).toMatchObject({ grant: { expiresInSeconds: null, dataAccessExpiresAt: null } });
  });

  it('reads a denial from the query', () => {
    const redirect = `${REDIRECT}?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=${STATE}#_=_`;
    expect(parseLoginRedirect(redirect, expected)).toEqual({
      outcome: 'denied',
      reason: 'user_denied',
    });
  });

  it.each([
    ['a different state', `${REDIRECT}#access_token=${TOKEN}&state=forged`, 'state mismatch'],
    ['no state', `${REDIRECT}#access_token=${TOKEN}`, 'state mismatch'],
    ['a denial with another state', `${REDIRECT}?error=access_denied&state=x`, 'state mismatch'],
    [
      'another address',
      `https://evil.example/#access_token=${TOKEN}&state=${STATE}`,
      'unexpected redirect',
    ],
    ['no token', `${REDIRECT}#state=${STATE}`, 'no access token'],
    ['a malformed token', `${REDIRECT}#access_token=a%20b&state=${STATE}`, 'no access token'],
    [
      'a bad lifetime',
      `${REDIRECT}#access_token=${TOKEN}&expires_in=soon&state=${STATE}`,
      'expires_in',
    ],
    ['garbage', 'not a url', 'unreadable'],
  ])('refuses %s', (_name, redirect, detail) => {
    const error = failure(() => parseLoginRedirect(redirect, expected));
    expect(error.code).toBe('login-failed');
    expect(error.message).toContain(detail);
    expect(error.message).not.toContain(TOKEN);
  });
});

describe('runFacebookLogin', () => {
  function flowAnswering(answer: (url: URL) => string | Promise<string>): WebAuthFlow & {
    launch: ReturnType<typeof vi.fn>;
  } {
    return {
      redirectUri: () => REDIRECT,
      launch: vi.fn(async (url: string) => answer(new URL(url))),
    };
  }

  it('launches the dialog and checks the state it generated', async () => {
    const flow = flowAnswering(
      (url) =>
        `${REDIRECT}#access_token=${TOKEN}&expires_in=7200&state=${url.searchParams.get('state')}`,
    );
    const grant = await runFacebookLogin(
      { appId: '99', businessManagement: false, interactive: true },
      flow,
    );
    expect(grant).toEqual({
      accessToken: TOKEN,
      expiresInSeconds: 7200,
      dataAccessExpiresAt: null,
    });
    const [url, interactive] = flow.launch.mock.calls[0] as [string, boolean];
    expect(new URL(url).searchParams.get('client_id')).toBe('99');
    expect(interactive).toBe(true);
  });

  it('says a denied login is cancelled and stores nothing', async () => {
    const flow = flowAnswering(
      (url) =>
        `${REDIRECT}?error=access_denied&error_reason=user_denied&state=${url.searchParams.get('state')}`,
    );
    await expect(
      runFacebookLogin({ appId: '99', businessManagement: false, interactive: true }, flow),
    ).rejects.toMatchObject({ code: 'login-cancelled', message: /cancelled/ });
  });

  it('tells a closed window from a silent attempt that needed a window', async () => {
    const flow = flowAnswering(() => Promise.reject(new Error('The user did not approve access.')));
    await expect(
      runFacebookLogin({ appId: '99', businessManagement: false, interactive: true }, flow),
    ).rejects.toMatchObject({ code: 'login-cancelled' });
    await expect(
      runFacebookLogin({ appId: '99', businessManagement: false, interactive: false }, flow),
    ).rejects.toMatchObject({ code: 'login-failed' });
    expect(flow.launch.mock.calls.at(-1)?.[1]).toBe(false);
  });

  it('refuses a redirect that answers a different login', async () => {
    const flow = flowAnswering(() => `${REDIRECT}#access_token=${TOKEN}&state=replayed`);
    await expect(
      runFacebookLogin({ appId: '99', businessManagement: false, interactive: true }, flow),
    ).rejects.toMatchObject({ code: 'login-failed', message: /state mismatch/ });
  });
});
