import { unlockToken } from '@/lib/auth/vault';
import type { Handler } from '@/lib/messaging/server';

/** Opens the token remembered on this computer with its passphrase, after a browser restart. */
export const unlock: Handler<'auth.unlock'> = async ({ passphrase }) => {
  await unlockToken(passphrase);
  return { unlocked: true };
};
