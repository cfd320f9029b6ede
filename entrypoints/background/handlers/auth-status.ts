import { readConnectionInfo } from '@/lib/auth/connection-info';
import { readToken, tokenStorageState } from '@/lib/auth/vault';
import { listAccounts } from '@/lib/cache/accounts';
import { readConnection } from '@/lib/cache/connection';
import { defineHandler } from '@/lib/messaging/handler';
import type { ConnectionInfo } from '@/lib/schema/connection';
import { readLoginSettings } from '@/lib/settings/facebook-login';

/** A connection without its token (forgotten when the browser closed) needs a reconnect too. */
function currentHealth(info: ConnectionInfo, hasToken: boolean): ConnectionInfo {
  return hasToken ? info : { ...info, health: 'token-missing', problem: null };
}

/**
 * Connected means a token Meta has not rejected, and a cached connection. A connection that needs
 * reconnecting is still reported, with whose it is and its accounts, so its cached data stays in
 * view next to the Reconnect prompt.
 */
export default defineHandler('auth.status', async () => {
  const [token, connection, info, login, tokenStorage] = await Promise.all([
    readToken(),
    readConnection(),
    readConnectionInfo(),
    readLoginSettings(),
    tokenStorageState(),
  ]);
  const settings = {
    login,
    forgetTokenOnClose: !tokenStorage.remembered,
    locked: tokenStorage.locked,
  };
  if (connection === undefined) {
    return { connected: false, userName: null, accountCount: 0, connection: null, ...settings };
  }
  const details = info ? currentHealth(info, token !== null) : null;
  const accounts = await listAccounts();
  return {
    connected: token !== null && details?.health !== 'expired',
    userName: connection.userName,
    accountCount: accounts.length,
    connection: details,
    ...settings,
  };
});
