import { readConnectionInfo } from '@/lib/auth/connection-info';
import { cancelRenewal } from '@/lib/auth/renewal';
import { forgetToken, readToken } from '@/lib/auth/vault';
import { wipeCache } from '@/lib/cache/wipe';
import { createGraphClient } from '@/lib/graph/client';
import { revokeAppAuthorization } from '@/lib/graph/me';
import type { Revocation } from '@/lib/schema/messages';
import { forgetPendingSnapshots } from '@/lib/snapshots/transport/handoff';
import { syncsStopped } from '@/lib/sync/service';
import { forgetThrottleRecords } from '@/lib/sync/throttle-store';

const REVOKE_TIMEOUT_MS = 5000;

async function revoke(token: string): Promise<'confirmed' | 'unconfirmed'> {
  try {
    // One attempt: the person is waiting, and the local wipe is already done.
    const graph = createGraphClient({
      accessToken: token,
      signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS),
      maxRetries: 0,
    });
    return (await revokeAppAuthorization(graph)) ? 'confirmed' : 'unconfirmed';
  } catch {
    return 'unconfirmed';
  }
}

async function wipeConnectionData(): Promise<void> {
  await wipeCache();
  await forgetPendingSnapshots();
  await forgetThrottleRecords();
}

/**
 * Wipes the token and the cache first, so nothing survives even offline or if the worker dies,
 * then, if asked, has Meta de-authorize the app that issued the token, as a best effort. Revoking
 * is the default only for a token from Adlens's own login (`revoke` undefined): a pasted token
 * may belong to another app (the Graph API Explorer, a business's system user), which revoking
 * would cut off too.
 */
export async function disconnect(revokeAsked: boolean | undefined): Promise<Revocation> {
  const [token, info] = await Promise.all([readToken(), readConnectionInfo()]);
  await cancelRenewal();
  await forgetToken();
  await wipeConnectionData();
  // The syncs the token was taken from are stopped; what they wrote until then goes too.
  await syncsStopped();
  await wipeConnectionData();
  const wantsRevoke = revokeAsked ?? info?.source === 'login';
  if (token === null || !wantsRevoke) return 'not-requested';
  return revoke(token);
}
