import { AppError } from '@/lib/schema/errors';
import { readConnectionInfo } from './connection-info';
import { readToken } from './vault';

/** The token for a command that needs a connection; fails with `not-connected` otherwise. */
export async function requireToken(): Promise<string> {
  const token = await readToken();
  if (token === null) {
    throw new AppError('not-connected', 'Adlens is not connected. Connect it in its options.');
  }
  return token;
}

/** The token for a call to Meta: not one Meta already rejected, which would only fail again. */
export async function requireUsableToken(): Promise<string> {
  const token = await requireToken();
  if ((await readConnectionInfo())?.health === 'expired') {
    throw new AppError(
      'token-rejected',
      'Meta no longer accepts Adlens’s access token. Reconnect in the Adlens options; your cached data is kept.',
    );
  }
  return token;
}
