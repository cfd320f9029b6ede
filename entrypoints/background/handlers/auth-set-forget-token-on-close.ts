import { applyTokenPersistence } from '@/lib/auth/vault';
import type { Handler } from '@/lib/messaging/server';
import { forgetTokenOnBrowserClose } from '@/lib/settings/token-persistence';

/**
 * "Forget the token when the browser closes", applied before answering: switching it on deletes
 * the ciphertext from disk, switching it off seals the live token again.
 */
export const setForgetTokenOnClose: Handler<'auth.setForgetTokenOnClose'> = async ({ forget }) => {
  await forgetTokenOnBrowserClose.setValue(forget);
  await applyTokenPersistence();
  return { forgetTokenOnClose: forget };
};
