import { defineHandler } from '@/lib/messaging/handler';
import { disconnect } from '@/lib/privacy/disconnect';

/** The token and the cache wiped, then the app's authorization revoked if asked (lib/privacy). */
export default defineHandler('auth.disconnect', async (request) => ({
  revocation: await disconnect(request.revoke),
}));
