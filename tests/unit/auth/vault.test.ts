import { createStore, entries, get, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openToken, sealToken } from '@/lib/auth/token-cipher';
import {
  REMEMBERED_ENTRY,
  VAULT_DATABASE,
  VAULT_STORE,
  forgetToken,
  forgetTokenOnClose,
  readToken,
  rememberToken,
  saveToken,
  tokenStorageState,
  unlockToken,
} from '@/lib/auth/vault';
import { AppError } from '@/lib/schema/errors';

const TOKEN = 'EAABtestTokenForTheVault0123456789abcdef';
const PASSPHRASE = 'correct horse battery staple';
const vaultStore = createStore(VAULT_DATABASE, VAULT_STORE);

/** What a browser restart leaves behind: session storage is gone, IndexedDB stays. */
async function restartBrowser() {
  await fakeBrowser.storage.session.clear();
}

function bytesOf(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field instanceof ArrayBuffer || ArrayBuffer.isView(field)
      ? Buffer.from(field as ArrayBuffer).toString('latin1')
      : field,
  );
}

/** Everything a copy of the profile holds: the vault's IndexedDB records and extension storage. */
async function profileCopy() {
  return {
    vault: await entries(vaultStore),
    local: await fakeBrowser.storage.local.get(null),
    sync: await fakeBrowser.storage.sync.get(null),
  };
}

/** Every CryptoKey and every 16/32-byte string of bytes in the dump, tried as a key on every sealed value. */
async function tokensAnAttackerCanOpen(dump: unknown): Promise<string[]> {
  const keys: CryptoKey[] = [];
  const sealed: { iv: Uint8Array<ArrayBuffer>; ciphertext: ArrayBuffer }[] = [];
  const visit = async (value: unknown): Promise<void> => {
    if (value instanceof CryptoKey) keys.push(value);
    else if (value instanceof Uint8Array && (value.length === 16 || value.length === 32)) {
      keys.push(
        await crypto.subtle.importKey('raw', new Uint8Array(value), 'AES-GCM', false, ['decrypt']),
      );
    } else if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
      const record = value as Record<string, unknown>;
      if (record.iv instanceof Uint8Array && record.ciphertext instanceof ArrayBuffer) {
        sealed.push(record as never);
      }
      for (const field of Object.values(record)) await visit(field);
    }
  };
  await visit(dump);
  const opened: string[] = [];
  for (const key of keys) {
    for (const value of sealed) {
      try {
        opened.push(await openToken(key, { version: 1, ...value }));
      } catch {
        // Not this key.
      }
    }
  }
  return opened;
}

beforeEach(async () => {
  await forgetToken();
  fakeBrowser.reset();
});

describe('token vault, by default', () => {
  it('returns the token it saved, from session storage', async () => {
    await saveToken(TOKEN);
    await expect(readToken()).resolves.toBe(TOKEN);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ accessToken: TOKEN });
  });

  it('writes nothing about the token to disk, and forgets it when the browser restarts', async () => {
    await saveToken(TOKEN);
    expect(await entries(vaultStore)).toEqual([]);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
    await restartBrowser();
    await expect(readToken()).resolves.toBeNull();
    await expect(tokenStorageState()).resolves.toEqual({ remembered: false, locked: false });
  });

  it('ignores and clears a malformed session value', async () => {
    await fakeBrowser.storage.session.set({ accessToken: 'has spaces in it' });
    await expect(readToken()).resolves.toBeNull();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('refuses to store a malformed token', async () => {
    await expect(saveToken('two words')).rejects.toThrow(/malformed/);
    await expect(readToken()).resolves.toBeNull();
  });

  it('carries a version-1 token over once and deletes its key and ciphertext from disk', async () => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await set('token-key', key, vaultStore);
    await set('sealed-token', await sealToken(key, TOKEN), vaultStore);
    await expect(readToken()).resolves.toBe(TOKEN);
    expect(await entries(vaultStore)).toEqual([]);
    await restartBrowser();
    await expect(readToken()).resolves.toBeNull();
  });
});

