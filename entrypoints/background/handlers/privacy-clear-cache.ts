import { listAccounts } from '@/lib/cache/accounts';
import { defineHandler } from '@/lib/messaging/handler';
import { clearAccountData } from '@/lib/privacy/account-data';

/** Deletes one account's cached data, or every account's; the accounts stay listed. */
export default defineHandler('privacy.clearCache', async ({ accountId }) => {
  const accountIds =
    accountId === undefined
      ? (await listAccounts()).map((account) => account.accountId)
      : [accountId];
  await clearAccountData(accountIds);
  return { cleared: accountIds };
});
