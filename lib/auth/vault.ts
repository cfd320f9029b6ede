import { storage } from '#imports';
import { clear, createStore, del, get, set, type UseStore } from 'idb-keyval';
import * as z from 'zod/mini';
import { AccessTokenSchema } from '@/lib/schema/auth';
import { AppError } from '@/lib/schema/errors';
import {
  derivePassphraseKey,
  isStrongPassphrase,
  PBKDF2_ITERATIONS,
  sameBytes,
  SALT_BYTES,
} from '@/lib/util/passphrase';
import { openToken, sealToken } from './token-cipher';

/**
 * The token vault, the only module that holds the access token. The live token is in
 * `storage.session` (memory-only, hidden from content scripts by default; we never widen its access
 * level), so by default a browser restart forgets it and nothing about it is on disk.
 *
 * "Remember on this computer" keeps an AES-GCM ciphertext of it in the extension's own IndexedDB,
 * under a random data key that is itself encrypted with a key stretched from the user's
 * passphrase (PBKDF2-SHA-256). The passphrase is never stored, so a copy of the profile holds only
 * ciphertext: without the passphrase it cannot produce the token. After a restart the token stays
 * locked until the person types the passphrase in the options page. While unlocked, the data key
 * sits in session storage next to the token, so a silently renewed token is sealed again without
 * asking. Every read goes back to storage: the service worker may have died since the last one.
 */
export const VAULT_DATABASE = 'adlens-vault';
export const VAULT_STORE = 'secrets';
export const REMEMBERED_ENTRY = 'remembered-token';
/** Version 1 kept its key next to the ciphertext; read once to carry a connection over, then gone. */
const LEGACY_KEY_ENTRY = 'token-key';
const LEGACY_SEALED_ENTRY = 'sealed-token';

const liveToken = storage.defineItem<string>('session:accessToken');
/** The remembered token's data key, base64, while unlocked; never on disk in the clear. */
const liveDataKey = storage.defineItem<string>('session:vaultDataKey');

let vaultStore: UseStore | undefined;
/** Opened on first use, so importing the vault touches no database. */
function store(): UseStore {
  return (vaultStore ??= createStore(VAULT_DATABASE, VAULT_STORE));
}

const BytesSchema = z.custom<Uint8Array<ArrayBuffer>>((value) => value instanceof Uint8Array);
const BufferSchema = z.custom<ArrayBuffer>((value) => value instanceof ArrayBuffer);
const SealedSchema = z.strictObject({
  version: z.literal(1),
  iv: BytesSchema,
  ciphertext: BufferSchema,
});

const RememberedTokenSchema = z.strictObject({
  version: z.literal(2),
  salt: BytesSchema,
  iterations: z.int().check(z.minimum(100_000), z.maximum(10_000_000)),
  /** Tells a wrong passphrase from a damaged record; costs a guesser as much as a decrypt. */
  check: BytesSchema,
  /** The data key, sealed under the passphrase key. */
  wrappedKey: SealedSchema,
  /** The token, sealed under the data key. */
  token: SealedSchema,
});
type RememberedToken = z.infer<typeof RememberedTokenSchema>;

let queue: Promise<unknown> = Promise.resolve();
/** One vault operation at a time, so two racing saves cannot leave a ciphertext under a lost key. */
function serialized<T>(operation: () => Promise<T>): Promise<T> {
  const result = queue.then(operation, operation);
  queue = result.catch(() => undefined);
  return result;
}

const DATA_KEY_BYTES = 32;

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
}

function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function readRemembered(): Promise<RememberedToken | undefined> {
  const parsed = RememberedTokenSchema.safeParse(await get<unknown>(REMEMBERED_ENTRY, store()));
  return parsed.success ? parsed.data : undefined;
}

/** The unlocked data key, or undefined when locked or not remembering. */
async function unlockedDataKey(): Promise<CryptoKey | undefined> {
  const encoded = await liveDataKey.getValue();
  if (typeof encoded !== 'string') return undefined;
  try {
    return await importDataKey(fromBase64(encoded));
  } catch {
    await liveDataKey.removeValue();
    return undefined;
  }
}

/** Seals the token again under the unlocked data key; a remembered token that cannot be is dropped. */
async function resealRemembered(token: string): Promise<void> {
  const remembered = await readRemembered();
  if (!remembered) return;
  const key = await unlockedDataKey();
  if (!key) {
    // Locked (a new connection after a restart): the old ciphertext holds a token no longer used.
    await clear(store());
    return;
  }
  await set(REMEMBERED_ENTRY, { ...remembered, token: await sealToken(key, token) }, store());
}

/**
 * A version-1 vault could be opened by anyone with a copy of the profile. Its token is carried into
 * this session once, so an update does not disconnect anyone, and the disk copy is deleted.
 */
