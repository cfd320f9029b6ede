import { GraphError } from '@/lib/graph/errors';
import { cancelRenewal, renewIfDue } from './renewal';
import { requireUsableToken } from './require-token';
import { setConnectionHealth } from './connection-info';
import { readToken } from './vault';

/**
 * The way to call Meta with the connected token: re-read from the vault on every use (the worker
 * may have restarted since), renewed first when a login token is due, and a 190 answer marks the
 * connection expired. Cached data is kept: the person reconnects and carries on.
 */
export async function withAccessToken<T>(use: (token: string) => Promise<T>): Promise<T> {
  await renewIfDue();
  const token = await requireUsableToken();
  try {
    return await use(token);
  } catch (error) {
    if (error instanceof GraphError && error.kind === 'auth') {
      await markTokenRejected(token, error.message);
    }
    throw error;
  }
}

/** Only the token that was rejected: a reconnect may have replaced it meanwhile. */
async function markTokenRejected(token: string, reason: string): Promise<void> {
  if ((await readToken()) !== token) return;
  await cancelRenewal();
  await setConnectionHealth('expired', reason);
}
