import { describe, expect, it } from 'vitest';
import { decodeSnapshotBytes } from '@/lib/share/decode';
import { SnapshotError } from '@/lib/share/errors';
import { openShareLink, readShareLink } from '@/lib/share/link';
import { hostileCorpus, type CorpusCase } from './corpus';
import { HOSTILE_NAME } from './fixtures';

async function open(entry: CorpusCase) {
  if (entry.kind === 'file') return decodeSnapshotBytes(entry.bytes);
  return openShareLink(readShareLink(entry.link), entry.passphrase);
}

const corpus = await hostileCorpus();

describe('the hostile corpus', () => {
  it.each(
    corpus.filter((entry) => entry.expected !== 'accepted').map((entry) => [entry.name, entry]),
  )(
    '%s gives its own clear error',
    async (_name, entry) => {
      const error = await open(entry).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(SnapshotError);
      expect((error as SnapshotError).code).toBe(entry.expected);
      expect((error as SnapshotError).message.length).toBeGreaterThan(10);
      expect((error as SnapshotError).message.length).toBeLessThanOrEqual(301);
    },
    20_000,
  );

  it('accepts script payloads in names as plain data', async () => {
    const entry = corpus.find((candidate) => candidate.name === 'script-names.adlens.json');
    const snapshot = await open(entry!);
    expect(snapshot.entities[1]?.name).toBe(HOSTILE_NAME);
  });

  it('never pollutes Object.prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
