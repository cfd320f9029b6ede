import { Dexie, type EntityTable } from 'dexie';
import type { AccountRecord } from '@/lib/schema/account';

/**
 * The extension-origin cache (background only). Records are validated with zod whenever they are
 * read back, so the types here describe what we write, not what we trust.
 */
export const CACHE_DATABASE = 'adlens';

/** Small named values: the connected user, later sync checkpoints. */
export interface MetaEntry {
  readonly key: string;
  readonly value: unknown;
}

export type CacheDatabase = Dexie & {
  accounts: EntityTable<AccountRecord, 'accountId'>;
  meta: EntityTable<MetaEntry, 'key'>;
};

function openCache(): CacheDatabase {
  const db = new Dexie(CACHE_DATABASE) as CacheDatabase;
  // Each schema change adds a version with its upgrade; published versions are never edited.
  db.version(1).stores({ accounts: 'accountId', meta: 'key' });
  return db;
}

let database: CacheDatabase | undefined;
/** Created on first use, so importing the cache opens nothing. */
export function cacheDb(): CacheDatabase {
  return (database ??= openCache());
}
