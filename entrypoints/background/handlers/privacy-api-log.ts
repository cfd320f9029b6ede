import type { Handler } from '@/lib/messaging/server';
import { clearApiLog, readApiLog } from '@/lib/privacy/api-log';

export const apiLog: Handler<'privacy.apiLog'> = () => readApiLog();

export const apiLogClear: Handler<'privacy.clearApiLog'> = async () => {
  await clearApiLog();
  return {};
};
