import { storage } from '#imports';

/**
 * "Forget the token when the browser closes": when on, the token lives in session storage only
 * and no ciphertext is kept on disk. Not a secret, so it may live in `local:`.
 */
export const forgetTokenOnBrowserClose = storage.defineItem<boolean>(
  'local:forgetTokenOnBrowserClose',
  { fallback: false, version: 1 },
);

/** Anything but an explicit `true` (a missing or corrupt value) means the default: persist. */
export async function isTokenSessionOnly(): Promise<boolean> {
  return (await forgetTokenOnBrowserClose.getValue()) === true;
}
