import * as z from 'zod/mini';
import { AccountIdSchema, MAX_ACCOUNTS, type AccountId } from '@/lib/schema/account';
import { cacheDb } from './db';

/**
 * The accounts waiting for a sync, the running one first, so a worker stopped before an account's
 * first checkpoint still finishes what was asked of it when it starts again.
 */
const QUEUE_KEY = 'syncQueue';
const QueueSchema = z.array(AccountIdSchema).check(z.maxLength(MAX_ACCOUNTS));

export async function saveSyncQueue(accountIds: readonly AccountId[]): Promise<void> {
  await cacheDb().meta.put({ key: QUEUE_KEY, value: [...accountIds] });
}

export async function readSyncQueue(): Promise<AccountId[]> {
  const parsed = QueueSchema.safeParse((await cacheDb().meta.get(QUEUE_KEY))?.value);
  return parsed.success ? parsed.data : [];
}
