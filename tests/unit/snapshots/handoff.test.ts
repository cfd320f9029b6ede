import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSnapshot } from '@/lib/snapshots/build/create';
import { SnapshotError } from '@/lib/snapshots/format/errors';
import {
  handoffFragment,
  handoffIdOf,
  stashSnapshot,
  takeSnapshot,
} from '@/lib/snapshots/transport/handoff';
import { sampleSource } from './fixtures';

const snapshot = createSnapshot(sampleSource(), new Date('2024-05-15T08:00:00Z'));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the hand-off from the background to the viewer', () => {
  it('gives the snapshot back once, under a random id that travels in the fragment', async () => {
    const id = await stashSnapshot(snapshot);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await stashSnapshot(snapshot)).not.toBe(id);
    expect(handoffIdOf(handoffFragment(id))).toBe(id);
    await expect(takeSnapshot(id)).resolves.toEqual(snapshot);
    await expect(takeSnapshot(id)).rejects.toMatchObject({ code: 'handoff-gone' });
  });

  it('lives in session storage only, never local or sync', async () => {
    await stashSnapshot(snapshot);
    expect(Object.keys(await fakeBrowser.storage.session.get())).toEqual(['snapshotHandoffs']);
    expect(await fakeBrowser.storage.local.get()).toEqual({});
    expect(await fakeBrowser.storage.sync.get()).toEqual({});
  });

  it('keeps only the last few that were never opened', async () => {
    const ids = [];
    for (let count = 0; count < 6; count++) ids.push(await stashSnapshot(snapshot));
    await expect(takeSnapshot(ids[0]!)).rejects.toBeInstanceOf(SnapshotError);
    await expect(takeSnapshot(ids[5]!)).resolves.toEqual(snapshot);
  });

  it('refuses an id of the wrong shape and a stored record that is not a snapshot', async () => {
    await expect(takeSnapshot('../../token')).rejects.toBeInstanceOf(SnapshotError);
    const id = 'a'.repeat(32);
    await fakeBrowser.storage.session.set({
      snapshotHandoffs: [{ id, snapshot: { ...snapshot, __proto__: null, version: 99 } }],
    });
    await expect(takeSnapshot(id)).rejects.toBeInstanceOf(SnapshotError);
    expect(await fakeBrowser.storage.session.get()).toEqual({ snapshotHandoffs: [] });
  });

  it('reads no id from other fragments', () => {
    expect(handoffIdOf('#s=1.d.abc')).toBeUndefined();
    expect(handoffIdOf('')).toBeUndefined();
  });
});
