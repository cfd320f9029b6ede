import * as z from 'zod/mini';
import type { AccountRecord } from '@/lib/schema/account';
import { boundedString } from '@/lib/schema/bounded';
import type { GraphUser } from '@/lib/schema/graph';
import { cacheDb } from './db';

/** Who is connected, next to their ad accounts. Not secret: the token lives in lib/auth only. */
const CONNECTION_KEY = 'connection';

const ConnectionSchema = z.strictObject({
  userId: boundedString(25),
  userName: boundedString(256),
  connectedAt: z.number(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

/** Replaces the previous connection and its accounts in one transaction. */
export async function saveConnection(
  user: GraphUser,
  accounts: readonly AccountRecord[],
  connectedAt = Date.now(),
): Promise<void> {
  const db = cacheDb();
  const connection: Connection = { userId: user.id, userName: user.name, connectedAt };
  await db.transaction('rw', db.accounts, db.meta, async () => {
    await db.accounts.clear();
    await db.accounts.bulkPut([...accounts]);
    await db.meta.put({ key: CONNECTION_KEY, value: connection });
  });
}

export async function readConnection(): Promise<Connection | undefined> {
  const entry = await cacheDb().meta.get(CONNECTION_KEY);
  const parsed = ConnectionSchema.safeParse(entry?.value);
  return parsed.success ? parsed.data : undefined;
}
