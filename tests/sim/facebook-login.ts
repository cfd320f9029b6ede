import { randomBytes } from 'node:crypto';
import { EXTENSION_ID } from '../../lib/config/extension-identity';
import type { Clock } from './clock';
import type { SimControl } from './control';
import type { SimHandler, SimRequest, SimResponse } from './http';

/**
 * Facebook Login's OAuth dialog on www.facebook.com (Simulator checklist 19), as the implicit flow
 * an extension drives with `identity.launchWebAuthFlow`:
 *
 * - `GET /{v25.0|v26.0}/dialog/oauth?client_id&redirect_uri&response_type=token&scope&state`
 *   checks the app id, the registered redirect URI (exact match), the response type, the scopes and
 *   the state. A bad app id or redirect URI is an error page and never a redirect, as on Facebook:
 *   an attacker must not be able to bounce users to a URI the app did not register.
 * - Logged in: a consent page with "Continue as <user>" and "Cancel". Logged out: a login page
 *   first. With `autoApprove`, a logged-in user is sent back at once, without any page, which is
 *   what lets `launchWebAuthFlow({interactive: false})` re-authorize silently.
 * - Continue → `redirect_uri#access_token=…&data_access_expiration_time=…&expires_in=…&state=…` with
 *   a freshly issued short-lived token carrying the requested scopes (minus `declineScopes`).
 *   Cancel → `redirect_uri?error=access_denied&error_code=200&error_description=Permissions+error
 *   &error_reason=user_denied&state=…#_=_`, the shape captured from Facebook (unverified in detail).
 */

export interface LoginDialogControl {
  /** Whether this browser has a Facebook session; when false the dialog asks to log in first. */
  loggedIn: boolean;
  /** A logged-in user is redirected at once, without UI (silent re-authorization succeeds). */
  autoApprove: boolean;
  /** Who logs in; the same name always maps to the same user id. */
  userName: string;
  /** Scopes the user unticks on the consent page: granted without them, reported as declined. */
  declineScopes: string[];
  /** The issued token's lifetime in seconds; a short-lived token's 2 hours when undefined. */
  tokenLifetimeSeconds: number | undefined;
  /** The app's "Valid OAuth Redirect URIs". */
  readonly redirectUris: string[];
  /** Every dialog request and how it ended, oldest first. */
  readonly requests: LoginDialogRecord[];
  /** The tokens the dialog issued, oldest first. */
  readonly issuedTokens: string[];
}

export type LoginOutcome =
  'consent-page' | 'login-page' | 'granted' | 'denied' | `error: ${string}`;

export interface LoginDialogRecord {
  readonly path: string;
  readonly clientId: string | null;
  readonly redirectUri: string | null;
  readonly scope: string | null;
  readonly state: string | null;
  readonly responseType: string | null;
  outcome: LoginOutcome;
}

export const REGISTERED_REDIRECT_URI = `https://${EXTENSION_ID}.chromiumapp.org/`;
export const LOGIN_USER = 'Demo Media Buyer';

/** Scopes Facebook knows; anything else is "Invalid Scopes". */
const KNOWN_SCOPES = new Set([
  'ads_read',
  'ads_management',
  'business_management',
  'public_profile',
  'email',
  'read_insights',
  'pages_show_list',
]);
const DIALOG_PATH = /^\/v(25|26)\.0\/dialog\/oauth(?:\/(confirm|login))?\/?$/;
const STATE_MAX_LENGTH = 512;

export function isLoginDialogPath(pathname: string): boolean {
  return DIALOG_PATH.test(pathname);
}

export function defaultLoginDialogControl(): LoginDialogControl {
  return {
    loggedIn: true,
    autoApprove: false,
    userName: LOGIN_USER,
    declineScopes: [],
    tokenLifetimeSeconds: undefined,
    redirectUris: [REGISTERED_REDIRECT_URI],
    requests: [],
    issuedTokens: [],
  };
}

interface DialogRequest {
  /** Where the dialog's forms post to, under the version the client asked for. */
  readonly formBase: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly scopes: readonly string[];
  readonly record: LoginDialogRecord;
}

export interface LoginDialog {
  readonly handler: SimHandler;
  readonly control: LoginDialogControl;
}

