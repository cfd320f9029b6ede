import { clear, createStore, get, set, type UseStore } from 'idb-keyval';

/**
 * Settings the background acts on (what is synced and deleted, where Facebook Login goes) live in
 * the extension origin's own IndexedDB, which content scripts cannot reach: they run in the page's
 * origin. `storage.local`, which every content script may write, holds none of them, and nothing
 * the background does depends on it. Changes arrive only as sender-checked messages from extension
 * pages (`settings.updateSync`, `auth.login`). Values are validated on every read by their module.
 */
export const OWNED_SETTINGS_DATABASE = 'adlens-settings';
const OWNED_SETTINGS_STORE = 'settings';

export type OwnedSettingKey = 'syncSettings' | 'facebookLogin';
const OWNED_KEYS: readonly OwnedSettingKey[] = ['syncSettings', 'facebookLogin'];

let settingsStore: UseStore | undefined;
function store(): UseStore {
  return (settingsStore ??= createStore(OWNED_SETTINGS_DATABASE, OWNED_SETTINGS_STORE));
}

export function readOwnedSetting(key: OwnedSettingKey): Promise<unknown> {
  return get<unknown>(key, store());
}

export function writeOwnedSetting(key: OwnedSettingKey, value: unknown): Promise<void> {
  return set(key, value, store());
}

/** Every owned setting as stored, for "Export my data". */
export async function exportOwnedSettings(): Promise<Record<string, unknown>> {
  const values = await Promise.all(OWNED_KEYS.map((key) => readOwnedSetting(key)));
  return Object.fromEntries(
    OWNED_KEYS.flatMap((key, index) => (values[index] === undefined ? [] : [[key, values[index]]])),
  );
}

export function clearOwnedSettings(): Promise<void> {
  return clear(store());
}
