import { Dexie, type EntityTable } from 'dexie';
import type { AccountRecord } from '@/lib/schema/account';
import type { ApiCallRecord } from './api-log';
import type { EntityChange } from './changes';
import type { StoredExplanation } from './explanations';
import type { EntityRecord } from './entities';
import type { StoredFinding } from './findings';
import { packLegacyChunk, type StoredChunk } from './series';
import type { SyncState } from './sync-state';

/**
 * The extension-origin cache (background only). Records are validated with zod whenever they are
 * read back, so the types here describe what we write, not what we trust.
 */
export const CACHE_DATABASE = 'adlens';

/**
 * Records per read-and-write round of a large write. IndexedDB's `put` clones each value on the
 * worker's thread, and Dexie's bulkPut calls it for the whole batch in one task: a thousand took
 * over half a second on a busy machine, deaf to messages (issue 17).
 */
export const WRITE_ROUND = 200;

/** Small named values: the connected user, and the like. */
export interface MetaEntry {
  readonly key: string;
  readonly value: unknown;
}

export type CacheDatabase = Dexie & {
  accounts: EntityTable<AccountRecord, 'accountId'>;
  meta: EntityTable<MetaEntry, 'key'>;
  entities: Dexie.Table<EntityRecord, [string, string, string]>;
  series: Dexie.Table<StoredChunk, [string, string, string, number]>;
  syncState: EntityTable<SyncState, 'accountId'>;
  apiCalls: EntityTable<ApiCallRecord, 'id'>;
  findings: EntityTable<StoredFinding, 'id'>;
  changes: EntityTable<EntityChange, 'id'>;
  explanations: Dexie.Table<StoredExplanation & { fetchedAt: number }, [string, string]>;
};

function openCache(): CacheDatabase {
  const db = new Dexie(CACHE_DATABASE) as CacheDatabase;
  // Each schema change adds a version with its upgrade; published versions are never edited.
  db.version(1).stores({ accounts: 'accountId', meta: 'key' });
  // Issue 3: the synced data. New tables only, so no upgrade function is needed.
  db.version(2).stores({
    entities: '[accountId+level+entityId], [accountId+level]',
    // Daily insights as per-entity column chunks (see series.ts), not one record per row.
    series: '[accountId+level+entityId+chunk], [accountId+level+chunk]',
    syncState: 'accountId',
    apiCalls: '++id, time',
    findings: '++id, accountId, [accountId+level+entityId]',
  });
  // What sync saw change on campaigns, ad sets and ads (budget, status, name). A new table only.
  db.version(3).stores({ changes: '++id, [accountId+entityId], [accountId+time]' });
  // Issue 17: series chunks packed at the width their values need. Same tables and indexes; the
  // upgrade packs the chunks users already synced (what it cannot read, the next sync rewrites).
  db.version(4)
    .stores({})
    .upgrade(async (transaction) => {
      await transaction
        .table('series')
        .toCollection()
        .modify((record: Record<string, unknown>, context: { value: unknown }) => {
          const packed = packLegacyChunk(record);
          if (packed) context.value = packed;
        });
    });
  // Issue 18: explanations read on request, kept with their finding. A new table only.
  db.version(5).stores({ explanations: '[accountId+key], fetchedAt' });
  return db;
}

let database: CacheDatabase | undefined;
/** Created on first use, so importing the cache opens nothing. */
export function cacheDb(): CacheDatabase {
  return (database ??= openCache());
}
