import { defineHandler } from '@/lib/messaging/handler';
import { applyDataPolicy } from '@/lib/privacy/data-policy';
import { updateSyncSettings } from '@/lib/settings/sync';
import { applySyncSchedule } from '@/lib/sync/schedule';

/**
 * The one way sync settings change: saved, then applied before the answer, so data no longer
 * wanted is gone when the options page says so.
 */
export default defineHandler('settings.updateSync', async (change) => {
  const next = await updateSyncSettings(change);
  await applySyncSchedule(next);
  await applyDataPolicy(next);
  return next;
});
