import { storage } from '#imports';
import {
  DEFAULT_SYNC_SETTINGS,
  METRIC_GROUP_NAMES,
  SyncSettingsSchema,
  type SyncSettings,
} from '@/lib/schema/sync';
import { validateSetting, type SettingRead } from './read';

/** Version 1 had no metric choice: everything was read, so every group stays on. */
export function migrateToVersion2(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return stored;
  return { ...stored, metricGroups: [...METRIC_GROUP_NAMES] };
}

/**
 * What the sync engine reads and how often it runs: hourly by default, 90 days of history on the
 * first sync (also how long insights are kept), 28 days re-read on each later one. Not secret, so
 * `local:`; validated on every read. A change of shape bumps `version` with a migration.
 */
export const syncSettings = storage.defineItem<SyncSettings>('local:syncSettings', {
  fallback: DEFAULT_SYNC_SETTINGS,
  version: 2,
  migrations: { 2: migrateToVersion2 },
});

/** The stored settings, or the defaults when the stored value does not parse, and which it was. */
export async function checkSyncSettings(): Promise<SettingRead<SyncSettings>> {
  return validateSetting(await syncSettings.getValue(), SyncSettingsSchema, DEFAULT_SYNC_SETTINGS);
}

/** The stored settings, or the defaults when they are missing or do not parse. */
export async function readSyncSettings(): Promise<SyncSettings> {
  return (await checkSyncSettings()).value;
}

/**
 * Changes some settings on top of what is stored now (not on top of what a page read when it
 * opened), so two sections of the options page cannot undo each other's choices.
 */
export async function updateSyncSettings(change: Partial<SyncSettings>): Promise<SyncSettings> {
  const next = SyncSettingsSchema.parse({ ...(await readSyncSettings()), ...change });
  await syncSettings.setValue(next);
  return next;
}
