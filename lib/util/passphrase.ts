/**
 * Passphrase protection for share links and for a token remembered on this computer: AES-256-GCM under a key stretched from the passphrase
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

/**
 * The strength rule every passphrase Adlens accepts must pass. What it protects can be copied and
 * attacked offline (a link, a copied browser profile), so only its length and variety stand
 * between it and a guessing machine: 12 characters and 6 different ones rule out "a", "password",
 * "aaaaaaaaaaaa" and "123412341234"; four unrelated words pass easily.
 */
export const PASSPHRASE_MIN_LENGTH = 12;
export const PASSPHRASE_MIN_DISTINCT = 6;

/**
 * Whether a passphrase is strong enough. The rule in words is the catalogue's `errorWeakPassphrase`
 * in every language, which tests/unit/i18n checks against these numbers.
 */
export function isStrongPassphrase(passphrase: string): boolean {
  const characters = [...passphrase.normalize('NFC')];
  return (
    characters.length >= PASSPHRASE_MIN_LENGTH &&
    new Set(characters).size >= PASSPHRASE_MIN_DISTINCT
  );
}
