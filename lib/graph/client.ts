import type * as z from 'zod/mini';
import { GRAPH_ORIGIN } from '@/lib/config/hosts';
import { graphPageSchema } from '@/lib/schema/graph';
import { GraphError, graphFailure, parseGraphError } from './errors';
import { applyGraphQuery, writeGraphQuery, type GraphQuery } from './params';
import { memoryThrottleStore, ThrottleGate } from './throttle';
import { backoffDelay, systemTiming, type BackoffPolicy, type GraphTiming } from './timing';
import { readUsage, responseHeaders, type UsageReading } from './usage';
import { GRAPH_API_VERSION } from './version';

/**
 * A fetch-based Graph API client for the service worker (no window, no XHR). The token goes in the
 * Authorization header, only to graph.facebook.com; every answer is parsed with a schema. All calls
 * pass through one `request()`: usage headers, pacing, retries and error classification live there.
 */
export interface GraphClientOptions {
  readonly accessToken: string;
  /** Injected by tests; the global fetch otherwise. */
  readonly fetch?: GraphFetch;
  readonly signal?: AbortSignal;
  /** Injected by tests; real time otherwise. */
  readonly timing?: GraphTiming;
  /** Pacing shared by every client of the worker; a private one otherwise. */
  readonly throttle?: ThrottleGate;
  /** Retries of a transient failure; MAX_RETRIES unless a caller on a deadline wants fewer. */
  readonly maxRetries?: number;
  /** Told about every HTTP exchange, for the local API call log. Never sees the token. */
  readonly onCall?: (call: GraphCall) => void;
}

/** One exchange with graph.facebook.com, as the call log keeps it: no query, so no token. */
export interface GraphCall {
  readonly method: string;
  /** The path without query, e.g. `/v26.0/act_1/insights`. */
  readonly path: string;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly errorCode: number | null;
  /**
   * Meta says the API version is deprecated: it auto-upgraded the call (X-Ad-Api-Version-Warning)
   * or refused it (#2635). GRAPH_API_VERSION needs a bump (Client checklist 1).
   */
  readonly versionDeprecated: boolean;
  readonly startedAt: number;
  readonly durationMs: number;
}

/** Per-call options: whose quota the call spends, for pacing. */
export interface CallOptions {
  readonly account?: string;
}

export interface PageOptions extends CallOptions {
  /** "Reduce the amount of data" halves `limit` down to this, then gives up. */
  readonly minLimit?: number;
}

export interface GraphAnswer {
  readonly body: unknown;
  readonly usage: UsageReading | undefined;
}

export interface GraphClient {
  get<S extends z.ZodMiniType>(
    path: string,
    schema: S,
    query?: GraphQuery,
    options?: CallOptions,
  ): Promise<z.output<S>>;
  /** Follows `paging.next` until it is absent and returns every item. */
  getAll<S extends z.ZodMiniType>(
    path: string,
    itemSchema: S,
    query?: GraphQuery,
    options?: PageOptions,
  ): Promise<z.output<S>[]>;
  /** Each page's items as it arrives; pages shrink when Meta asks for less data. */
  pages<S extends z.ZodMiniType>(
    path: string,
    itemSchema: S,
    query?: GraphQuery,
    options?: PageOptions,
  ): AsyncGenerator<z.output<S>[], void, undefined>;
  /** Carries on from a `paging.next` link (one a batch item returned, say). */
  continuePages<S extends z.ZodMiniType>(
    next: string,
    itemSchema: S,
    options?: PageOptions,
  ): AsyncGenerator<z.output<S>[], void, undefined>;
  post<S extends z.ZodMiniType>(
    path: string,
    schema: S,
    query: GraphQuery,
    options?: CallOptions,
  ): Promise<z.output<S>>;
  delete<S extends z.ZodMiniType>(path: string, schema: S): Promise<z.output<S>>;
  /** The raw exchange, for batch requests: POST to `/` with a form body. */
  postForm(form: URLSearchParams, options?: CallOptions): Promise<GraphAnswer>;
  /** Parses with a schema, failing as an invalid response. */
  parse<S extends z.ZodMiniType>(schema: S, body: unknown, what: string): z.output<S>;
  /** Meta's clock (from the `Date` header), or ours before the first answer. */
  serverNow(): number;
  /** Tells the call log of a request Meta answered inside another (a batch's item). */
  noteCall(call: GraphCall): void;
  readonly timing: GraphTiming;
  readonly throttle: ThrottleGate;
  readonly accessToken: string;
}

