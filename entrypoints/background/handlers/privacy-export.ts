import type { Handler } from '@/lib/messaging/server';
import { exportEverything } from '@/lib/privacy/export';

export const exportData: Handler<'privacy.export'> = async () => ({
  json: await exportEverything(),
});
