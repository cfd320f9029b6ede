import { storage } from '#imports';
import { DEFAULT_SYNC_SETTINGS, SyncSettingsSchema, type SyncSettings } from '@/lib/schema/sync';

/**
 * What the sync engine reads and how often it runs: hourly by default, 90 days of history on the
 * first sync, 28 days re-read on each later one. Not secret, so `local:`; validated on every read.
 */
export const syncSettings = storage.defineItem<SyncSettings>('local:syncSettings', {
  fallback: DEFAULT_SYNC_SETTINGS,
  version: 1,
});

/** The stored settings, or the defaults when they are missing or do not parse. */
export async function readSyncSettings(): Promise<SyncSettings> {
  const parsed = SyncSettingsSchema.safeParse(await syncSettings.getValue());
  return parsed.success ? parsed.data : DEFAULT_SYNC_SETTINGS;
}
