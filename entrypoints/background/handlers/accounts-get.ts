import { defineHandler } from '@/lib/messaging/handler';
import { toAccountSummary } from '@/lib/schema/account';

/**
 * One account's summary for the overlay; `null` when the connected user has no such account. Ads
 * Manager asks it as soon as it opens on an account, panel open or not: an account never synced,
 * or stale, starts its sync then (the protocol entry's `pageRefresh`).
 */
export default defineHandler('accounts.get', (_request, { account }) => ({
  account: account ? toAccountSummary(account) : null,
}));