export function createLoginDialog(simControl: SimControl, clock: Clock): LoginDialog {
  const control = defaultLoginDialogControl();
  /** Dialogs shown and not yet answered, by the nonce in their form. */
  const pending = new Map<string, DialogRequest>();

  function show(dialog: DialogRequest): SimResponse {
    if (!control.loggedIn) return page(dialog, 'login-page');
    if (control.autoApprove) return grant(dialog);
    return page(dialog, 'consent-page');
  }

  function page(dialog: DialogRequest, outcome: 'consent-page' | 'login-page'): SimResponse {
    const nonce = randomBytes(16).toString('hex');
    pending.set(nonce, dialog);
    dialog.record.outcome = outcome;
    const body =
      outcome === 'login-page'
        ? loginPage(simControl.app.name, dialog.formBase, nonce)
        : consentPage(simControl.app.name, control.userName, dialog, nonce);
    return html(200, body);
  }

  function grant(dialog: DialogRequest): SimResponse {
    const declined = dialog.scopes.filter((scope) => control.declineScopes.includes(scope));
    const granted = dialog.scopes.filter((scope) => !declined.includes(scope));
    const token = simControl.issueToken({
      kind: 'short_lived',
      scopes: [...granted, 'public_profile'],
      declined,
      userName: control.userName,
      ...(control.tokenLifetimeSeconds === undefined
        ? {}
        : { expiresInSeconds: control.tokenLifetimeSeconds }),
    });
    control.issuedTokens.push(token);
    const record = simControl.tokens.get(token)!;
    const now = Math.floor(clock.now() / 1000);
    const fragment = new URLSearchParams({
      access_token: token,
      data_access_expiration_time: String(record.dataAccessExpiresAt),
      expires_in: String(record.expiresAt - now),
      state: dialog.state,
    });
    dialog.record.outcome = 'granted';
    return redirect(`${dialog.redirectUri}#${fragment.toString()}`);
  }

  function deny(dialog: DialogRequest): SimResponse {
    const query = new URLSearchParams({
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
      state: dialog.state,
    });
    dialog.record.outcome = 'denied';
    return redirect(`${dialog.redirectUri}?${query.toString()}#_=_`);
  }

  function open(request: SimRequest): SimResponse {
    const params = request.url.searchParams;
    const record: LoginDialogRecord = {
      path: request.url.pathname,
      clientId: params.get('client_id'),
      redirectUri: params.get('redirect_uri'),
      scope: params.get('scope'),
      state: params.get('state'),
      responseType: params.get('response_type'),
      outcome: 'error: pending',
    };
    control.requests.push(record);
    const problem = dialogProblem(record, simControl.app.id, control.redirectUris);
    if (problem) {
      record.outcome = `error: ${problem.title}`;
      return html(200, errorPage(problem));
    }
    return show({
      formBase: request.url.pathname.replace(/\/$/, ''),
      redirectUri: record.redirectUri!,
      state: record.state!,
      scopes: scopesOf(record.scope),
      record,
    });
  }

  function answer(request: SimRequest, step: 'confirm' | 'login'): SimResponse {
    const form = new URLSearchParams(request.body);
    const nonce = form.get('request') ?? '';
    const dialog = pending.get(nonce);
    if (request.method !== 'POST' || !dialog) {
      return html(400, errorPage({ title: 'Page not found', detail: 'This dialog has expired.' }));
    }
    pending.delete(nonce);
    if (step === 'login') {
      control.loggedIn = true;
      return page(dialog, 'consent-page');
    }
    return form.get('action') === 'continue' ? grant(dialog) : deny(dialog);
  }

  const handler: SimHandler = (request) => {
    const step = DIALOG_PATH.exec(request.url.pathname)?.[2] as 'confirm' | 'login' | undefined;
    if (step) return answer(request, step);
    if (request.method !== 'GET') return html(405, 'Method not allowed');
    return open(request);
  };

  return { handler, control };
}

interface Problem {
  readonly title: string;
  readonly detail: string;
}

/** What Facebook refuses before showing any dialog, in the order it checks. */
function dialogProblem(
  record: LoginDialogRecord,
  appId: string,
  redirectUris: readonly string[],
): Problem | undefined {
  if (record.clientId !== appId) {
    return {
      title: 'Invalid App ID',
      detail: 'The provided app ID does not look like a valid app ID.',
    };
  }
  if (record.redirectUri === null || !redirectUris.includes(record.redirectUri)) {
    return {
      title: 'URL Blocked',
      detail:
        "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.",
    };
  }
  if (record.responseType !== 'token') {
    return { title: 'Unsupported response_type', detail: 'This dialog only issues tokens.' };
  }
  const unknown = scopesOf(record.scope).filter((scope) => !KNOWN_SCOPES.has(scope));
  if (unknown.length > 0) {
    return { title: 'Invalid Scopes', detail: `Invalid Scopes: ${unknown.join(', ')}.` };
  }
  if (!record.state || record.state.length > STATE_MAX_LENGTH) {
    return { title: 'Missing state', detail: 'A state parameter is required.' };
  }
  return undefined;
}

function scopesOf(scope: string | null): string[] {
  return (scope ?? '')
    .split(/[,\s]+/)
    .filter((each) => each !== '')
    .filter((each, index, all) => all.indexOf(each) === index);
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'";
const STYLE =
  'body{font:15px system-ui,sans-serif;max-width:420px;margin:48px auto;padding:0 16px}' +
  'button{font:inherit;padding:8px 16px;margin-right:8px}';

function html(status: number, body: string): SimResponse {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'cache-control': 'no-store',
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Facebook</title><style>${STYLE}</style></head><body>${body}</body></html>`,
  };
}

function redirect(location: string): SimResponse {
  return { status: 302, headers: { location, 'cache-control': 'no-store' } };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.codePointAt(0)};`);
}

function consentPage(
  appName: string,
  userName: string,
  dialog: DialogRequest,
  nonce: string,
): string {
  const items = dialog.scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('');
  return (
    `<h1>${escapeHtml(appName)} is requesting access to:</h1><ul>${items}</ul>` +
    `<form method="post" action="${dialog.formBase}/confirm"><input type="hidden" name="request" value="${nonce}">` +
    `<button type="submit" name="action" value="continue">Continue as ${escapeHtml(userName)}</button>` +
    `<button type="submit" name="action" value="cancel">Cancel</button></form>`
  );
}

function loginPage(appName: string, formBase: string, nonce: string): string {
  return (
    `<h1>Log in to Facebook</h1><p>Log in to continue to ${escapeHtml(appName)}.</p>` +
    `<form method="post" action="${formBase}/login"><input type="hidden" name="request" value="${nonce}">` +
    `<button type="submit">Log in</button></form>`
  );
}

function errorPage(problem: Problem): string {
  return `<h1>${escapeHtml(problem.title)}</h1><p>${escapeHtml(problem.detail)}</p>`;
}
