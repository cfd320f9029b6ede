import { cacheDb } from './db';

/** Empties every table of the cache (disconnect, "wipe my data"). */
export async function wipeCache(): Promise<void> {
  const db = cacheDb();
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((table) => table.clear()));
  });
}
