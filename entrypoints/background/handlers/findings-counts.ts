import { listAccounts } from '@/lib/cache/accounts';
import { countAccountFindings } from '@/lib/cache/findings';
import { defineHandler } from '@/lib/messaging/handler';

/** Every connected account's findings by severity (the popup). */
export default defineHandler('findings.counts', async () => {
  const accounts = await listAccounts();
  return {
    accounts: await Promise.all(
      accounts.map(async ({ accountId }) => ({
        accountId,
        ...(await countAccountFindings(accountId)),
      })),
    ),
  };
});
