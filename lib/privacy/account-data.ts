import { Dexie, type Table } from 'dexie';
import { cacheDb } from '@/lib/cache/db';
import { storedRows } from '@/lib/cache/series';
import { readSyncState, writeSyncState } from '@/lib/cache/sync-state';
import type { AccountId } from '@/lib/schema/account';
import type { EntityLevel } from '@/lib/schema/insights';

/**
 * What the cache holds about an ad account, found by the tables' own indexes: every table keyed or
 * indexed by account first, except the account list itself (the connection's, kept until
 * disconnect). A table added later is covered as soon as it indexes `accountId`, so clearing can
 * never leave a new kind of data behind.
 */
const KEPT_TABLES: ReadonlySet<string> = new Set(['accounts']);

interface AccountIndex {
  readonly table: Table;
  /** The primary key or index whose first part is the account id. */
  readonly index: string;
  readonly compound: boolean;
}

function accountIndexes(): AccountIndex[] {
  return cacheDb().tables.flatMap((table): AccountIndex[] => {
    if (KEPT_TABLES.has(table.name)) return [];
    const { primKey, indexes } = table.schema;
    const index = [primKey, ...indexes].find((spec) =>
      spec.compound ? spec.keyPath?.[0] === 'accountId' : spec.keyPath === 'accountId',
    );
    if (!index) return [];
    return [{ table, index: index.name, compound: index.compound ?? false }];
  });
}

function recordsOf({ table, index, compound }: AccountIndex, accountId: AccountId) {
  // [id] sorts before every [id, …] and [id, []] after all of them: an array sorts after strings.
  return compound
    ? table.where(index).between([accountId], [accountId, []], true, true)
    : table.where(index).equals(accountId);
}

/** Records per table for the account (every table but the account list). */
export async function countAccountRecords(accountId: AccountId): Promise<Record<string, number>> {
  const counts = await Promise.all(
    accountIndexes().map(
      async (entry) => [entry.table.name, await recordsOf(entry, accountId).count()] as const,
    ),
  );
  return Object.fromEntries(counts);
}

/** Deletes everything cached about the accounts, in one transaction; the next sync starts over. */
export async function clearAccountData(accountIds: readonly AccountId[]): Promise<void> {
  const indexes = accountIndexes();
  const db = cacheDb();
  await db.transaction(
    'rw',
    indexes.map(({ table }) => table),
    async () => {
      for (const accountId of accountIds) {
        for (const entry of indexes) await recordsOf(entry, accountId).delete();
      }
    },
  );
}

/**
 * Deletes an account's campaigns, ad sets or ads and their daily insights, and forgets that the
 * level was synced, so turning it on again reads its whole history.
 */
export async function clearLevelData(
  accountId: AccountId,
  levels: readonly EntityLevel[],
): Promise<void> {
  if (levels.length === 0) return;
  const db = cacheDb();
  const tables = [db.entities, db.series, db.findings, db.explanations, db.changes, db.syncState];
  // One transaction: the level's entities, insights, findings (badges, exports) with their
  // explanations (breakdowns read on Explain), and change history (old names and budgets) go
  // together or not at all.
  await db.transaction('rw', tables, async () => {
    const goneFindings = new Set<string>();
    for (const level of levels) {
      await db.entities.where('[accountId+level]').equals([accountId, level]).delete();
      await db.series
        .where('[accountId+level+chunk]')
        .between([accountId, level, Dexie.minKey], [accountId, level, Dexie.maxKey])
        .delete();
      const findings = db.findings
        .where('[accountId+level+entityId]')
        .between([accountId, level, Dexie.minKey], [accountId, level, Dexie.maxKey]);
      await findings.each((finding) => goneFindings.add(finding.findingId));
      await findings.delete();
    }
    await db.explanations
      .where('[accountId+key]')
      .between([accountId], [accountId, []], true, true)
      .filter((record) => record.findingId !== null && goneFindings.has(record.findingId))
      .delete();
    await db.changes
      .where('[accountId+entityId]')
      .between([accountId, Dexie.minKey], [accountId, Dexie.maxKey])
      .filter((change) => (levels as readonly string[]).includes(change.level))
      .delete();
    const state = await readSyncState(accountId);
    const coverage = { ...state.coverage };
    for (const level of levels) coverage[level] = null;
    await writeSyncState({ ...state, coverage, rows: await countInsightRows(accountId) });
  });
}

/** Daily insight rows stored for the account, all levels. */
export async function countInsightRows(accountId: AccountId): Promise<number> {
  let rows = 0;
  await cacheDb()
    .series.where('[accountId+level+chunk]')
    .between([accountId], [accountId, []], true, true)
    .each((chunk) => {
      rows += storedRows(chunk);
    });
  return rows;
}
