/**
 * AES-GCM sealing for what the vault keeps at rest (the token, and the data key under the
 * passphrase key). Keys come from the vault; none is ever stored next to what it seals.
 */
export interface SealedToken {
  readonly version: 1;
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly ciphertext: ArrayBuffer;
}

const ALGORITHM = 'AES-GCM';
const IV_BYTES = 12;
/** Binds the ciphertext to its purpose: it cannot be replayed as some other sealed value. */
const ADDITIONAL_DATA = new TextEncoder().encode('adlens:access-token:v1');

export async function sealToken(key: CryptoKey, token: string): Promise<SealedToken> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: ALGORITHM, iv, additionalData: ADDITIONAL_DATA },
    key,
    new TextEncoder().encode(token),
  );
  return { version: 1, iv, ciphertext };
}

/** Rejects when the key is not the one that sealed it or the ciphertext was altered. */
export async function openToken(key: CryptoKey, sealed: SealedToken): Promise<string> {
  const plaintext = await crypto.subtle.decrypt(
    { name: ALGORITHM, iv: sealed.iv, additionalData: ADDITIONAL_DATA },
    key,
    sealed.ciphertext,
  );
  return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
}
