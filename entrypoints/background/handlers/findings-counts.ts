import { listAccounts } from '@/lib/cache/accounts';
import { countAccountFindings } from '@/lib/cache/findings';
import type { Handler } from '@/lib/messaging/server';

/** Every connected account's findings by severity (the popup). */
export const findingsCounts: Handler<'findings.counts'> = async () => {
  const accounts = await listAccounts();
  return {
    accounts: await Promise.all(
      accounts.map(async ({ accountId }) => ({
        accountId,
        ...(await countAccountFindings(accountId)),
      })),
    ),
  };
};
