import { forgetTokenOnClose, rememberToken, tokenStorageState } from '@/lib/auth/vault';
import { defineHandler } from '@/lib/messaging/handler';

/**
 * "Forget the token when the browser closes" (the default) deletes any remembered copy at once;
 * turning it off remembers the live token on this computer under the passphrase given, which the
 * vault refuses when it is too weak.
 */
export default defineHandler('auth.setForgetTokenOnClose', async (request) => {
  if (request.forget) await forgetTokenOnClose();
  else await rememberToken(request.passphrase);
  return { forgetTokenOnClose: !(await tokenStorageState()).remembered };
});
