import { browser } from '#imports';
import { AppError } from '@/lib/schema/errors';
import {
  buildLoginUrl,
  createLoginState,
  loginScopes,
  parseLoginRedirect,
  type LoginGrant,
} from './facebook-login';

/**
 * Facebook Login through `identity.launchWebAuthFlow`: the browser opens the dialog in a window of
 * its own and hands back the redirect to https://<extension id>.chromiumapp.org/ without loading
 * it, so the token in its fragment never reaches a server or a page.
 */
export interface WebAuthFlow {
  redirectUri(): string;
  /** Resolves with the redirect URL; rejects when the window is closed or UI would be needed. */
  launch(url: string, interactive: boolean): Promise<string>;
}

export const browserWebAuthFlow: WebAuthFlow = {
  redirectUri: () => browser.identity.getRedirectURL(),
  launch: async (url, interactive) => {
    const redirect = await browser.identity.launchWebAuthFlow({ url, interactive });
    if (typeof redirect !== 'string') throw new Error('No redirect');
    return redirect;
  },
};

export interface LoginOptions {
  readonly appId: string;
  readonly businessManagement: boolean;
  /** False for a silent renewal, which fails instead of showing a window. */
  readonly interactive: boolean;
}

const CANCELLED =
  'Facebook Login was cancelled, so Adlens is not connected and stored nothing. Log in again and ' +
  'press “Continue” to connect.';
const NEEDS_INTERACTION = 'Facebook needs you to log in again.';
const DIALOG_FAILED =
  'The Facebook Login window closed or could not load. Check the app id and that the app lists ' +
  'this redirect URI under “Valid OAuth Redirect URIs”, then try again.';

/** The browser's rejection, as the user should read it; its own text is not shown. */
function flowFailure(interactive: boolean): AppError {
  return interactive
    ? new AppError('login-cancelled', DIALOG_FAILED)
    : new AppError('login-failed', NEEDS_INTERACTION);
}

export async function runFacebookLogin(
  options: LoginOptions,
  flow: WebAuthFlow = browserWebAuthFlow,
): Promise<LoginGrant> {
  const redirectUri = flow.redirectUri();
  const state = createLoginState();
  const url = buildLoginUrl({
    appId: options.appId,
    redirectUri,
    state,
    scopes: loginScopes(options),
    rerequest: options.interactive,
  });
  let redirect: string;
  try {
    redirect = await flow.launch(url.href, options.interactive);
  } catch {
    throw flowFailure(options.interactive);
  }
  const result = parseLoginRedirect(redirect, { redirectUri, state });
  if (result.outcome === 'denied') throw new AppError('login-cancelled', CANCELLED);
  return result.grant;
}
