import { describe, expect, it } from 'vitest';
import { decodeSnapshotBytes } from '@/lib/snapshots/transport/decode';
import { SnapshotError, snapshotErrorText } from '@/lib/snapshots/format/errors';
import { openShareLink, readShareLink } from '@/lib/snapshots/transport/link';
import { hostileCorpus, type CorpusCase } from '@/tests/support/snapshot-corpus';
import { readerFor } from '../i18n/reader';
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

  it('tells each of its errors in the reader’s language, with the values it names', async () => {
    const [english, german, chinese] = (['en', 'de', 'zh_CN'] as const).map(readerFor);
    const said = new Map<string, string[]>();
    for (const entry of corpus.filter((candidate) => candidate.expected !== 'accepted')) {
      const error = (await open(entry).catch((reason: unknown) => reason)) as SnapshotError;
      said.set(
        entry.name,
        [english, german, chinese].map((reader) => snapshotErrorText(error, reader!.t)),
      );
    }
    for (const [name, [en, de, zh]] of said) {
      expect(de, name).not.toBe(en);
      expect(zh, name).not.toBe(en);
      expect(zh, name).toMatch(/\p{Script=Han}/u);
    }
    expect(said.get('proto-key.adlens.json')).toEqual([
      'The snapshot contains the forbidden key "__proto__".',
      'Der Snapshot enthält den verbotenen Schlüssel „__proto__“.',
      '快照包含禁止使用的键“__proto__”。',
    ]);
    expect(said.get('wrong-version.adlens.json')?.[1]).toBe(
      'Dieser Snapshot stammt von einem neueren Adlens (Formatversion 2). Aktualisiere Adlens, um ihn zu öffnen.',
    );
    expect(said.get('oversized.adlens.json')?.[2]).toBe(
      '快照大于 2048 KB，超过了 Adlens 会写入的大小。',
    );
    // Opening the passphrase links runs 600,000 PBKDF2 rounds each, by design: CPU work that takes
    // seconds on a loaded 2-core machine, not a wait.
  }, 60_000);

  it('accepts script payloads in names as plain data', async () => {
    const entry = corpus.find((candidate) => candidate.name === 'script-names.adlens.json');
    const snapshot = await open(entry!);
    expect(snapshot.entities[1]?.name).toBe(HOSTILE_NAME);
  });

  it('never pollutes Object.prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
