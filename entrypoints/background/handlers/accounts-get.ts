import { requireToken } from '@/lib/auth/require-token';
import { getAccount } from '@/lib/cache/accounts';
import type { Handler } from '@/lib/messaging/server';
import { toAccountSummary } from '@/lib/schema/account';
import { refreshIfStale } from '@/lib/sync/service';

/**
 * One account's summary for the overlay; `null` when the connected user has no such account. Ads
 * Manager asks it as soon as it opens on an account, panel open or not: an account never synced,
 * or stale, starts its sync then (within the back-off of lib/sync/triggers.ts).
 */
export const accountsGet: Handler<'accounts.get'> = async ({ accountId }, context) => {
  await requireToken();
  const account = await getAccount(accountId);
  if (account && context.senderClass === 'content-script') await refreshIfStale(accountId);
  return { account: account ? toAccountSummary(account) : null };
};
