import { defineHandler } from '@/lib/messaging/handler';
import { rowBadges } from '@/lib/readers/row-findings';

/**
 * The badges of the rows on screen. Served from the cache alone, token or not: the overlay keeps
 * working from what was synced, and disconnecting wipes the cache anyway.
 */
export default defineHandler('findings.forRows', (request) => rowBadges(request));
