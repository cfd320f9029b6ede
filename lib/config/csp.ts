/**
 * Tighter than the MV3 default: extension pages and the worker may only connect to the Graph API,
 * so even a bug cannot send data anywhere else.
 */
export const EXTENSION_PAGES_CSP =
  "default-src 'self'; connect-src https://graph.facebook.com; img-src 'self' data:; object-src 'none'; base-uri 'none'";
