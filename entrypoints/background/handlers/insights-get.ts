import { requireToken } from '@/lib/auth/require-token';
import { requireAccount } from '@/lib/cache/accounts';
import type { Handler } from '@/lib/messaging/server';
import { seriesOf } from '@/lib/readers/series';
import { AppError } from '@/lib/schema/errors';
import { refreshIfStale } from '@/lib/sync/service';

/**
 * Daily series for the overlay. Asked from Ads Manager about a stale account, it also starts a
 * background refresh of that account (and nothing else).
 */
export const insightsGet: Handler<'insights.get'> = async (request, context) => {
  await requireToken();
  const account = await requireAccount(request.accountId);
  if (context.senderClass === 'content-script') {
    // The page asks about the rows it shows; it may not list an account's biggest spenders.
    if (!request.entityIds) {
      throw new AppError('invalid-request', 'Ads Manager asks for named entities.');
    }
    await refreshIfStale(request.accountId);
  }
  return seriesOf(request, account);
};
