import { requireToken } from '@/lib/auth/require-token';
import type { Handler } from '@/lib/messaging/server';
import { requestSync } from '@/lib/sync/service';

/** Starts a sync of one account, or of every enabled one, and answers at once. */
export const syncNow: Handler<'sync.now'> = async ({ accountId }) => {
  await requireToken();
  return { accepted: await requestSync(accountId) };
};
