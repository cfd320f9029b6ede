import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/lib/snapshots/format/canonical';
import { createSnapshot } from '@/lib/snapshots/build/create';
import {
  decodeSnapshotBytes,
  decodeSnapshotText,
  FILE_MAX_BYTES,
} from '@/lib/snapshots/transport/decode';
import { snapshotDigest } from '@/lib/snapshots/format/digest';
import { SnapshotError, snapshotErrorText } from '@/lib/snapshots/format/errors';
import { encodeSnapshotFile, snapshotFileName } from '@/lib/snapshots/transport/file';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/snapshots/build/redact';
import { readerFor } from '../i18n/reader';
import { CREATED_AT, sampleSource } from './fixtures';

const english = readerFor('en');
const snapshot = redactSnapshot(createSnapshot(sampleSource(), CREATED_AT), DEFAULT_REDACTION);

async function failure(promise: Promise<unknown>): Promise<SnapshotError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SnapshotError))
    throw new Error(`Expected a SnapshotError, got ${String(error)}`);
  return error;
}

describe('snapshot files', () => {
  it('round-trip through text and bytes', async () => {
    const text = await encodeSnapshotFile(snapshot);
    await expect(decodeSnapshotText(text)).resolves.toEqual(snapshot);
    await expect(decodeSnapshotBytes(new TextEncoder().encode(text))).resolves.toEqual(snapshot);
    expect(snapshotFileName(snapshot)).toBe('adlens-snapshot-2024-05-01-to-2024-05-14.adlens.json');
  });

  it('carry a SHA-256 digest of the canonical JSON, whatever the key order', async () => {
    const file = JSON.parse(await encodeSnapshotFile(snapshot)) as { digest: string };
    expect(file.digest).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
    const reversed = Object.fromEntries(Object.entries(snapshot).reverse());
    expect(await snapshotDigest(reversed)).toBe(file.digest);
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: true })).toBe(
      '{"a":true,"b":[1,{"c":"x","d":null}]}',
    );
  });

  it('are refused by size before being decoded', async () => {
    const error = await failure(decodeSnapshotBytes(new Uint8Array(FILE_MAX_BYTES + 1)));
    expect(error.code).toBe('too-large');
    expect(snapshotErrorText(error, english.t)).toBe(
      'The snapshot is larger than 2048 KB, more than Adlens ever writes.',
    );
  });

  it('must be UTF-8 text', async () => {
    expect((await failure(decodeSnapshotBytes(new Uint8Array([0xff, 0xfe, 0x00])))).code).toBe(
      'not-json',
    );
  });

  it('name the place of a schema error', async () => {
    const file = JSON.parse(await encodeSnapshotFile(snapshot)) as {
      snapshot: { entities: { name: string }[] };
    };
    file.snapshot.entities[2]!.name = 'x'.repeat(600);
    const error = await failure(decodeSnapshotText(JSON.stringify(file)));
    expect(error.code).toBe('invalid');
    expect(snapshotErrorText(error, english.t)).toBe(
      'The snapshot is not valid: text of length at most 512 at entities.2.name.',
    );
  });

  it('reject extra keys next to the snapshot', async () => {
    const file = JSON.parse(await encodeSnapshotFile(snapshot)) as Record<string, unknown>;
    const error = await failure(decodeSnapshotText(JSON.stringify({ ...file, settings: {} })));
    expect(snapshotErrorText(error, english.t)).toMatch(/unknown key "settings"/);
  });
});
