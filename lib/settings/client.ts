import { send } from '@/lib/messaging/client';
import type { CheckedSetting } from '@/lib/schema/settings';
import type { SyncSettings } from '@/lib/schema/sync';

/**
 * How extension pages read and change the background-owned settings: by message only, so the
 * background checks who asks and applies every change itself.
 */
export async function readSyncSettings(): Promise<SyncSettings> {
  return (await send('settings.get', {})).sync;
}

export function updateSyncSettings(change: Partial<SyncSettings>): Promise<SyncSettings> {
  return send('settings.updateSync', change);
}

export async function corruptSettings(): Promise<CheckedSetting[]> {
  return (await send('settings.get', {})).corrupt;
}
