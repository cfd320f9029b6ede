import { storage } from '#imports';
import { HandoffIdSchema } from '@/lib/schema/snapshots';
import { SnapshotError } from '@/lib/snapshots/format/errors';
import { SnapshotSchema, type Snapshot } from '@/lib/snapshots/format/schema';

/**
 * How a snapshot the background created reaches the viewer tab: through `storage.session`, which
 * only extension pages and the worker can read (never a content script, whose access level we never
 * widen), under a random id that travels in the viewer's address and is good for one read.
 */
const PENDING_MAX = 4;

interface Pending {
  readonly id: string;
  readonly snapshot: Snapshot;
}

const pendingItem = storage.defineItem<Pending[]>('session:snapshotHandoffs', { fallback: [] });

/** Keeps the snapshot for the viewer and returns its one-time id; the oldest beyond a few go. */
export async function stashSnapshot(snapshot: Snapshot): Promise<string> {
  const id = crypto.randomUUID().replaceAll('-', '');
  const pending = await pendingItem.getValue();
  await pendingItem.setValue([...pending, { id, snapshot }].slice(-PENDING_MAX));
  return id;
}

/** Drops every snapshot no viewer has opened yet: they hold synced data, which disconnect wipes. */
export async function forgetPendingSnapshots(): Promise<void> {
  await pendingItem.removeValue();
}

/** The snapshot stashed under `id`, removed as it is read; validated like any stored record. */
export async function takeSnapshot(id: string): Promise<Snapshot> {
  const pending = HandoffIdSchema.safeParse(id).success ? await pendingItem.getValue() : [];
  const entry = pending.find((candidate) => candidate.id === id);
  if (entry) await pendingItem.setValue(pending.filter((candidate) => candidate !== entry));
  const parsed = SnapshotSchema.safeParse(entry?.snapshot);
  if (!parsed.success) {
    throw new SnapshotError('handoff-gone', 'snapshotErrorHandoffGone');
  }
  return parsed.data;
}

const FRAGMENT_PREFIX = '#create=';

/** The fragment of the viewer's address that opens a stashed snapshot in its create view. */
export function handoffFragment(id: string): string {
  return `${FRAGMENT_PREFIX}${id}`;
}

/** The one-time id in a viewer address's fragment, if it carries one. */
export function handoffIdOf(hash: string): string | undefined {
  return hash.startsWith(FRAGMENT_PREFIX) ? hash.slice(FRAGMENT_PREFIX.length) : undefined;
}
