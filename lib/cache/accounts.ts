import { AccountRecordSchema, type AccountId, type AccountRecord } from '@/lib/schema/account';
import { cacheDb } from './db';

/** Cached ad accounts; a record that no longer matches the schema is treated as absent. */
function validAccount(raw: unknown): AccountRecord | undefined {
  const parsed = AccountRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export async function listAccounts(): Promise<AccountRecord[]> {
  const rows: unknown[] = await cacheDb().accounts.orderBy('accountId').toArray();
  return rows.map(validAccount).filter((account) => account !== undefined);
}

export async function getAccount(accountId: AccountId): Promise<AccountRecord | undefined> {
  return validAccount(await cacheDb().accounts.get(accountId));
}
