import { defineHandler } from '@/lib/messaging/handler';
import { explanationFor } from '@/lib/readers/explanation';

/**
 * Explain (issue #18): the segments behind a finding, or behind a KPI's move over the page's range,
 * read from Meta only when the user asks and kept, so asking again costs nothing.
 */
export default defineHandler('findings.explain', (request, { account }) =>
  explanationFor(request, account),
);
