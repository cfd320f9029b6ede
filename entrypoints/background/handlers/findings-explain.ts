import { requireAccount } from '@/lib/cache/accounts';
import type { Handler } from '@/lib/messaging/server';
import { explanationFor } from '@/lib/readers/explanation';

/**
 * Explain (issue #18): the segments behind a finding, or behind a KPI's move over the page's range,
 * read from Meta only when the user asks and kept, so asking again costs nothing.
 */
export const findingsExplain: Handler<'findings.explain'> = async (request) =>
  explanationFor(request, await requireAccount(request.accountId));
