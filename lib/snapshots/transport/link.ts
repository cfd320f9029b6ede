import { base64UrlToBytes, bytesToBase64Url } from './base64';
import { deflateRaw, inflateRaw } from './compress';
import { decodeSnapshotText, FILE_MAX_BYTES } from './decode';
import { SnapshotError } from '@/lib/snapshots/format/errors';
import { snapshotEnvelope } from './file';
import {
  CHECK_BYTES,
  derivePassphraseKey,
  IV_BYTES,
  MAX_PBKDF2_ITERATIONS,
  PBKDF2_ITERATIONS,
  SALT_BYTES,
  sameBytes,
  isStrongPassphrase,
} from '@/lib/util/passphrase';
import type { Snapshot } from '@/lib/snapshots/format/schema';

/**
 * Share links: `chrome-extension://<id>/snapshot-viewer.html#s=<payload>`. The payload lives in
 * the fragment, which browsers never send to any server. It is the snapshot file, DEFLATE-raw
 * compressed and base64url encoded, optionally encrypted with a passphrase:
 *
 *   1.d.<data>                                          plain
 *   1.e.<iterations>.<salt>.<iv>.<check>.<ciphertext>   AES-GCM, key from PBKDF2-SHA-256
 */
export const LINK_MAX_CHARS = 1_000_000;
const FRAGMENT_KEY = 's=';
const PLAIN = '1.d';
const ENCRYPTED = '1.e';

export interface ShareLink {
  readonly payload: string;
  readonly encrypted: boolean;
}

/** `viewerUrl` is the viewer page's address in this browser (`browser.runtime.getURL`). */
export async function createShareLink(
  snapshot: Snapshot,
  viewerUrl: string,
  passphrase?: string,
): Promise<string> {
  // A link travels (chat, mail) and can be attacked offline: a weak passphrase protects nothing.
  if (passphrase && !isStrongPassphrase(passphrase)) {
    throw new SnapshotError('weak-passphrase', 'errorWeakPassphrase');
  }
  const text = JSON.stringify(await snapshotEnvelope(snapshot));
  const compressed = await deflateRaw(new TextEncoder().encode(text));
  const payload = passphrase
    ? await encryptedPayload(compressed, passphrase)
    : `${PLAIN}.${bytesToBase64Url(compressed)}`;
  return `${viewerUrl.split('#')[0]}#${FRAGMENT_KEY}${payload}`;
}

/**
 * Finds the payload in what the user pasted: a whole link from any browser (the extension id
 * differs between browsers and Firefox profiles), its fragment, or the bare payload.
 */
export function readShareLink(input: string): ShareLink {
  const trimmed = input.trim();
  if (trimmed.length > LINK_MAX_CHARS) {
    throw new SnapshotError('too-large', 'snapshotErrorLinkTooLong');
  }
  const marker = trimmed.indexOf(`#${FRAGMENT_KEY}`);
  const payload = marker >= 0 ? trimmed.slice(marker + 1 + FRAGMENT_KEY.length) : trimmed;
  if (payload.startsWith(`${PLAIN}.`)) return { payload, encrypted: false };
  if (payload.startsWith(`${ENCRYPTED}.`)) return { payload, encrypted: true };
  throw new SnapshotError('corrupt-link', 'snapshotErrorNotLink');
}

/** Opens a link; fails only with a SnapshotError, telling a wrong passphrase from damage. */
export async function openShareLink(link: ShareLink, passphrase?: string): Promise<Snapshot> {
  const compressed = link.encrypted
    ? await decryptPayload(link.payload, passphrase)
    : decodePart(link.payload.slice(PLAIN.length + 1));
  const text = new TextDecoder().decode(await inflateRaw(compressed, FILE_MAX_BYTES));
  return decodeSnapshotText(text);
}

async function encryptedPayload(plain: Uint8Array, passphrase: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const { key, check } = await derivePassphraseKey(passphrase, salt, PBKDF2_ITERATIONS);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    plain as Uint8Array<ArrayBuffer>,
  );
  return [ENCRYPTED, PBKDF2_ITERATIONS, salt, iv, check, new Uint8Array(ciphertext)]
    .map((part) => (part instanceof Uint8Array ? bytesToBase64Url(part) : String(part)))
    .join('.');
}

async function decryptPayload(
  payload: string,
  passphrase: string | undefined,
): Promise<Uint8Array> {
  const header = parseEncryptedPayload(payload);
  if (!passphrase) {
    throw new SnapshotError('passphrase-required', 'snapshotErrorPassphraseRequired');
  }
  const { key, check } = await derivePassphraseKey(passphrase, header.salt, header.iterations);
  if (!sameBytes(check, header.check)) {
    throw new SnapshotError('wrong-passphrase', 'snapshotErrorWrongPassphrase');
  }
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: header.iv as Uint8Array<ArrayBuffer> },
        key,
        header.ciphertext as Uint8Array<ArrayBuffer>,
      ),
    );
  } catch {
    throw new SnapshotError('corrupt-link', 'snapshotErrorLinkDamaged');
  }
}

function parseEncryptedPayload(payload: string) {
  const [, , iterationsText, ...encoded] = payload.split('.');
  const [salt, iv, check, ciphertext] = encoded.map(decodePart);
  const iterations = Number(iterationsText);
  const wellFormed =
    encoded.length === 4 &&
    /^\d{1,8}$/.test(iterationsText ?? '') &&
    iterations >= PBKDF2_ITERATIONS &&
    iterations <= MAX_PBKDF2_ITERATIONS &&
    salt?.length === SALT_BYTES &&
    iv?.length === IV_BYTES &&
    check?.length === CHECK_BYTES &&
    ciphertext !== undefined &&
    ciphertext.length > 16;
  if (!wellFormed) {
    throw new SnapshotError('corrupt-link', 'snapshotErrorLinkHeader');
  }
  return { iterations, salt, iv, check, ciphertext };
}

function decodePart(text: string): Uint8Array {
  const bytes = base64UrlToBytes(text);
  if (!bytes || bytes.length === 0) {
    throw new SnapshotError('corrupt-link', 'snapshotErrorLinkDamaged');
  }
  return bytes;
}
