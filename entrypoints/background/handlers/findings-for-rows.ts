import type { Handler } from '@/lib/messaging/server';
import { rowBadges } from '@/lib/readers/row-findings';

/**
 * The badges of the rows on screen. Served from the cache alone, token or not: the overlay keeps
 * working from what was synced, and disconnecting wipes the cache anyway.
 */
export const findingsForRows: Handler<'findings.forRows'> = (request) => rowBadges(request);
