import { requireToken } from '@/lib/auth/require-token';
import { listAccounts } from '@/lib/cache/accounts';
import type { Handler } from '@/lib/messaging/server';
import { toAccountSummary } from '@/lib/schema/account';

export const accountsList: Handler<'accounts.list'> = async () => {
  await requireToken();
  const accounts = await listAccounts();
  return { accounts: accounts.map(toAccountSummary) };
};
