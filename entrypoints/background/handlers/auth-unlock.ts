import { unlockToken } from '@/lib/auth/vault';
import { defineHandler } from '@/lib/messaging/handler';

/** Opens the token remembered on this computer with its passphrase, after a browser restart. */
export default defineHandler('auth.unlock', async ({ passphrase }) => {
  await unlockToken(passphrase);
  return { unlocked: true };
});
