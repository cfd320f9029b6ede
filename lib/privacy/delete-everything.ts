import { browser } from '#imports';
import { wipeCache } from '@/lib/cache/wipe';
import { clearOwnedSettings } from '@/lib/settings/owned';
import { deleteSavedSnapshot, listSavedSnapshots } from '@/lib/snapshots/store';
import { syncsStopped } from '@/lib/sync/service';

/**
 * After the token and cache are gone (disconnect): saved snapshots, every setting and every
 * session value, so the extension behaves as freshly installed.
 */
export async function wipeEverythingElse(): Promise<void> {
  await syncsStopped();
  for (const { digest } of await listSavedSnapshots()) await deleteSavedSnapshot(digest);
  await Promise.all([
    browser.storage.local.clear(),
    browser.storage.session.clear(),
    clearOwnedSettings(),
  ]);
  await wipeCache();
}
