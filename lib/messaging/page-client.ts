import { createSender } from './create-sender';
import { PAGE_PROTOCOL } from './page-protocol';

/**
 * The content script's `send()`: only the commands a page may send, so it bundles only their
 * schemas (the full table's would be about a quarter of its size budget).
 */
export const send = createSender(PAGE_PROTOCOL);
