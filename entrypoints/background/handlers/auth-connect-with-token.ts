import { connectToken } from '@/lib/auth/connect';
import { scheduleRenewal } from '@/lib/auth/renewal';
import { defineHandler } from '@/lib/messaging/handler';
import { toAccountSummary } from '@/lib/schema/account';
import { syncAfterConnect } from '@/lib/sync/service';

/**
 * Connects with a pasted token once Meta has vouched for it (`/me`, `/me/permissions`,
 * `/debug_token`, `/me/adaccounts`). Pasted tokens are not renewed: any timer of a previous login
 * connection is disarmed.
 */
export default defineHandler('auth.connectWithToken', async ({ token }) => {
  const { user, accounts, info } = await connectToken(token, { source: 'pasted', appId: null });
  await scheduleRenewal(info);
  // The first sync starts now: insights are read within seconds, without pressing anything.
  await syncAfterConnect();
  return { userName: user.name, accounts: accounts.map(toAccountSummary) };
});
