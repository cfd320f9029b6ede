import { saveToken } from '@/lib/auth/vault';
import { saveConnection } from '@/lib/cache/connection';
import { wipeCache } from '@/lib/cache/wipe';
import { createGraphClient } from '@/lib/graph/client';
import { fetchAdAccounts, fetchCurrentUser } from '@/lib/graph/me';
import type { Handler } from '@/lib/messaging/server';
import { toAccountSummary } from '@/lib/schema/account';

/**
 * Checks a pasted token against the Graph API (`/me`, then `/me/adaccounts`) and only then stores
 * it with the accounts. A token Meta rejects stores nothing and leaves any previous connection as
 * it was.
 */
export const connectWithToken: Handler<'auth.connectWithToken'> = async ({ token }) => {
  const graph = createGraphClient({ accessToken: token });
  const user = await fetchCurrentUser(graph);
  const accounts = await fetchAdAccounts(graph);

  await saveConnection(user, accounts);
  try {
    await saveToken(token);
  } catch (error) {
    await wipeCache();
    throw error;
  }
  return { userName: user.name, accounts: accounts.map(toAccountSummary) };
};
