import type * as z from 'zod/mini';
import { GRAPH_ORIGIN } from '@/lib/config/hosts';
import { graphPageSchema } from '@/lib/schema/graph';
import { graphFailure, parseGraphError } from './errors';
import { applyGraphQuery, type GraphQuery } from './params';
import { GRAPH_API_VERSION } from './version';

/**
 * A fetch-based Graph API client for the service worker (no window, no XHR). The token goes in the
 * Authorization header, only to graph.facebook.com; every answer is parsed with a schema.
 */
export interface GraphClientOptions {
  readonly accessToken: string;
  /** Injected by tests; the global fetch otherwise. */
  readonly fetch?: GraphFetch;
  readonly signal?: AbortSignal;
}

export interface GraphClient {
  get<S extends z.ZodMiniType>(path: string, schema: S, query?: GraphQuery): Promise<z.output<S>>;
  /** Follows `paging.next` until it is absent and returns every item. */
  getAll<S extends z.ZodMiniType>(
    path: string,
    itemSchema: S,
    query?: GraphQuery,
  ): Promise<z.output<S>[]>;
  delete<S extends z.ZodMiniType>(path: string, schema: S): Promise<z.output<S>>;
}

/** The slice of `fetch` the client uses: it always passes a URL and an init. */
export type GraphFetch = (url: URL, init: RequestInit) => Promise<Response>;

type Method = 'GET' | 'DELETE';

const GRAPH = new URL(GRAPH_ORIGIN);
/** A runaway paging loop stops here; /me/adaccounts at 100 a page is far below it. */
const MAX_PAGES = 200;
const PATH = /^(\/[A-Za-z0-9_]+)+$/;

export function graphUrl(path: string, query: GraphQuery = {}): URL {
  if (!PATH.test(path)) throw new Error('Not a Graph API path.');
  const url = new URL(`/${GRAPH_API_VERSION}${path}`, GRAPH_ORIGIN);
  applyGraphQuery(url, query);
  return url;
}

/**
 * A `paging.next` link is followed only over HTTPS to graph.facebook.com, so the token never goes
 * elsewhere. The port is not compared: the simulator echoes the one the client used, and in the
 * browser it is always the default. Meta's links may carry `access_token`; it is dropped because
 * the header already holds the token.
 */
export function followablePagingUrl(next: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    return undefined;
  }
  const sameHost = url.protocol === GRAPH.protocol && url.hostname === GRAPH.hostname;
  if (!sameHost || url.username !== '' || url.password !== '') return undefined;
  url.searchParams.delete('access_token');
  url.hash = '';
  return url;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function hasErrorObject(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'error' in body;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const { accessToken, signal } = options;
  const fetchImpl: GraphFetch = options.fetch ?? ((url, init) => fetch(url, init));

  // Every call goes through here: the one place for retries, backoff and usage headers.
  async function request(method: Method, url: URL): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
        ...(signal ? { signal } : {}),
      });
    } catch {
      // The original error is dropped on purpose: header errors can quote the token.
      throw graphFailure('transient', 'graph.facebook.com could not be reached.');
    }
    const body = await readJson(response);
    if (!response.ok || hasErrorObject(body)) {
      throw parseGraphError(response.status, body, accessToken);
    }
    if (body === undefined) {
      throw graphFailure(
        'invalid-response',
        'The Graph API answered without JSON.',
        response.status,
      );
    }
    return body;
  }

  function parse<S extends z.ZodMiniType>(schema: S, body: unknown, path: string): z.output<S> {
    const result = schema.safeParse(body);
    if (!result.success) {
      throw graphFailure(
        'invalid-response',
        `The Graph API answered ${path} in an unexpected shape.`,
      );
    }
    return result.data;
  }

  function nextPage(next: string | undefined, path: string): URL | undefined {
    if (next === undefined) return undefined;
    const url = followablePagingUrl(next);
    if (!url) {
      throw graphFailure(
        'invalid-response',
        `Refused to follow a paging link of ${path} that leaves graph.facebook.com.`,
      );
    }
    return url;
  }

  return {
    async get(path, schema, query) {
      return parse(schema, await request('GET', graphUrl(path, query)), path);
    },

    async getAll(path, itemSchema, query) {
      const pageSchema = graphPageSchema(itemSchema);
      const items: z.output<typeof itemSchema>[] = [];
      const visited = new Set<string>();
      let url: URL | undefined = graphUrl(path, query);
      while (url) {
        if (visited.size >= MAX_PAGES || visited.has(url.href)) {
          throw graphFailure('invalid-response', `Paging through ${path} did not end.`);
        }
        visited.add(url.href);
        const page = parse(pageSchema, await request('GET', url), path);
        items.push(...(page.data as z.output<typeof itemSchema>[]));
        url = nextPage(page.paging?.next, path);
      }
      return items;
    },

    async delete(path, schema) {
      return parse(schema, await request('DELETE', graphUrl(path)), path);
    },
  };
}
