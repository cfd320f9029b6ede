import { snapshotDigest } from '@/lib/snapshots/format/digest';
import { SnapshotSchema, type Snapshot } from '@/lib/snapshots/format/schema';

export const SNAPSHOT_FILE_EXTENSION = '.adlens.json';
export const SNAPSHOT_FILE_TYPE = 'application/json';

/** `{ snapshot, digest }` as a `.adlens.json` file: indented, so a reader can check it by eye. */
export async function encodeSnapshotFile(snapshot: Snapshot): Promise<string> {
  return `${JSON.stringify(await snapshotEnvelope(snapshot), null, 2)}\n`;
}

/** The file's object; links carry it too, so both are checked the same way when opened. */
export async function snapshotEnvelope(
  snapshot: Snapshot,
): Promise<{ snapshot: Snapshot; digest: string }> {
  const valid = SnapshotSchema.parse(snapshot);
  return { snapshot: valid, digest: await snapshotDigest(valid) };
}

export function snapshotFileName(snapshot: Snapshot, extension = SNAPSHOT_FILE_EXTENSION): string {
  return `adlens-snapshot-${snapshot.range.since}-to-${snapshot.range.until}${extension}`;
}
