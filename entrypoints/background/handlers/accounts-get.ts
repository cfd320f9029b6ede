import { requireToken } from '@/lib/auth/require-token';
import { getAccount } from '@/lib/cache/accounts';
import type { Handler } from '@/lib/messaging/server';
import { toAccountSummary } from '@/lib/schema/account';

/** One account's summary for the overlay; `null` when the connected user has no such account. */
export const accountsGet: Handler<'accounts.get'> = async ({ accountId }) => {
  await requireToken();
  const account = await getAccount(accountId);
  return { account: account ? toAccountSummary(account) : null };
};
