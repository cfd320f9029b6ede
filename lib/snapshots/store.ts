import { Dexie, type EntityTable } from 'dexie';
import * as z from 'zod/mini';
import { DIGEST_PATTERN, snapshotDigest } from '@/lib/snapshots/format/digest';
import { SnapshotSchema, type Snapshot } from '@/lib/snapshots/format/schema';

/**
 * Snapshots the user chose to keep, in a database of their own: never mixed with the synced cache,
 * labelled by where they came from only through this separation, and kept for a limited time.
 * Records are validated again when read; one that fails is deleted, never trusted.
 */
export const SNAPSHOT_DATABASE = 'adlens-snapshots';
export const SNAPSHOT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

const SavedSnapshotSchema = z.strictObject({
  digest: z.string().check(z.regex(DIGEST_PATTERN)),
  savedAt: z.number(),
  expiresAt: z.number(),
  snapshot: SnapshotSchema,
});
export type SavedSnapshot = z.infer<typeof SavedSnapshotSchema>;

type SnapshotDatabase = Dexie & { snapshots: EntityTable<SavedSnapshot, 'digest'> };

function openSnapshotDatabase(): SnapshotDatabase {
  const db = new Dexie(SNAPSHOT_DATABASE) as SnapshotDatabase;
  // Each schema change adds a version with its upgrade; published versions are never edited.
  db.version(1).stores({ snapshots: 'digest, expiresAt' });
  return db;
}

let database: SnapshotDatabase | undefined;
function snapshotDb(): SnapshotDatabase {
  return (database ??= openSnapshotDatabase());
}

/** Keeps a snapshot for the retention period; saving the same one again restarts its clock. */
export async function saveSnapshot(snapshot: Snapshot, now = Date.now()): Promise<SavedSnapshot> {
  const valid = SnapshotSchema.parse(snapshot);
  const record: SavedSnapshot = {
    digest: await snapshotDigest(valid),
    savedAt: now,
    expiresAt: now + SNAPSHOT_RETENTION_DAYS * DAY_MS,
    snapshot: valid,
  };
  await snapshotDb().snapshots.put(record);
  return record;
}

/** Saved snapshots, newest first, after deleting expired and invalid ones. */
export async function listSavedSnapshots(now = Date.now()): Promise<SavedSnapshot[]> {
  const table = snapshotDb().snapshots;
  await table.where('expiresAt').belowOrEqual(now).delete();
  const valid: SavedSnapshot[] = [];
  const invalid: string[] = [];
  for (const record of await table.toArray()) {
    const parsed = SavedSnapshotSchema.safeParse(record);
    if (parsed.success) valid.push(parsed.data);
    else invalid.push(record.digest);
  }
  if (invalid.length > 0) await table.bulkDelete(invalid);
  return valid.sort((a, b) => b.savedAt - a.savedAt);
}

export async function deleteSavedSnapshot(digest: string): Promise<void> {
  await snapshotDb().snapshots.delete(digest);
}
