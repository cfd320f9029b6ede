import { createStore, get, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTokenKey, sealToken } from '@/lib/auth/token-cipher';
import {
  VAULT_DATABASE,
  VAULT_KEY_ENTRY,
  VAULT_SEALED_ENTRY,
  VAULT_STORE,
  applyTokenPersistence,
  forgetToken,
  readToken,
  saveToken,
} from '@/lib/auth/vault';
import { forgetTokenOnBrowserClose } from '@/lib/settings/token-persistence';

const TOKEN = 'EAABtestTokenForTheVault0123456789abcdef';
const vaultStore = createStore(VAULT_DATABASE, VAULT_STORE);

/** What a browser restart leaves behind: session storage is gone, IndexedDB stays. */
async function restartBrowser() {
  await fakeBrowser.storage.session.clear();
}

async function sealedEntry(): Promise<unknown> {
  return get(VAULT_SEALED_ENTRY, vaultStore);
}

function bytesOf(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field instanceof ArrayBuffer || ArrayBuffer.isView(field)
      ? Buffer.from(field as ArrayBuffer).toString('latin1')
      : field,
  );
}

beforeEach(async () => {
  await forgetToken();
  fakeBrowser.reset();
});

describe('token vault', () => {
  it('returns the token it saved, from session storage', async () => {
    await saveToken(TOKEN);
    await expect(readToken()).resolves.toBe(TOKEN);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ accessToken: TOKEN });
  });

  it('restores the token from its ciphertext after a restart', async () => {
    await saveToken(TOKEN);
    await restartBrowser();
    await expect(readToken()).resolves.toBe(TOKEN);
    expect(await fakeBrowser.storage.session.get('accessToken')).toEqual({ accessToken: TOKEN });
  });

  it('keeps no plaintext at rest, and nothing in local or sync storage', async () => {
    await saveToken(TOKEN);
    const sealed = await sealedEntry();
    expect(sealed).toMatchObject({ version: 1 });
    expect(bytesOf(sealed)).not.toContain(TOKEN);
    expect(bytesOf(sealed)).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toContain(TOKEN);
  });

  it('keeps its key non-extractable', async () => {
    await saveToken(TOKEN);
    const key = await get<CryptoKey>(VAULT_KEY_ENTRY, vaultStore);
    expect(key).toBeInstanceOf(CryptoKey);
    expect(key?.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key!)).rejects.toThrow();
  });

  it('uses a fresh IV for every save', async () => {
    await saveToken(TOKEN);
    const first = bytesOf(await sealedEntry());
    await saveToken(TOKEN);
    expect(bytesOf(await sealedEntry())).not.toBe(first);
  });

  it('deletes a ciphertext it cannot decrypt', async () => {
    await saveToken(TOKEN);
    await set(VAULT_KEY_ENTRY, await createTokenKey(), vaultStore);
    await restartBrowser();
    await expect(readToken()).resolves.toBeNull();
    expect(await sealedEntry()).toBeUndefined();
  });

  it('deletes a tampered ciphertext', async () => {
    await saveToken(TOKEN);
    const key = await get<CryptoKey>(VAULT_KEY_ENTRY, vaultStore);
    const sealed = await sealToken(key!, TOKEN);
    new Uint8Array(sealed.ciphertext)[0]! ^= 1;
    await set(VAULT_SEALED_ENTRY, sealed, vaultStore);
    await restartBrowser();
    await expect(readToken()).resolves.toBeNull();
    expect(await sealedEntry()).toBeUndefined();
  });

  it('deletes a ciphertext whose key is gone or whose record is malformed', async () => {
    await set(VAULT_SEALED_ENTRY, { version: 1, iv: 'nope', ciphertext: 3 }, vaultStore);
    await expect(readToken()).resolves.toBeNull();
    expect(await sealedEntry()).toBeUndefined();
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

  it('forgets everything', async () => {
    await saveToken(TOKEN);
    await forgetToken();
    await expect(readToken()).resolves.toBeNull();
    expect(await sealedEntry()).toBeUndefined();
    expect(await get(VAULT_KEY_ENTRY, vaultStore)).toBeUndefined();
  });
});

describe('forget the token when the browser closes', () => {
  it('keeps the token in the session only', async () => {
    await forgetTokenOnBrowserClose.setValue(true);
    await saveToken(TOKEN);
    await expect(readToken()).resolves.toBe(TOKEN);
    expect(await sealedEntry()).toBeUndefined();
    await restartBrowser();
    await expect(readToken()).resolves.toBeNull();
  });

  it('deletes the ciphertext as soon as it is switched on', async () => {
    await saveToken(TOKEN);
    await forgetTokenOnBrowserClose.setValue(true);
    await applyTokenPersistence();
    expect(await sealedEntry()).toBeUndefined();
    await expect(readToken()).resolves.toBe(TOKEN);
  });

  it('never restores a leftover ciphertext while it is on', async () => {
    await saveToken(TOKEN);
    await forgetTokenOnBrowserClose.setValue(true);
    await restartBrowser();
    await expect(readToken()).resolves.toBeNull();
    expect(await sealedEntry()).toBeUndefined();
  });

  it('persists the live token again when it is switched off', async () => {
    await forgetTokenOnBrowserClose.setValue(true);
    await saveToken(TOKEN);
    await forgetTokenOnBrowserClose.setValue(false);
    await applyTokenPersistence();
    await restartBrowser();
    await expect(readToken()).resolves.toBe(TOKEN);
  });
});
