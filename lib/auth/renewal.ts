import { readConnection } from '@/lib/cache/connection';
import type { ConnectionInfo } from '@/lib/schema/connection';
import { readLoginSettings } from '@/lib/settings/facebook-login';
import { connectToken } from './connect';
import { readConnectionInfo, setConnectionHealth } from './connection-info';
import { runFacebookLogin, type WebAuthFlow } from './login-flow';

/**
 * Silent renewal of a Facebook Login token. Login tokens are short-lived (about two hours) and
 * Adlens cannot exchange them for long-lived ones without an app secret, so before one expires
 * Adlens asks the dialog again with `interactive: false`: while the person is logged in to Facebook
 * and still authorizes the app, a fresh token comes back without any window. When that fails, the
 * connection is marked `reauth-needed` and the options page shows a Reconnect prompt; a window is
 * never opened unasked.
 */
export const RENEWAL_LEAD_MS = 15 * 60_000;
/** setTimeout fires at once for longer delays; a renewal that far out is re-armed on wake-up. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** When to renew: 15 minutes before expiry, or halfway through a shorter life. */
export function renewalTime(info: ConnectionInfo): number | undefined {
  if (info.source !== 'login' || info.health !== 'active') return undefined;
  if (typeof info.expiresAt !== 'number') return undefined;
  const expiresAtMs = info.expiresAt * 1000;
  const lifetime = Math.max(0, expiresAtMs - info.obtainedAt);
  return expiresAtMs - Math.min(RENEWAL_LEAD_MS, lifetime / 2);
}

export type RenewalOutcome = 'renewed' | 'needs-reconnect' | 'not-renewable';

let inFlight: Promise<RenewalOutcome> | undefined;

/** One renewal at a time: the timer and a Graph call that finds the token due share it. */
export function renewSilently(flow?: WebAuthFlow): Promise<RenewalOutcome> {
  inFlight ??= attemptRenewal(flow).finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

async function attemptRenewal(flow: WebAuthFlow | undefined): Promise<RenewalOutcome> {
  const [info, login, connection] = await Promise.all([
    readConnectionInfo(),
    readLoginSettings(),
    readConnection(),
  ]);
  if (!info || renewalTime(info) === undefined || login.appId === null || !connection) {
    return 'not-renewable';
  }
  try {
    const options = { ...login, appId: login.appId, interactive: false };
    const grant = await runFacebookLogin(options, flow);
    const renewed = await connectToken(
      grant.accessToken,
      { source: 'login', appId: login.appId, grant },
      { expectedUserId: connection.userId },
    );
    scheduleRenewal(renewed.info);
    return 'renewed';
  } catch {
    await setConnectionHealth(
      'reauth-needed',
      'Adlens could not renew its Facebook login by itself. Reconnect to keep it working.',
    );
    return 'needs-reconnect';
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;

export function cancelRenewal(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

/**
 * Arms the renewal timer for this connection (and disarms any other). A service worker that is
 * stopped loses it; `resumeRenewal` re-arms it when the worker starts, and `renewIfDue` catches a
 * renewal that came due while the worker was stopped, before the token is next used.
 */
export function scheduleRenewal(info: ConnectionInfo | undefined, now = Date.now()): void {
  cancelRenewal();
  const at = info ? renewalTime(info) : undefined;
  if (at === undefined) return;
  timer = setTimeout(
    () => {
      timer = undefined;
      void renewSilently();
    },
    Math.min(MAX_TIMER_MS, Math.max(0, at - now)),
  );
}

export async function resumeRenewal(): Promise<void> {
  scheduleRenewal(await readConnectionInfo());
}

export async function renewIfDue(now = Date.now()): Promise<void> {
  const info = await readConnectionInfo();
  const at = info ? renewalTime(info) : undefined;
  if (at !== undefined && now >= at) await renewSilently();
}
