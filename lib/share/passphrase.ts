/**
 * Passphrase protection for share links: AES-256-GCM under a key stretched from the passphrase
 * with PBKDF2-SHA-256 (OWASP's 2023 figure of 600,000 iterations) and a random salt. The same
 * derivation yields a check value stored in the clear, so a wrong passphrase is told apart from a
 * damaged link; it costs an attacker exactly as much to test a guess against either.
 */
export const PBKDF2_ITERATIONS = 600_000;
/** A link may ask for more, up to this: enough for years, not enough to freeze the page. */
export const MAX_PBKDF2_ITERATIONS = 5_000_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
export const CHECK_BYTES = 16;
const KEY_BYTES = 32;

export interface PassphraseKey {
  readonly key: CryptoKey;
  readonly check: Uint8Array;
}

export async function derivePassphraseKey(
  passphrase: string,
  salt: Uint8Array,
  iterations: number,
): Promise<PassphraseKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
      material,
      (KEY_BYTES + CHECK_BYTES) * 8,
    ),
  );
  const key = await crypto.subtle.importKey('raw', bits.slice(0, KEY_BYTES), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return { key, check: bits.slice(KEY_BYTES) };
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}
