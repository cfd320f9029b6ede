import { verifyConnection } from '@/lib/auth/verify';
import { defineHandler } from '@/lib/messaging/handler';

/**
 * The options page checks the connection with Meta when it opens. Failing to check (offline, no
 * connection, a rejected token) is no error to show: `auth.status` then says what is known.
 */
export default defineHandler('auth.verify', async () => {
  try {
    await verifyConnection();
    return { verified: true };
  } catch {
    return { verified: false };
  }
});
