import { storage } from '#imports';
import { clear, createStore, get, getMany, set, type UseStore } from 'idb-keyval';
import * as z from 'zod/mini';
import { AccessTokenSchema } from '@/lib/schema/auth';
import { isTokenSessionOnly } from '@/lib/settings/token-persistence';
import { createTokenKey, openToken, sealToken, type SealedToken } from './token-cipher';

/**
 * The token vault, the only module that holds the access token. The live token is in
 * `storage.session` (memory-only, hidden from content scripts by default; we never widen its access
 * level). Unless the user chose "forget the token when the browser closes", an AES-GCM ciphertext
 * of it is kept in the extension's own IndexedDB under a non-extractable key, so a restart can
 * restore it. Every read goes back to storage: the service worker may have died since the last one.
 */
export const VAULT_DATABASE = 'adlens-vault';
export const VAULT_STORE = 'secrets';
export const VAULT_KEY_ENTRY = 'token-key';
export const VAULT_SEALED_ENTRY = 'sealed-token';

const liveToken = storage.defineItem<string>('session:accessToken');

let vaultStore: UseStore | undefined;
/** Opened on first use, so importing the vault touches no database. */
function store(): UseStore {
  return (vaultStore ??= createStore(VAULT_DATABASE, VAULT_STORE));
}

const SealedTokenSchema = z.strictObject({
  version: z.literal(1),
  iv: z.custom<Uint8Array<ArrayBuffer>>((value) => value instanceof Uint8Array),
  ciphertext: z.custom<ArrayBuffer>((value) => value instanceof ArrayBuffer),
});

function isVaultKey(value: unknown): value is CryptoKey {
  return value instanceof CryptoKey && value.algorithm.name === 'AES-GCM' && !value.extractable;
}

let queue: Promise<unknown> = Promise.resolve();
/** One vault operation at a time, so two racing saves cannot leave a ciphertext under a lost key. */
function serialized<T>(operation: () => Promise<T>): Promise<T> {
  const result = queue.then(operation, operation);
  queue = result.catch(() => undefined);
  return result;
}

async function loadOrCreateKey(): Promise<CryptoKey> {
  const existing = await get<unknown>(VAULT_KEY_ENTRY, store());
  if (isVaultKey(existing)) return existing;
  const key = await createTokenKey();
  await set(VAULT_KEY_ENTRY, key, store());
  return key;
}

async function persist(token: string): Promise<void> {
  const sealed: SealedToken = await sealToken(await loadOrCreateKey(), token);
  await set(VAULT_SEALED_ENTRY, sealed, store());
}

/** Returns the persisted token, or null; a ciphertext that cannot be opened is deleted. */
async function unsealPersisted(): Promise<string | null> {
  const [key, rawSealed] = await getMany<unknown>([VAULT_KEY_ENTRY, VAULT_SEALED_ENTRY], store());
  if (rawSealed === undefined) return null;
  const sealed = SealedTokenSchema.safeParse(rawSealed);
  if (isVaultKey(key) && sealed.success) {
    try {
      const token = AccessTokenSchema.safeParse(await openToken(key, sealed.data));
      if (token.success) return token.data;
    } catch {
      // Wrong key or tampered ciphertext: fall through and delete it.
    }
  }
  await clear(store());
  return null;
}

export function saveToken(token: string): Promise<void> {
  return serialized(async () => {
    const valid = AccessTokenSchema.safeParse(token);
    if (!valid.success) throw new Error('Refusing to store a malformed access token.');
    await liveToken.setValue(valid.data);
    if (await isTokenSessionOnly()) await clear(store());
    else await persist(valid.data);
  });
}

/** The current token, restored from the ciphertext after a browser restart; null when there is none. */
export function readToken(): Promise<string | null> {
  return serialized(async () => {
    const live = await liveToken.getValue();
    const valid = AccessTokenSchema.safeParse(live);
    if (valid.success) return valid.data;
    if (live !== null) await liveToken.removeValue();
    if (await isTokenSessionOnly()) {
      await clear(store());
      return null;
    }
    const restored = await unsealPersisted();
    if (restored !== null) await liveToken.setValue(restored);
    return restored;
  });
}

export function forgetToken(): Promise<void> {
  return serialized(async () => {
    await liveToken.removeValue();
    await clear(store());
  });
}

/** Brings the disk in line with the session-only setting after the user changes it. */
export function applyTokenPersistence(): Promise<void> {
  return serialized(async () => {
    if (await isTokenSessionOnly()) {
      await clear(store());
      return;
    }
    const live = AccessTokenSchema.safeParse(await liveToken.getValue());
    if (live.success) await persist(live.data);
  });
}
