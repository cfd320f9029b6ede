import { defineHandler } from '@/lib/messaging/handler';
import { clearApiLog } from '@/lib/privacy/api-log';

export default defineHandler('privacy.clearApiLog', async () => {
  await clearApiLog();
  return {};
});
