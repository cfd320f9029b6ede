import { browser } from '#imports';
import { wipeCache } from '@/lib/cache/wipe';
import { clearOwnedSettings } from '@/lib/settings/owned';
import { deleteSavedSnapshot, listSavedSnapshots } from '@/lib/share/snapshot-store';
import { syncScheduler } from '@/lib/sync/service';

/** A sync cut off by the missing token ends at its next write; this bounds the wait for it. */
const SYNC_STOP_WAIT_MS = 10_000;

/**
 * After the token and cache are gone (disconnect): saved snapshots, every setting and every
 * session value, so the extension behaves as freshly installed.
 */
export async function wipeEverythingElse(): Promise<void> {
  // A sync running when the token went ends at its next write; what it writes until then (its
  // queue, Meta's pacing, a last unit) must not outlive the wipe.
  await Promise.race([
    syncScheduler().idle(),
    new Promise((resolve) => setTimeout(resolve, SYNC_STOP_WAIT_MS)),
  ]);
  for (const { digest } of await listSavedSnapshots()) await deleteSavedSnapshot(digest);
  await Promise.all([
    browser.storage.local.clear(),
    browser.storage.session.clear(),
    clearOwnedSettings(),
  ]);
  await wipeCache();
}
