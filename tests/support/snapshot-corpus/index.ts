import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToBase64Url } from '@/lib/snapshots/transport/base64';
import { deflateRaw } from '@/lib/snapshots/transport/compress';
import type { SnapshotErrorCode } from '@/lib/snapshots/format/errors';
import { createShareLink } from '@/lib/snapshots/transport/link';
import type { Snapshot } from '@/lib/snapshots/format/schema';

/**
 * The hostile corpus: malformed and malicious snapshots, as files and as links, each with the
 * error it must give. The unit tests run it through the decoder, the end-to-end test through the
 * real viewer. Small files are committed next to this module (written by tests/unit/snapshots/write-corpus.ts); large ones and
 * links are made here.
 */
export type Expected = SnapshotErrorCode | 'accepted';

export interface FileCase {
  readonly kind: 'file';
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly expected: Expected;
}

export interface LinkCase {
  readonly kind: 'link';
  readonly name: string;
  readonly link: string;
  readonly passphrase?: string;
  readonly expected: Expected;
}

export type CorpusCase = FileCase | LinkCase;

const STATIC_FILES: readonly [string, Expected][] = [
  ['truncated.adlens.json', 'not-json'],
  ['empty.adlens.json', 'empty'],
  ['not-a-snapshot.json', 'not-a-snapshot'],
  ['wrong-version.adlens.json', 'unsupported-version'],
  ['version-zero.adlens.json', 'unsupported-version'],
  ['proto-key.adlens.json', 'forbidden-key'],
  ['constructor-key.adlens.json', 'forbidden-key'],
  ['unknown-key.adlens.json', 'invalid'],
  ['infinity.adlens.json', 'invalid'],
  ['nan-as-text.adlens.json', 'invalid'],
  ['wrong-digest.adlens.json', 'digest-mismatch'],
  ['tampered-numbers.adlens.json', 'digest-mismatch'],
  ['script-names.adlens.json', 'accepted'],
];

export const VALID_FILE = 'valid.adlens.json';
export const WRONG_PASSPHRASE = 'not the passphrase';
export const PASSPHRASE = 'correct horse battery staple';
const VIEWER = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/snapshot-viewer.html';

export function corpusFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(import.meta.dirname, name)));
}

export async function hostileCorpus(): Promise<CorpusCase[]> {
  const valid = corpusFile(VALID_FILE);
  const text = new TextDecoder().decode(valid);
  const snapshot = (JSON.parse(text) as { snapshot: Snapshot }).snapshot;
  const protectedLink = await createShareLink(snapshot, VIEWER, PASSPHRASE);
  const plainLink = await createShareLink(snapshot, VIEWER);
  return [
    ...STATIC_FILES.map(([name, expected]): FileCase => ({
      kind: 'file',
      name,
      bytes: corpusFile(name),
      expected,
    })),
    {
      kind: 'file',
      name: 'oversized.adlens.json',
      // Valid JSON padded past the cap: refused by size, before parsing.
      bytes: new TextEncoder().encode(text.replace('{', `{${' '.repeat(2 * 1024 * 1024)}`)),
      expected: 'too-large',
    },
    {
      kind: 'file',
      name: 'huge-array.adlens.json',
      bytes: new TextEncoder().encode(
        text.replace(/"values": \[/, `"values": [${'0,'.repeat(200_000)}`),
      ),
      expected: 'invalid',
    },
    {
      kind: 'link',
      name: 'truncated link',
      link: plainLink.slice(0, -40),
      expected: 'corrupt-link',
    },
    {
      kind: 'link',
      name: 'not base64url',
      link: `${VIEWER}#s=1.d.<script>alert(1)</script>`,
      expected: 'corrupt-link',
    },
    { kind: 'link', name: 'deflate bomb', link: await bombLink(), expected: 'too-large' },
    {
      kind: 'link',
      name: 'protected link without passphrase',
      link: protectedLink,
      expected: 'passphrase-required',
    },
    {
      kind: 'link',
      name: 'wrong passphrase',
      link: protectedLink,
      passphrase: WRONG_PASSPHRASE,
      expected: 'wrong-passphrase',
    },
    {
      kind: 'link',
      name: 'protected link with a changed ciphertext',
      link: changeCiphertext(protectedLink),
      passphrase: PASSPHRASE,
      expected: 'corrupt-link',
    },
    {
      kind: 'link',
      name: 'iterations beyond the cap',
      link: protectedLink.replace('.600000.', '.99999999.'),
      passphrase: PASSPHRASE,
      expected: 'corrupt-link',
    },
  ];
}

/** 64 MB of zeros compress to about 64 KB: far under the link cap, far over the file cap. */
async function bombLink(): Promise<string> {
  const zeros = await deflateRaw(new Uint8Array(64 * 1024 * 1024));
  return `${VIEWER}#s=1.d.${bytesToBase64Url(zeros)}`;
}

/** Changes the ciphertext's first character, which carries six whole bits of its first byte. */
function changeCiphertext(link: string): string {
  const start = link.lastIndexOf('.') + 1;
  const replacement = link[start] === 'A' ? 'B' : 'A';
  return `${link.slice(0, start)}${replacement}${link.slice(start + 1)}`;
}
