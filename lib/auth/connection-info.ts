import { cacheDb } from '@/lib/cache/db';
import {
  ConnectionInfoSchema,
  type ConnectionHealth,
  type ConnectionInfo,
} from '@/lib/schema/connection';
import { redactSecrets } from '@/lib/util/redact';

/**
 * The connected token's description (never the token) next to the cached connection, so it lives
 * and is wiped exactly as long as the cached data: a token that expires leaves both in place, a
 * disconnect removes both. Validated on every read, like everything read back from storage.
 */
const CONNECTION_INFO_KEY = 'connection-info';

export async function readConnectionInfo(): Promise<ConnectionInfo | undefined> {
  const entry = await cacheDb().meta.get(CONNECTION_INFO_KEY);
  const parsed = ConnectionInfoSchema.safeParse(entry?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function saveConnectionInfo(info: ConnectionInfo): Promise<void> {
  await cacheDb().meta.put({ key: CONNECTION_INFO_KEY, value: ConnectionInfoSchema.parse(info) });
}

/** Records a change of health; does nothing when there is no connection. */
export async function setConnectionHealth(
  health: Exclude<ConnectionHealth, 'token-missing'>,
  problem: string | null,
): Promise<void> {
  const info = await readConnectionInfo();
  if (!info) return;
  await saveConnectionInfo({
    ...info,
    health,
    problem: problem === null ? null : redactSecrets(problem).slice(0, 500),
  });
}

/** Meta's current answer to `/me/permissions`: the person may have changed them on facebook.com. */
export async function updateScopes(
  grantedScopes: readonly string[],
  declinedScopes: readonly string[],
): Promise<void> {
  const info = await readConnectionInfo();
  if (!info) return;
  await saveConnectionInfo({
    ...info,
    grantedScopes: [...grantedScopes],
    declinedScopes: [...declinedScopes],
  });
}
