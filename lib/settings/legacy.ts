import { browser } from '#imports';
import { readOwnedSetting, writeOwnedSetting } from './owned';
import { migrateToVersion2 } from './sync';

/** Keys version 0.1 kept in `storage.local`, with WXT's version records beside them. */
const LEGACY_LOCAL_KEYS = [
  'syncSettings',
  'syncSettings$',
  'facebookLogin',
  'facebookLogin$',
  'forgetTokenOnBrowserClose',
  'forgetTokenOnBrowserClose$',
];

/**
 * Runs once, when the extension is updated from a version that kept these settings in
 * `storage.local`: the values it acted on until now are carried over (validated on every later
 * read like any other), then deleted there. Never run for anything written afterwards.
 */
export async function moveLegacySettings(): Promise<void> {
  const legacy: Record<string, unknown> = await browser.storage.local.get(LEGACY_LOCAL_KEYS);
  for (const key of ['syncSettings', 'facebookLogin'] as const) {
    if (legacy[key] === undefined || (await readOwnedSetting(key)) !== undefined) continue;
    const meta = legacy[`${key}$`];
    const version = typeof meta === 'object' && meta !== null ? (meta as { v?: unknown }).v : 1;
    const stored = legacy[key];
    await writeOwnedSetting(
      key,
      key === 'syncSettings' && version === 1 ? migrateToVersion2(stored) : stored,
    );
  }
  await browser.storage.local.remove(LEGACY_LOCAL_KEYS);
}
