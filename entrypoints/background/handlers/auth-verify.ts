import { verifyConnection } from '@/lib/auth/verify';
import type { Handler } from '@/lib/messaging/server';

/**
 * The options page checks the connection with Meta when it opens. Failing to check (offline, no
 * connection, a rejected token) is no error to show: `auth.status` then says what is known.
 */
export const verify: Handler<'auth.verify'> = async () => {
  try {
    await verifyConnection();
    return { verified: true };
  } catch {
    return { verified: false };
  }
};
