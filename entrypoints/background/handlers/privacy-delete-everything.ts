import type { Handler } from '@/lib/messaging/server';
import { wipeEverythingElse } from '@/lib/privacy/delete-everything';
import { disconnect } from './auth-disconnect';

/** Disconnect (token and cache wiped, revoked if asked), then everything else Adlens kept. */
export const deleteEverything: Handler<'privacy.deleteEverything'> = async (request, context) => {
  const result = await disconnect(request, context);
  await wipeEverythingElse();
  return result;
};
