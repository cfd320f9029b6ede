import { AppError } from '@/lib/schema/errors';
import { readToken } from './vault';

/** The token for a command that needs a connection; fails with `not-connected` otherwise. */
export async function requireToken(): Promise<string> {
  const token = await readToken();
  if (token === null) {
    throw new AppError('not-connected', 'Adlens is not connected. Connect it in its options.');
  }
  return token;
}
