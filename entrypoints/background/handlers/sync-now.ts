import { requireUsableToken } from '@/lib/auth/require-token';
import type { Handler } from '@/lib/messaging/server';
import { requestSync } from '@/lib/sync/service';

/**
 * Starts a sync of one account, or of every enabled one, and answers at once. A token Meta already
 * rejected is told at once (Reconnect) rather than queued to fail again.
 */
export const syncNow: Handler<'sync.now'> = async ({ accountId }) => {
  await requireUsableToken();
  return { accepted: await requestSync(accountId) };
};
