import { listAccounts } from '@/lib/cache/accounts';
import { cacheDb } from '@/lib/cache/db';
import type { StoredData } from '@/lib/schema/privacy';
import { countAccountRecords, countInsightRows } from './account-data';

/** What "Clear cached data" would delete, per account, and what the extension uses on disk. */
export async function describeStoredData(): Promise<StoredData> {
  const accounts = await listAccounts();
  const [perAccount, apiCalls, estimate] = await Promise.all([
    Promise.all(
      accounts.map(async ({ accountId }) => {
        const [records, insightRows] = await Promise.all([
          countAccountRecords(accountId),
          countInsightRows(accountId),
        ]);
        const total = Object.values(records).reduce((sum, count) => sum + count, 0);
        return { accountId, insightRows, records: total };
      }),
    ),
    cacheDb().apiCalls.count(),
    navigator.storage.estimate().catch(() => undefined),
  ]);
  return {
    accounts: perAccount,
    apiCalls,
    bytesUsed: estimate?.usage ?? null,
  };
}
