import { defineHandler } from '@/lib/messaging/handler';
import { requestSync } from '@/lib/sync/service';

/** Starts a sync of one account, or of every enabled one, and answers at once. */
export default defineHandler('sync.now', async ({ accountId }) => ({
  accepted: await requestSync(accountId),
}));
