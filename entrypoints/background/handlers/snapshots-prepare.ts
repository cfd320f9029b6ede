import { defineHandler } from '@/lib/messaging/handler';
import { stashSnapshot } from '@/lib/snapshots/transport/handoff';
import { buildSnapshot } from '@/lib/readers/snapshot';

/** Creates a snapshot for the options page and leaves it for the viewer tab it opens next. */
export default defineHandler('snapshots.prepare', async (request) => ({
  handoffId: await stashSnapshot(await buildSnapshot(request)),
}));
