import { browser } from '#imports';
import { defineHandler } from '@/lib/messaging/handler';
import { handoffFragment, stashSnapshot } from '@/lib/snapshots/transport/handoff';
import { buildSnapshot } from '@/lib/readers/snapshot';

/**
 * Ads Manager's "Share snapshot": the background creates the snapshot and opens the viewer on it
 * in a tab of its own. The page gets nothing back, so the data never passes through it; it may ask
 * once every two seconds (the protocol entry's `rateLimit`).
 */
export default defineHandler('snapshots.open', async (request) => {
  const id = await stashSnapshot(await buildSnapshot(request));
  await browser.tabs.create({
    url: `${browser.runtime.getURL('/snapshot-viewer.html')}${handoffFragment(id)}`,
  });
  return {};
});
