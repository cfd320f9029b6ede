import {
  DEFAULT_SYNC_SETTINGS,
  METRIC_GROUP_NAMES,
  SyncSettingsSchema,
  type SyncSettings,
} from '@/lib/schema/sync';
import { readOwnedSetting, writeOwnedSetting } from './owned';
import { validateSetting, type SettingRead } from './read';

/** Version 1 had no metric choice: everything was read, so every group stays on. */
export function migrateToVersion2(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return stored;
  return { ...stored, metricGroups: [...METRIC_GROUP_NAMES] };
}

/**
 * What the sync engine reads and how often it runs: hourly by default, 90 days of history on the
 * first sync (also how long insights are kept), 28 days re-read on each later one. Owned by the
 * background (lib/settings/owned); validated on every read.
 */
export async function checkSyncSettings(): Promise<SettingRead<SyncSettings>> {
  const stored = await readOwnedSetting('syncSettings');
  return validateSetting(
    stored ?? DEFAULT_SYNC_SETTINGS,
    SyncSettingsSchema,
    DEFAULT_SYNC_SETTINGS,
  );
}

/** The stored settings, or the defaults when they are missing or do not parse. */
export async function readSyncSettings(): Promise<SyncSettings> {
  return (await checkSyncSettings()).value;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Changes some settings on top of what is stored now (not on top of what a page read when it
 * opened), one change at a time, so two sections of the options page cannot undo each other's
 * choices. Background only: pages send `settings.updateSync`.
 */
export function updateSyncSettings(change: Partial<SyncSettings>): Promise<SyncSettings> {
  const result = queue.then(async () => {
    const next = SyncSettingsSchema.parse({ ...(await readSyncSettings()), ...change });
    await writeOwnedSetting('syncSettings', next);
    return next;
  });
  queue = result.catch(() => undefined);
  return result;
}
