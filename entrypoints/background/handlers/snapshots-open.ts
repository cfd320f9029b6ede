import { browser } from '#imports';
import type { Handler } from '@/lib/messaging/server';
import { AppError } from '@/lib/schema/errors';
import { handoffFragment, stashSnapshot } from '@/lib/snapshots/transport/handoff';
import { buildSnapshot } from '@/lib/readers/snapshot';

/** A page could ask again and again; one viewer tab at a time is all a person needs. */
const MIN_INTERVAL_MS = 2000;
let lastOpenedAt = Number.NEGATIVE_INFINITY;

/**
 * Ads Manager's "Share snapshot": the background creates the snapshot and opens the viewer on it
 * in a tab of its own. The page gets nothing back, so the data never passes through it.
 */
export const snapshotsOpen: Handler<'snapshots.open'> = async (request) => {
  if (Date.now() - lastOpenedAt < MIN_INTERVAL_MS) {
    throw new AppError('rate-limited', 'A snapshot is already opening. Wait a moment.');
  }
  lastOpenedAt = Date.now();
  const id = await stashSnapshot(await buildSnapshot(request));
  await browser.tabs.create({
    url: `${browser.runtime.getURL('/snapshot-viewer.html')}${handoffFragment(id)}`,
  });
  return {};
};
