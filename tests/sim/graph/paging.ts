import { hash32 } from '../../support/hash';
import { invalidParameter } from './errors';
import type { Params } from './params';

/**
 * Cursor paging like Graph's: opaque `before`/`after` cursors, absolute `next`/`previous` links that
 * already carry the token and every parameter, no `next` on the last page. A cursor is only valid for
 * the query that issued it, so a tampered or foreign cursor is a (#100) error.
 */

export type PageQuirk = 'none' | 'short_pages' | 'empty_pages';

export interface PageWindow {
  readonly start: number;
  readonly limit: number;
  /** Which page of the walk this is; the quirks act on odd pages. */
  readonly pageIndex: number;
}

/** Where a page's links point: origin and path of the edge, and the parameters to repeat. */
export interface LinkBase {
  readonly origin: string;
  readonly path: string;
  readonly params: readonly (readonly [string, string])[];
}

export interface Paging {
  readonly cursors: { readonly before: string; readonly after: string };
  readonly next?: string;
  readonly previous?: string;
}

export interface Page<T> {
  readonly data: T[];
  readonly paging?: Paging;
}

const PAGING_PARAMS = ['after', 'before', 'limit', 'access_token'];
const MAX_LIMIT = 5000;

export function querySignature(path: string, params: Params): string {
  const stable = params
    .without(...PAGING_PARAMS)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return hash32(0, `${path}?${stable}`).toString(36);
}

export function readPageWindow(
  params: Params,
  signature: string,
  defaultLimit: number,
  limitOverride?: string,
): PageWindow {
  const limit = readLimit(limitOverride ?? params.get('limit'), defaultLimit);
  const after = params.get('after');
  if (after !== undefined) {
    const cursor = decodeCursor(after, signature);
    return { start: cursor.position, limit, pageIndex: cursor.pageIndex };
  }
  const before = params.get('before');
  if (before !== undefined) {
    const cursor = decodeCursor(before, signature);
    return {
      start: Math.max(0, cursor.position - limit),
      limit,
      pageIndex: Math.max(0, cursor.pageIndex - 1),
    };
  }
  return { start: 0, limit, pageIndex: 0 };
}

function readLimit(raw: string | undefined, defaultLimit: number): number {
  if (raw === undefined) return defaultLimit;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 0) {
    throw invalidParameter('Param limit must be a non-negative integer');
  }
  return Math.min(Math.max(limit, 1), MAX_LIMIT);
}

export function pageOf<T>(
  items: readonly T[],
  window: PageWindow,
  signature: string,
  link: LinkBase,
  quirk: PageQuirk,
): Page<T> {
  const oddPage = window.pageIndex % 2 === 1;
  const size =
    oddPage && quirk === 'empty_pages'
      ? 0
      : oddPage && quirk === 'short_pages'
        ? Math.ceil(window.limit / 2)
        : window.limit;
  const data = items.slice(window.start, window.start + size);
  const end = window.start + data.length;
  const hasNext = end < items.length;
  if (!hasNext && window.start === 0 && data.length === 0) return { data };
  const before = encodeCursor(window.start, window.pageIndex, signature);
  const after = encodeCursor(end, window.pageIndex + 1, signature);
  return {
    data,
    paging: {
      cursors: { before, after },
      ...(hasNext ? { next: pageLink(link, window.limit, 'after', after) } : {}),
      ...(window.start > 0 ? { previous: pageLink(link, window.limit, 'before', before) } : {}),
    },
  };
}

function pageLink(link: LinkBase, limit: number, name: 'after' | 'before', cursor: string): string {
  const search = new URLSearchParams();
  for (const [key, value] of link.params) {
    if (!PAGING_PARAMS.includes(key) || key === 'access_token') search.append(key, value);
  }
  search.set('limit', String(limit));
  search.set(name, cursor);
  return `${link.origin}${link.path}?${search.toString()}`;
}

function encodeCursor(position: number, pageIndex: number, signature: string): string {
  return Buffer.from(`${position}:${pageIndex}:${signature}`).toString('base64url');
}

function decodeCursor(cursor: string, signature: string): { position: number; pageIndex: number } {
  const [position, pageIndex, issuedFor] = Buffer.from(cursor, 'base64url').toString().split(':');
  const parsed = { position: Number(position), pageIndex: Number(pageIndex) };
  if (
    issuedFor !== signature ||
    !Number.isInteger(parsed.position) ||
    !Number.isInteger(parsed.pageIndex) ||
    parsed.position < 0
  ) {
    throw invalidParameter(
      'Invalid cursor: the cursor is malformed or does not belong to this query',
    );
  }
  return parsed;
}
