import type { SimRequest, SimResponse } from '../http';
import { GraphError, invalidParameter } from './errors';
import type { Json } from './objects';
import type { Params } from './params';

/**
 * `POST /` with `batch` (meta-graph-api.md §7): up to 50 requests answered in order, each as
 * `{code, headers, body}` with the body a JSON string, or `null` when the item got no answer.
 */

export const MAX_BATCH = 50;

export interface BatchInjection {
  /** Items (0-based) that come back as `null`, as when the batch timed out. */
  readonly nullAt?: readonly number[];
  /** Items that come back as code 960 "Request aborted". */
  readonly abortAt?: readonly number[];
}

interface BatchItem {
  readonly method: string;
  readonly relative_url: string;
  readonly body?: string;
}

export function runBatch(
  outer: SimRequest,
  params: Params,
  injection: BatchInjection,
  answer: (item: SimRequest) => SimResponse,
  requestId: () => string,
): Json[] {
  const items = readItems(params);
  const includeHeaders = params.get('include_headers') !== 'false';
  const defaultToken = params.get('access_token');
  return items.map((item, index) => {
    if (injection.nullAt?.includes(index)) return null;
    if (injection.abortAt?.includes(index)) return aborted(requestId(), includeHeaders);
    const response = answer(itemRequest(outer, item, defaultToken));
    if (response.resetConnection) return null;
    const body =
      typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body);
    return {
      code: response.status,
      ...(includeHeaders
        ? {
            headers: Object.entries(response.headers ?? {}).map(([name, value]) => ({
              name,
              value,
            })),
          }
        : {}),
      body,
    };
  });
}

function readItems(params: Params): BatchItem[] {
  const items = params.json('batch');
  if (!Array.isArray(items))
    throw invalidParameter('The parameter batch is required and must be a JSON array');
  if (items.length > MAX_BATCH) {
    throw new GraphError(400, {
      message: `Too many requests in batch message. Maximum batch size is ${MAX_BATCH}`,
      type: 'GraphBatchException',
      code: 1,
    });
  }
  return items.map((item: unknown, index) => {
    const fields = (typeof item === 'object' && item !== null ? item : {}) as Record<
      string,
      unknown
    >;
    if (typeof fields.relative_url !== 'string') {
      throw invalidParameter(`batch[${index}] requires a relative_url`);
    }
    return {
      method: typeof fields.method === 'string' ? fields.method.toUpperCase() : 'GET',
      relative_url: fields.relative_url,
      ...(typeof fields.body === 'string' ? { body: fields.body } : {}),
    };
  });
}

/** An item runs with the batch's token unless it names its own. */
function itemRequest(
  outer: SimRequest,
  item: BatchItem,
  defaultToken: string | undefined,
): SimRequest {
  const url = new URL(`/${item.relative_url.replace(/^\//, '')}`, outer.url.origin);
  const body = item.body ?? '';
  const hasOwnToken =
    url.searchParams.has('access_token') || new URLSearchParams(body).has('access_token');
  if (!hasOwnToken && defaultToken !== undefined)
    url.searchParams.set('access_token', defaultToken);
  return {
    method: item.method,
    url,
    headers: {
      authorization: outer.headers.authorization,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
  };
}

function aborted(fbtraceId: string, includeHeaders: boolean): Json {
  return {
    code: 500,
    ...(includeHeaders
      ? { headers: [{ name: 'Content-Type', value: 'application/json; charset=UTF-8' }] }
      : {}),
    body: JSON.stringify({
      error: {
        message:
          'Request aborted. This could happen if a dependent request failed or the entire request timed out.',
        type: 'FacebookApiException',
        code: 960,
        fbtrace_id: fbtraceId,
      },
    }),
  };
}
