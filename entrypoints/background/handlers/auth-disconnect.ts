import { forgetToken, readToken } from '@/lib/auth/vault';
import { wipeCache } from '@/lib/cache/wipe';
import { createGraphClient } from '@/lib/graph/client';
import { revokeAppAuthorization } from '@/lib/graph/me';
import type { Handler } from '@/lib/messaging/server';

const REVOKE_TIMEOUT_MS = 5000;

/**
 * Wipes the token and the cache first, so nothing survives even offline or if the worker dies,
 * then asks Meta to revoke the app's permissions as a best effort.
 */
export const disconnect: Handler<'auth.disconnect'> = async () => {
  const token = await readToken();
  await forgetToken();
  await wipeCache();
  if (token === null) return { revoked: false };
  try {
    const graph = createGraphClient({
      accessToken: token,
      signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS),
    });
    return { revoked: await revokeAppAuthorization(graph) };
  } catch {
    return { revoked: false };
  }
};
