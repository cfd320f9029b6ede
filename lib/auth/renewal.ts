import { browser } from '#imports';
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
/** An alarm, not a timer: it outlives the service worker, and wakes it when due. */
export const RENEWAL_ALARM = 'adlens-token-renewal';

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
    await scheduleRenewal(renewed.info);
    return 'renewed';
  } catch {
    await setConnectionHealth(
      'reauth-needed',
      'Adlens could not renew its Facebook login by itself. Reconnect to keep it working.',
    );
    return 'needs-reconnect';
  }
}

export async function cancelRenewal(): Promise<void> {
  await browser.alarms.clear(RENEWAL_ALARM);
}

/**
 * Sets the renewal alarm for this connection (replacing any other). Chrome fires an alarm that came
 * due while the browser was closed when it is next running; `renewIfDue` also catches a due renewal
 * before the token is next used.
 */
export async function scheduleRenewal(info: ConnectionInfo | undefined): Promise<void> {
  await cancelRenewal();
  const at = info ? renewalTime(info) : undefined;
  if (at !== undefined) await browser.alarms.create(RENEWAL_ALARM, { when: at });
}

export async function onRenewalAlarm(name: string): Promise<void> {
  if (name === RENEWAL_ALARM) await renewSilently();
}

/** Worker start: the alarm as the stored connection says (a connection made before alarms). */
export async function resumeRenewal(): Promise<void> {
  await scheduleRenewal(await readConnectionInfo());
}

export async function renewIfDue(now = Date.now()): Promise<void> {
  const info = await readConnectionInfo();
  const at = info ? renewalTime(info) : undefined;
  if (at !== undefined && now >= at) await renewSilently();
}
