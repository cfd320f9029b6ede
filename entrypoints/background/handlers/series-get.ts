import { defineHandler } from '@/lib/messaging/handler';
import { seriesOf } from '@/lib/readers/series';

/**
 * Daily series for the overlay. Ads Manager must name the entities (the rows it shows: it may not
 * list an account's biggest spenders), and asking about a stale account also starts a background
 * refresh of that account, and nothing else (the protocol entry's rules).
 */
export default defineHandler('series.get', (request, { account }) => seriesOf(request, account));