async function takeLegacyToken(): Promise<string | null> {
  const [key, sealed] = await Promise.all([
    get<unknown>(LEGACY_KEY_ENTRY, store()),
    get<unknown>(LEGACY_SEALED_ENTRY, store()),
  ]);
  if (key === undefined && sealed === undefined) return null;
  await Promise.all([del(LEGACY_KEY_ENTRY, store()), del(LEGACY_SEALED_ENTRY, store())]);
  const parsed = SealedSchema.safeParse(sealed);
  if (!(key instanceof CryptoKey) || !parsed.success) return null;
  try {
    const token = AccessTokenSchema.safeParse(await openToken(key, parsed.data));
    return token.success ? token.data : null;
  } catch {
    return null;
  }
}

export function saveToken(token: string): Promise<void> {
  return serialized(async () => {
    const valid = AccessTokenSchema.safeParse(token);
    if (!valid.success) throw new Error('Refusing to store a malformed access token.');
    await liveToken.setValue(valid.data);
    await resealRemembered(valid.data);
  });
}

/** The current token; null when there is none or a remembered one is still locked. */
export function readToken(): Promise<string | null> {
  return serialized(async () => {
    const live = await liveToken.getValue();
    const valid = AccessTokenSchema.safeParse(live);
    if (valid.success) return valid.data;
    if (live !== null) await liveToken.removeValue();
    const legacy = await takeLegacyToken();
    if (legacy !== null) await liveToken.setValue(legacy);
    return legacy;
  });
}

export function forgetToken(): Promise<void> {
  return serialized(async () => {
    await Promise.all([liveToken.removeValue(), liveDataKey.removeValue()]);
    await clear(store());
  });
}

/** How the token is kept: whether it is remembered on this computer, and whether it waits for the passphrase. */
export function tokenStorageState(): Promise<{ remembered: boolean; locked: boolean }> {
  return serialized(async () => {
    const remembered = (await readRemembered()) !== undefined;
    const live = AccessTokenSchema.safeParse(await liveToken.getValue()).success;
    return { remembered, locked: remembered && !live };
  });
}

/**
 * "Remember on this computer": seals the live token under a fresh data key wrapped with the
 * passphrase. Refuses a weak passphrase (a copied profile can be attacked offline) and works only
 * while connected.
 */
export function rememberToken(passphrase: string): Promise<void> {
  return serialized(async () => {
    if (!isStrongPassphrase(passphrase)) {
      throw new AppError('weak-passphrase', 'The passphrase is too weak for the strength rule.');
    }
    const live = AccessTokenSchema.safeParse(await liveToken.getValue());
    if (!live.success)
      throw new AppError('not-connected', 'Connect first, then choose to remember the token.');
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    const { key: passphraseKey, check } = await derivePassphraseKey(
      passphrase,
      salt,
      PBKDF2_ITERATIONS,
    );
    const rawDataKey = crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));
    const dataKey = await importDataKey(rawDataKey);
    const remembered: RememberedToken = {
      version: 2,
      salt,
      iterations: PBKDF2_ITERATIONS,
      check: new Uint8Array(check),
      wrappedKey: await sealToken(passphraseKey, toBase64(rawDataKey)),
      token: await sealToken(dataKey, live.data),
    };
    await set(REMEMBERED_ENTRY, remembered, store());
    await liveDataKey.setValue(toBase64(rawDataKey));
  });
}

/** Back to the default: the token in memory only, nothing of it on disk. */
export function forgetTokenOnClose(): Promise<void> {
  return serialized(async () => {
    await liveDataKey.removeValue();
    await clear(store());
  });
}

/**
 * Opens the remembered token with the passphrase after a restart. A wrong passphrase keeps the
 * record (the person may retry); a record that cannot be read even so is deleted.
 */
export function unlockToken(passphrase: string): Promise<void> {
  return serialized(async () => {
    const remembered = await readRemembered();
    if (!remembered) {
      await clear(store());
      throw new AppError(
        'not-connected',
        'No token is remembered on this computer. Connect again.',
      );
    }
    const { key, check } = await derivePassphraseKey(
      passphrase,
      remembered.salt,
      remembered.iterations,
    );
    if (!sameBytes(check, remembered.check)) {
      throw new AppError(
        'wrong-passphrase',
        'That is not the passphrase the token was remembered with.',
      );
    }
    try {
      const rawDataKey = fromBase64(await openToken(key, remembered.wrappedKey));
      const token = AccessTokenSchema.parse(
        await openToken(await importDataKey(rawDataKey), remembered.token),
      );
      await liveToken.setValue(token);
      await liveDataKey.setValue(toBase64(rawDataKey));
    } catch {
      await clear(store());
      throw new AppError(
        'not-connected',
        'The remembered token was damaged and has been deleted. Connect again.',
      );
    }
  });
}
