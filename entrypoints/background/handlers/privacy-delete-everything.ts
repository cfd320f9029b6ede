import { defineHandler } from '@/lib/messaging/handler';
import { wipeEverythingElse } from '@/lib/privacy/delete-everything';
import disconnect from './auth-disconnect';

/** Disconnect (token and cache wiped, revoked if asked), then everything else Adlens kept. */
export default defineHandler('privacy.deleteEverything', async (request, context) => {
  const result = await disconnect(request, context);
  await wipeEverythingElse();
  return result;
});
