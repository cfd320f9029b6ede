import { callCollector } from '@/lib/cache/api-log';
import { readConnection, saveConnection } from '@/lib/cache/connection';
import { wipeCache } from '@/lib/cache/wipe';
import { createGraphClient } from '@/lib/graph/client';
import { fetchAdAccounts } from '@/lib/graph/me';
import type { AccountRecord } from '@/lib/schema/account';
import type { ConnectionInfo } from '@/lib/schema/connection';
import { AppError } from '@/lib/schema/errors';
import type { GraphUser } from '@/lib/schema/graph';
import { saveConnectionInfo } from './connection-info';
import { checkToken, describeConnection, type TokenOrigin } from './validate-token';
import { saveToken } from './vault';

export interface Connected {
  readonly user: GraphUser;
  readonly accounts: readonly AccountRecord[];
  readonly info: ConnectionInfo;
}

export interface ConnectOptions {
  /** A renewal must stay with the same, still connected person; anything else fails. */
  readonly expectedUserId?: string;
}

/**
 * Checks a token with Meta and only then stores it, with what Meta said about it and the ad
 * accounts it reaches. A token Meta rejects, or one without `ads_read`, stores nothing and leaves
 * the previous connection as it was. Connecting as someone else first wipes the previous person's
 * cached data; reconnecting as the same person keeps it.
 */
export async function connectToken(
  token: string,
  origin: TokenOrigin,
  options: ConnectOptions = {},
): Promise<Connected> {
  const log = callCollector();
  const graph = createGraphClient({ accessToken: token, onCall: log.onCall });
  const check = await checkToken(graph, token, origin.source);
  const accounts = await fetchAdAccounts(graph);
  const info = describeConnection(check, origin, Date.now());

  const previous = await readConnection();
  // Checked last, right before storing: a disconnect may have happened during the calls above.
  const expected = options.expectedUserId;
  if (expected !== undefined && (check.user.id !== expected || previous?.userId !== expected)) {
    throw new AppError('login-failed', 'The renewed login does not match the current connection.');
  }
  if (previous && previous.userId !== check.user.id) await wipeCache();
  try {
    await saveConnection(check.user, accounts);
    await saveConnectionInfo(info);
    await saveToken(token);
    // Kept only with the connection: a token Meta refused leaves nothing behind, not even this.
    await log.save();
  } catch (error) {
    // Half a connection (accounts without a token, or a token without its description) is none.
    await wipeCache();
    throw error;
  }
  return { user: check.user, accounts, info };
}