// Each passphrase costs 600,000 PBKDF2 rounds on purpose (that is what slows a guesser); on a
// loaded 2-core machine a test doing three of them needs more than the default 5 s.
describe('remember on this computer, protected by a passphrase', { timeout: 60_000 }, () => {
  it('after a restart the token is locked until the passphrase opens it', async () => {
    await saveToken(TOKEN);
    await rememberToken(PASSPHRASE);
    await restartBrowser();
    await expect(readToken()).resolves.toBeNull();
    await expect(tokenStorageState()).resolves.toEqual({ remembered: true, locked: true });
    await unlockToken(PASSPHRASE);
    await expect(readToken()).resolves.toBe(TOKEN);
    await expect(tokenStorageState()).resolves.toEqual({ remembered: true, locked: false });
  });

  it('a copy of the profile without the passphrase cannot produce the token', async () => {
    await saveToken(TOKEN);
    await rememberToken(PASSPHRASE);
    await restartBrowser();
    const dump = await profileCopy();
    expect(bytesOf(dump)).not.toContain(TOKEN);
    expect(bytesOf(dump)).not.toContain(PASSPHRASE);
    expect(bytesOf(dump)).not.toContain(Buffer.from(TOKEN).toString('base64'));
    // Every key-shaped thing on disk, tried on every ciphertext on disk: none opens the token.
    expect(await tokensAnAttackerCanOpen(dump)).not.toContain(TOKEN);
    // Nor does a guess.
    await expect(unlockToken('correct horse battery stapler')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await expect(readToken()).resolves.toBeNull();
  });

  it('keeps the record after a wrong passphrase, so the person can retry', async () => {
    await saveToken(TOKEN);
    await rememberToken(PASSPHRASE);
    await restartBrowser();
    await expect(unlockToken('not the passphrase at all')).rejects.toBeInstanceOf(AppError);
    await unlockToken(PASSPHRASE);
    await expect(readToken()).resolves.toBe(TOKEN);
  });

  it('refuses a weak passphrase and says what the rule is', async () => {
    await saveToken(TOKEN);
    // The code picks the rule's sentence in the reader's language (errorWeakPassphrase).
    await expect(rememberToken('a')).rejects.toMatchObject({ code: 'weak-passphrase' });
    await expect(rememberToken('aaaaaaaaaaaaaaaa')).rejects.toMatchObject({
      code: 'weak-passphrase',
    });
    await expect(tokenStorageState()).resolves.toEqual({ remembered: false, locked: false });
  });

  it('seals a renewed token again without asking for the passphrase', async () => {
    await saveToken(TOKEN);
    await rememberToken(PASSPHRASE);
    await saveToken(`${TOKEN}renewed`);
    await restartBrowser();
    await unlockToken(PASSPHRASE);
    await expect(readToken()).resolves.toBe(`${TOKEN}renewed`);
  });

  it('a new connection while locked drops the stale remembered token', async () => {
    await saveToken(TOKEN);
    await rememberToken(PASSPHRASE);
    await restartBrowser();
    await saveToken(`${TOKEN}other`);
    expect(await entries(vaultStore)).toEqual([]);
    await expect(tokenStorageState()).resolves.toEqual({ remembered: false, locked: false });
  });

  it('deletes a record that the right passphrase cannot open (damaged)', async () => {
    await saveToken(TOKEN);
    await rememberToken(PASSPHRASE);
    const record = await get<{ token: { ciphertext: ArrayBuffer } }>(REMEMBERED_ENTRY, vaultStore);
    new Uint8Array(record!.token.ciphertext)[0]! ^= 1;
    await set(REMEMBERED_ENTRY, record, vaultStore);
    await restartBrowser();
    await expect(unlockToken(PASSPHRASE)).rejects.toThrow(/damaged/);
    expect(await entries(vaultStore)).toEqual([]);
  });

  it('switching back to forget-on-close deletes the record at once and keeps the session', async () => {
    await saveToken(TOKEN);
    await rememberToken(PASSPHRASE);
    await forgetTokenOnClose();
    expect(await entries(vaultStore)).toEqual([]);
    await expect(readToken()).resolves.toBe(TOKEN);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual(['accessToken']);
  });

  it('forgets everything', async () => {
    await saveToken(TOKEN);
    await rememberToken(PASSPHRASE);
    await forgetToken();
    await expect(readToken()).resolves.toBeNull();
    expect(await entries(vaultStore)).toEqual([]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
