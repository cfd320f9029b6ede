import { listAccounts } from '@/lib/cache/accounts';
import { defineHandler } from '@/lib/messaging/handler';
import { toAccountSummary } from '@/lib/schema/account';

export default defineHandler('accounts.list', async () => {
  const accounts = await listAccounts();
  return { accounts: accounts.map(toAccountSummary) };
});
