import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@/lib/snapshots/build/create';
import { SnapshotError, snapshotErrorText } from '@/lib/snapshots/format/errors';
import { createShareLink, openShareLink, readShareLink } from '@/lib/snapshots/transport/link';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/snapshots/build/redact';
import { readerFor } from '../i18n/reader';
import { CREATED_AT, sampleSource } from './fixtures';

const VIEWER = 'chrome-extension://eibaopbhdkahbcljelfmdmpldbnhnngm/snapshot-viewer.html';
const snapshot = redactSnapshot(createSnapshot(sampleSource(), CREATED_AT), DEFAULT_REDACTION);
/**
 * A passphrase key is 600,000 PBKDF2 rounds by design: about 0.3 s of one free core per link made
 * or opened, several seconds on a loaded 2-core CI machine (vitest's default 5 s was once not
 * enough for the four below). This is CPU work the test must do, not a wait.
 */
const PASSPHRASE_WORK_MS = 60_000;

describe('share links', () => {
  it('carry the compressed snapshot in the fragment of the viewer URL', async () => {
    const link = await createShareLink(snapshot, VIEWER);
    expect(link.startsWith(`${VIEWER}#s=1.d.`)).toBe(true);
    expect(link).toMatch(/^[^#]+#s=[A-Za-z0-9._-]+$/);
    expect(link.length).toBeLessThan(JSON.stringify(snapshot).length);
    await expect(openShareLink(readShareLink(link))).resolves.toEqual(snapshot);
  });

  it('are found in a pasted link from another browser, a fragment or a bare payload', async () => {
    const link = await createShareLink(snapshot, VIEWER);
    const payload = link.slice(link.indexOf('#s=') + 3);
    const firefox = `moz-extension://0f1e2d3c-aaaa-bbbb-cccc-123456789abc/snapshot-viewer.html#s=${payload}`;
    for (const input of [`  ${firefox}\n`, `#s=${payload}`, payload]) {
      expect(readShareLink(input)).toEqual({ payload, encrypted: false });
    }
  });

  it('refuse a weak passphrase with the rule in words', async () => {
    for (const weak of ['a', 'tent pegs', 'aaaaaaaaaaaaaaaa', '121212121212']) {
      const error = await createShareLink(snapshot, VIEWER, weak).catch(
        (reason: unknown) => reason,
      );
      expect(error, weak).toMatchObject({ code: 'weak-passphrase' });
      expect(snapshotErrorText(error as SnapshotError, readerFor('en').t)).toContain(
        'at least 12 characters',
      );
    }
  });

  it(
    'are encrypted with a passphrase: AES-GCM under PBKDF2-SHA-256, 600,000 iterations, random salt',
    async () => {
      const first = await createShareLink(snapshot, VIEWER, 'tent pegs and guy ropes');
      const second = await createShareLink(snapshot, VIEWER, 'tent pegs and guy ropes');
      const [, , iterations, salt, iv, check] = first.split('#s=')[1]!.split('.');
      expect(iterations).toBe('600000');
      expect([salt?.length, iv?.length, check?.length]).toEqual([22, 16, 22]);
      expect(second).not.toBe(first);
      const link = readShareLink(first);
      expect(link.encrypted).toBe(true);
      await expect(openShareLink(link, 'tent pegs and guy ropes')).resolves.toEqual(snapshot);
      for (const [passphrase, code] of [
        [undefined, 'passphrase-required'],
        ['', 'passphrase-required'],
        ['tent peg', 'wrong-passphrase'],
      ] as const) {
        const error = await openShareLink(link, passphrase).catch((reason: unknown) => reason);
        expect(error).toBeInstanceOf(SnapshotError);
        expect((error as SnapshotError).code).toBe(code);
      }
    },
    PASSPHRASE_WORK_MS,
  );

  it('are refused past a million characters, before decoding', () => {
    expect(() => readShareLink(`#s=1.d.${'A'.repeat(1_000_000)}`)).toThrow(SnapshotError);
  });

  it('are recognised only with the Adlens prefix', () => {
    expect(() => readShareLink('https://example.com/#s=hello')).toThrow(
      expect.objectContaining({ code: 'corrupt-link', key: 'snapshotErrorNotLink' }),
    );
  });
});
