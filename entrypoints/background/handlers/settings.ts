import type { Handler } from '@/lib/messaging/server';
import { applyDataPolicy } from '@/lib/privacy/data-policy';
import { corruptSettings } from '@/lib/settings/health';
import { readSyncSettings, updateSyncSettings } from '@/lib/settings/sync';
import { applySyncSchedule } from '@/lib/sync/schedule';

export const settingsGet: Handler<'settings.get'> = async () => {
  const [sync, corrupt] = await Promise.all([readSyncSettings(), corruptSettings()]);
  return { sync, corrupt };
};

/**
 * The one way sync settings change: saved, then applied before the answer, so data no longer
 * wanted is gone when the options page says so.
 */
export const settingsUpdateSync: Handler<'settings.updateSync'> = async (change) => {
  const next = await updateSyncSettings(change);
  await applySyncSchedule(next);
  await applyDataPolicy(next);
  return next;
};
