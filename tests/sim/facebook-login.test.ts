import { beforeEach, describe, expect, it } from 'vitest';
import { createClock, type Clock } from './clock';
import { createControl, type SimControl } from './control';
import {
  createLoginDialog,
  isLoginDialogPath,
  REGISTERED_REDIRECT_URI,
  type LoginDialog,
} from './facebook-login';
import type { SimResponse } from './http';

let clock: Clock;
let control: SimControl;
let dialog: LoginDialog;

beforeEach(() => {
  clock = createClock();
  control = createControl({ seed: 1, clock });
  dialog = createLoginDialog(control, clock);
});

function dialogUrl(overrides: Record<string, string | null> = {}): URL {
  const url = new URL('https://www.facebook.com/v26.0/dialog/oauth');
  const params: Record<string, string | null> = {
    client_id: control.app.id,
    redirect_uri: REGISTERED_REDIRECT_URI,
    response_type: 'token',
    scope: 'ads_read,business_management',
    state: 'state-123',
    ...overrides,
  };
  for (const [name, value] of Object.entries(params)) {
    if (value !== null) url.searchParams.set(name, value);
  }
  return url;
}

async function request(url: URL, method = 'GET', body = ''): Promise<SimResponse> {
  return dialog.handler({ method, url, headers: {}, body });
}

const text = (response: SimResponse) => String(response.body ?? '');

/** Posts the page's form the way a browser would, pressing the button with that value. */
async function submit(page: SimResponse, action?: 'continue' | 'cancel'): Promise<SimResponse> {
  const html = text(page);
  const formAction = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const nonce = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (!formAction || !nonce) throw new Error(`No form in ${html}`);
  const form = new URLSearchParams({ request: nonce, ...(action ? { action } : {}) });
  return request(new URL(formAction, 'https://www.facebook.com'), 'POST', form.toString());
}

function location(response: SimResponse): URL {
  expect(response.status).toBe(302);
  return new URL(response.headers?.location ?? '');
}

describe('the login dialog', () => {
  it('is mounted for the supported versions only', () => {
    expect(isLoginDialogPath('/v26.0/dialog/oauth')).toBe(true);
    expect(isLoginDialogPath('/v25.0/dialog/oauth')).toBe(true);
    expect(isLoginDialogPath('/v24.0/dialog/oauth')).toBe(false);
    expect(isLoginDialogPath('/adsmanager/manage')).toBe(false);
  });

  it('asks for consent, then redirects with a fresh short-lived token in the fragment', async () => {
    const consent = await request(dialogUrl());
    expect(text(consent)).toContain('Continue as Demo Media Buyer');
    expect(text(consent)).toContain('Cancel');
    expect(text(consent)).toContain('business_management');

    const back = location(await submit(consent, 'continue'));
    expect(`${back.origin}${back.pathname}`).toBe(REGISTERED_REDIRECT_URI);
    expect(back.search).toBe('');
    const fragment = new URLSearchParams(back.hash.slice(1));
    expect([...fragment.keys()]).toEqual([
      'access_token',
      'data_access_expiration_time',
      'expires_in',
      'state',
    ]);
    expect(fragment.get('state')).toBe('state-123');
    expect(fragment.get('expires_in')).toBe('7200');
    const now = Math.floor(clock.now() / 1000);
    expect(Number(fragment.get('data_access_expiration_time'))).toBe(now + 90 * 86_400);

    const token = fragment.get('access_token')!;
    expect(dialog.control.issuedTokens).toEqual([token]);
    const record = control.tokens.get(token);
    expect(record?.kind).toBe('short_lived');
    expect([...(record?.scopes ?? [])]).toEqual(
      expect.arrayContaining(['ads_read', 'business_management']),
    );
    expect(dialog.control.requests.map((each) => each.outcome)).toEqual(['granted']);
  });

  it('reports the scopes the user unticked as declined', async () => {
    dialog.control.declineScopes = ['business_management'];
    const back = location(await submit(await request(dialogUrl()), 'continue'));
    const token = new URLSearchParams(back.hash.slice(1)).get('access_token')!;
    const record = control.tokens.get(token)!;
    expect(record.scopes.has('business_management')).toBe(false);
    expect([...record.declined]).toEqual(['business_management']);
  });

  it('redirects a cancelled dialog with access_denied and the state, and issues nothing', async () => {
    const back = location(await submit(await request(dialogUrl()), 'cancel'));
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_reason')).toBe('user_denied');
    expect(back.searchParams.get('error_description')).toBe('Permissions error');
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.hash).toBe('#_=_');
    expect(dialog.control.issuedTokens).toEqual([]);
  });

  it.each([
    ['client_id', 'another-app', 'Invalid App ID'],
    ['redirect_uri', 'https://evil.example/', 'URL Blocked'],
    ['redirect_uri', `${REGISTERED_REDIRECT_URI}other`, 'URL Blocked'],
    ['response_type', 'code', 'Unsupported response_type'],
    ['scope', 'ads_read,all_your_data', 'Invalid Scopes'],
    ['state', null, 'Missing state'],
  ])('shows an error page, never a redirect, for a bad %s', async (name, value, title) => {
    const response = await request(dialogUrl({ [name]: value }));
    expect(response.status).toBe(200);
    expect(response.headers?.location).toBeUndefined();
    expect(text(response)).toContain(title);
    expect(dialog.control.requests.at(-1)?.outcome).toBe(`error: ${title}`);
  });

  it('redirects at once, without a page, when auto-approving a logged-in user', async () => {
    dialog.control.autoApprove = true;
    const back = location(await request(dialogUrl()));
    expect(new URLSearchParams(back.hash.slice(1)).get('state')).toBe('state-123');
  });

  it('asks a logged-out user to log in first, even when auto-approving', async () => {
    dialog.control.loggedIn = false;
    dialog.control.autoApprove = true;
    const login = await request(dialogUrl());
    expect(login.status).toBe(200);
    expect(text(login)).toContain('Log in to Facebook');
    const consent = await submit(login);
    expect(dialog.control.loggedIn).toBe(true);
    expect(text(consent)).toContain('Continue as Demo Media Buyer');
    const back = location(await submit(consent, 'continue'));
    expect(back.hash).toContain('access_token=');
  });

  it('issues tokens of the configured lifetime that expire on the simulator clock', async () => {
    dialog.control.tokenLifetimeSeconds = 60;
    const back = location(await submit(await request(dialogUrl()), 'continue'));
    const fragment = new URLSearchParams(back.hash.slice(1));
    expect(fragment.get('expires_in')).toBe('60');
    clock.advance(61_000);
    expect(control.tokens.authenticate(fragment.get('access_token')!)).toMatchObject({
      fields: { code: 190, error_subcode: 463 },
    });
  });

  it('answers a form only once, and only to the dialog it showed', async () => {
    const consent = await request(dialogUrl());
    await submit(consent, 'continue');
    expect((await submit(consent, 'continue')).status).toBe(400);
    const forged = new URLSearchParams({ request: 'made-up', action: 'continue' });
    const url = new URL('https://www.facebook.com/v26.0/dialog/oauth/confirm');
    expect((await request(url, 'POST', forged.toString())).status).toBe(400);
  });

  it('escapes the names it shows', async () => {
    dialog.control.userName = '<script>alert(1)</script>';
    const consent = await request(dialogUrl());
    expect(text(consent)).not.toContain('<script>');
    expect(text(consent)).toContain('&#60;script&#62;');
  });
});