/** The slice of `fetch` the client uses: it always passes a URL and an init. */
export type GraphFetch = (url: URL, init: RequestInit) => Promise<Response>;

type Method = 'GET' | 'POST' | 'DELETE';

/** Transient failures (network, 5xx, code 1/2) are retried this often before giving up. */
export const MAX_RETRIES = 5;
export const RETRY_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 16_000 };
/**
 * Pauses up to this long are waited out inside the worker; longer ones end the call with a
 * throttle error carrying the time to resume, so the caller can schedule it (a service worker idle
 * for 30 s is stopped).
 */
export const MAX_INLINE_WAIT_MS = 20_000;
export const DEFAULT_MIN_LIMIT = 25;
/** `(#2635) You are calling a deprecated version of the Ads API`. */
const DEPRECATED_VERSION = 2635;
/** Calls that concern no ad account share this pacing key. */
const APP_KEY = 'app';

const GRAPH = new URL(GRAPH_ORIGIN);
/** A runaway paging loop stops here. */
const MAX_PAGES = 20_000;
/** A node or edge path, or `/` (the batch endpoint). */
const PATH = /^(\/[A-Za-z0-9_]+)+$|^\/$/;

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

export function isGraphError(error: unknown, kind: GraphError['kind']): error is GraphError {
  return error instanceof GraphError && error.kind === kind;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const { accessToken, signal, onCall, maxRetries = MAX_RETRIES } = options;
  const fetchImpl: GraphFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const timing = options.timing ?? systemTiming;
  const throttle = options.throttle ?? new ThrottleGate(memoryThrottleStore(), timing);
  let serverOffsetMs = 0;

  function noteServerTime(headers: Headers): void {
    const date = Date.parse(headers.get('date') ?? '');
    if (Number.isFinite(date)) serverOffsetMs = date - timing.now();
  }

  /** Waits out a short pause; a long one ends the call with the time it ends. */
  async function pace(key: string): Promise<void> {
    const wait = await throttle.delayFor(key);
    if (wait <= 0) return;
    if (wait > MAX_INLINE_WAIT_MS) {
      throw new GraphError(
        { ...graphFailure('throttle', 'Meta asked Adlens to slow down.').info },
        'throttle',
        timing.now() + wait,
      );
    }
    await timing.sleep(wait, signal);
  }

  function send(method: Method, url: URL, body: URLSearchParams | undefined): Promise<Response> {
    return fetchImpl(url, {
      method,
      headers: {
        Authorization: `Bearer ${accessToken}`,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body: body.toString() } : {}),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      ...(signal ? { signal } : {}),
    });
  }

  /** One attempt: the answer, or the error it amounts to, with its usage reading. */
  async function attempt(
    method: Method,
    url: URL,
    body: URLSearchParams | undefined,
    key: string,
  ): Promise<GraphAnswer | { error: GraphError; usage: UsageReading | undefined }> {
    // A caller that gave up (the token is gone) sends nothing more.
    signal?.throwIfAborted();
    const startedAt = timing.now();
    let response: Response;
    try {
      response = await send(method, url, body);
    } catch {
      signal?.throwIfAborted();
      onCall?.({
        method,
        path: url.pathname,
        status: 0,
        errorCode: null,
        versionDeprecated: false,
        startedAt,
        durationMs: timing.now() - startedAt,
      });
      // The original error is dropped on purpose: header errors can quote the token.
      return {
        error: graphFailure('transient', 'graph.facebook.com could not be reached.'),
        usage: undefined,
      };
    }
    noteServerTime(response.headers);
    const usage = readUsage(responseHeaders(response.headers));
    const json = await readJson(response);
    const failed = !response.ok || hasErrorObject(json);
    const error = failed ? parseGraphError(response.status, json, accessToken) : undefined;
    onCall?.({
      method,
      path: url.pathname,
      status: response.status,
      errorCode: error?.info.code ?? null,
      versionDeprecated:
        response.headers.has('x-ad-api-version-warning') || error?.info.code === DEPRECATED_VERSION,
      startedAt,
      durationMs: timing.now() - startedAt,
    });
    await throttle.observe(key, usage, !failed);
    if (error) return { error, usage };
    if (json === undefined) {
      return {
        error: graphFailure(
          'invalid-response',
          'The Graph API answered without JSON.',
          response.status,
        ),
        usage,
      };
    }
    return { body: json, usage };
  }

  // Every call goes through here: the one place for pacing, retries and throttle errors.
  async function request(
    method: Method,
    url: URL,
    callOptions: CallOptions = {},
    body?: URLSearchParams,
  ): Promise<GraphAnswer> {
    const key = callOptions.account ?? APP_KEY;
    for (let retry = 0; ; retry++) {
      await pace(key);
      const outcome = await attempt(method, url, body, key);
      if (!('error' in outcome)) return outcome;
      const { error, usage } = outcome;
      if (error.kind === 'throttle') {
        const retryAt = await throttle.throttled(key, usage);
        throw new GraphError(error.info, 'throttle', retryAt);
      }
      if (error.kind !== 'transient' || retry >= maxRetries) throw error;
      await timing.sleep(
        backoffDelay(retry, RETRY_BACKOFF, () => timing.random()),
        signal,
      );
    }
  }

  function parse<S extends z.ZodMiniType>(schema: S, body: unknown, what: string): z.output<S> {
    const result = schema.safeParse(body);
    if (!result.success) {
      throw graphFailure(
        'invalid-response',
        `The Graph API answered ${what} in an unexpected shape.`,
      );
    }
    return result.data;
  }

  function followLink(next: string, path: string): URL {
    const url = followablePagingUrl(next);
    if (!url) {
      throw graphFailure(
        'invalid-response',
        `Refused to follow a paging link of ${path} that leaves graph.facebook.com.`,
      );
    }
    return url;
  }

  /** One page; "reduce the amount of data" halves `limit` on the same cursor and tries again. */
  async function readPage(url: URL, pageOptions: PageOptions): Promise<unknown> {
    const minLimit = pageOptions.minLimit ?? DEFAULT_MIN_LIMIT;
    for (;;) {
      try {
        return (await request('GET', url, pageOptions)).body;
      } catch (error) {
        const limit = Number(url.searchParams.get('limit'));
        const smaller = Math.floor(limit / 2);
        if (!isGraphError(error, 'reduce-data') || !(smaller >= minLimit)) throw error;
        url.searchParams.set('limit', String(smaller));
      }
    }
  }

  async function* walk<S extends z.ZodMiniType>(
    first: URL,
    path: string,
    itemSchema: S,
    pageOptions: PageOptions,
  ): AsyncGenerator<z.output<S>[], void, undefined> {
    const pageSchema = graphPageSchema(itemSchema);
    const visited = new Set<string>();
    let url: URL | undefined = first;
    let limit: string | null = url.searchParams.get('limit');
    while (url) {
      // A smaller page size chosen on the way carries on to the following pages.
      if (limit !== null && Number(url.searchParams.get('limit')) > Number(limit)) {
        url.searchParams.set('limit', limit);
      }
      if (visited.size >= MAX_PAGES || visited.has(url.href)) {
        throw graphFailure('invalid-response', `Paging through ${path} did not end.`);
      }
      visited.add(url.href);
      const page: z.output<typeof pageSchema> = parse(
        pageSchema,
        await readPage(url, pageOptions),
        path,
      );
      limit = url.searchParams.get('limit');
      yield page.data;
      url = page.paging?.next === undefined ? undefined : followLink(page.paging.next, path);
    }
  }

  const pages: GraphClient['pages'] = (path, itemSchema, query = {}, pageOptions = {}) =>
    walk(graphUrl(path, query), path, itemSchema, pageOptions);

  return {
    timing,
    throttle,
    accessToken,
    parse,
    pages,
    continuePages(next, itemSchema, pageOptions = {}) {
      const first = followLink(next, 'a paged edge');
      return walk(first, first.pathname, itemSchema, pageOptions);
    },
    serverNow: () => timing.now() + serverOffsetMs,
    noteCall: (call) => onCall?.(call),

    async get(path, schema, query, callOptions) {
      return parse(schema, (await request('GET', graphUrl(path, query), callOptions)).body, path);
    },

    async getAll(path, itemSchema, query, pageOptions) {
      const items: z.output<typeof itemSchema>[] = [];
      for await (const page of pages(path, itemSchema, query, pageOptions)) items.push(...page);
      return items;
    },

    async post(path, schema, query, callOptions) {
      const form = new URLSearchParams();
      writeGraphQuery(form, query);
      const answer = await request('POST', graphUrl(path), callOptions, form);
      return parse(schema, answer.body, path);
    },

    async delete(path, schema) {
      return parse(schema, (await request('DELETE', graphUrl(path))).body, path);
    },

    postForm(form, callOptions) {
      return request('POST', graphUrl('/'), callOptions, form);
    },
  };
}
