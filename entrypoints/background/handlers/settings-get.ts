import { defineHandler } from '@/lib/messaging/handler';
import { corruptSettings } from '@/lib/settings/health';
import { readSyncSettings } from '@/lib/settings/sync';

/** The background-owned sync settings, and which stored ones were unreadable. */
export default defineHandler('settings.get', async () => {
  const [sync, corrupt] = await Promise.all([readSyncSettings(), corruptSettings()]);
  return { sync, corrupt };
});
