import { readToken } from '@/lib/auth/vault';
import { listAccounts } from '@/lib/cache/accounts';
import { readConnection } from '@/lib/cache/connection';
import type { Handler } from '@/lib/messaging/server';

/** Connected means a usable token and a cached connection; either alone is not enough. */
export const authStatus: Handler<'auth.status'> = async () => {
  const [token, connection] = await Promise.all([readToken(), readConnection()]);
  if (token === null || connection === undefined) {
    return { connected: false, userName: null, accountCount: 0 };
  }
  const accounts = await listAccounts();
  return { connected: true, userName: connection.userName, accountCount: accounts.length };
};
