import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSnapshot } from '@/lib/snapshots/build/create';
import { snapshotDigest } from '@/lib/snapshots/format/digest';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/snapshots/build/redact';
import {
  deleteSavedSnapshot,
  listSavedSnapshots,
  saveSnapshot,
  SNAPSHOT_DATABASE,
} from '@/lib/snapshots/store';
import { CREATED_AT, sampleSource } from './fixtures';

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 4, 15);
const full = createSnapshot(sampleSource(), CREATED_AT);
const redacted = redactSnapshot(full, DEFAULT_REDACTION);

async function rawRecords(): Promise<unknown[]> {
  const db = new Dexie(SNAPSHOT_DATABASE);
  await db.open();
  const records: unknown[] = await db.table('snapshots').toArray();
  db.close();
  return records;
}

beforeEach(async () => {
  for (const saved of await listSavedSnapshots(0)) await deleteSavedSnapshot(saved.digest);
});

describe('snapshot store', () => {
  it('keeps snapshots in their own database, newest first, for 30 days', async () => {
    await saveSnapshot(full, NOW);
    const second = await saveSnapshot(redacted, NOW + 1000);
    expect(second.digest).toBe(await snapshotDigest(redacted));
    expect(second.expiresAt).toBe(NOW + 1000 + 30 * DAY);
    expect((await listSavedSnapshots(NOW + 2000)).map((saved) => saved.snapshot)).toEqual([
      redacted,
      full,
    ]);
    expect(await listSavedSnapshots(NOW + 30 * DAY + 500)).toHaveLength(1);
    expect(await rawRecords()).toHaveLength(1);
  });

  it('stores the same snapshot once and deletes on request', async () => {
    await saveSnapshot(redacted, NOW);
    const again = await saveSnapshot(redacted, NOW + 5);
    expect(await listSavedSnapshots(NOW)).toEqual([again]);
    await deleteSavedSnapshot(again.digest);
    expect(await listSavedSnapshots(NOW)).toEqual([]);
  });

  it('drops a record that no longer validates', async () => {
    const saved = await saveSnapshot(redacted, NOW);
    const db = new Dexie(SNAPSHOT_DATABASE);
    await db.open();
    await db.table('snapshots').put({ ...saved, snapshot: { ...saved.snapshot, version: 99 } });
    db.close();
    expect(await listSavedSnapshots(NOW)).toEqual([]);
    expect(await rawRecords()).toEqual([]);
  });
});
