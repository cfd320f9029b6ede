import { defineHandler } from '@/lib/messaging/handler';
import { wipeEverythingElse } from '@/lib/privacy/delete-everything';
import { disconnect } from '@/lib/privacy/disconnect';

/** Disconnect (token and cache wiped, revoked if asked), then everything else Adlens kept. */
export default defineHandler('privacy.deleteEverything', async (request) => {
  const revocation = await disconnect(request.revoke);
  await wipeEverythingElse();
  return { revocation };
});
