import { listAccounts } from '@/lib/cache/accounts';
import type { Handler } from '@/lib/messaging/server';
import { clearAccountData } from '@/lib/privacy/account-data';

/** Deletes one account's cached data, or every account's; the accounts stay listed. */
export const clearCache: Handler<'privacy.clearCache'> = async ({ accountId }) => {
  const accountIds =
    accountId === undefined
      ? (await listAccounts()).map((account) => account.accountId)
      : [accountId];
  await clearAccountData(accountIds);
  return { cleared: accountIds };
};
