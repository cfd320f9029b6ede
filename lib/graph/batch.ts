import { GraphBatchResponseSchema, type GraphBatchItem } from '@/lib/schema/graph-batch';
import { graphUrl, type GraphClient } from './client';
import { GraphError, graphFailure, parseGraphError } from './errors';
import type { GraphQuery } from './params';
import { itemHeaders, readUsage } from './usage';

/**
 * Batch requests (meta-graph-api.md §7): up to 50 GETs in one POST. Items that got no answer
 * (`null`), were aborted (code 960) or failed transiently are sent again; each item's usage headers
 * feed the throttle like a response of their own. The batch does not follow an item's paging.
 */
export const MAX_BATCH_SIZE = 50;
/** Rounds of re-sending unanswered items before they count as failed. */
export const MAX_BATCH_RESENDS = 3;
const REQUEST_ABORTED = 960;

export interface BatchRequest {
  readonly path: string;
  readonly query?: GraphQuery;
}

export type BatchOutcome =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly error: GraphError };

type ItemResult = BatchOutcome | 'resend';

function relativeUrl(request: BatchRequest): string {
  const url = graphUrl(request.path, request.query);
  return `${url.pathname.slice(1)}${url.search}`;
}

function parseBody(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** A batch item, as the call log keeps every request: its path (no query), status and error. */
function noteItem(
  graph: GraphClient,
  request: BatchRequest,
  item: GraphBatchItem,
  error: GraphError | undefined,
  sent: { readonly startedAt: number; readonly durationMs: number },
): void {
  graph.noteCall({
    method: 'GET',
    path: graphUrl(request.path).pathname,
    status: item?.code ?? 0,
    errorCode: error?.info.code ?? null,
    versionDeprecated: false,
    ...sent,
  });
}

async function readItem(
  graph: GraphClient,
  request: BatchRequest,
  item: GraphBatchItem,
  account: string | undefined,
  sent: { readonly startedAt: number; readonly durationMs: number },
): Promise<ItemResult> {
  if (item === null) {
    noteItem(graph, request, item, undefined, sent);
    return 'resend';
  }
  const key = account ?? 'app';
  const usage = readUsage(itemHeaders(item.headers));
  const body = parseBody(item.body);
  const failed = item.code >= 400 || (typeof body === 'object' && body !== null && 'error' in body);
  const error = failed ? parseGraphError(item.code, body, graph.accessToken) : undefined;
  noteItem(graph, request, item, error, sent);
  await graph.throttle.observe(key, usage, !failed);
  if (!error) {
    return body === undefined
      ? { ok: false, error: graphFailure('invalid-response', 'A batch item had no JSON body.') }
      : { ok: true, body };
  }
  if (error.info.code === REQUEST_ABORTED || error.kind === 'transient') return 'resend';
  if (error.kind === 'throttle') {
    return {
      ok: false,
      error: new GraphError(error.info, 'throttle', await graph.throttle.throttled(key, usage)),
    };
  }
  return { ok: false, error };
}

async function sendOnce(
  graph: GraphClient,
  requests: readonly BatchRequest[],
  account: string | undefined,
): Promise<ItemResult[]> {
  const form = new URLSearchParams();
  form.set(
    'batch',
    JSON.stringify(
      requests.map((request) => ({ method: 'GET', relative_url: relativeUrl(request) })),
    ),
  );
  form.set('include_headers', 'true');
  const startedAt = graph.timing.now();
  const answer = await graph.postForm(form, account === undefined ? {} : { account });
  const sent = { startedAt, durationMs: graph.timing.now() - startedAt };
  const items = graph.parse(GraphBatchResponseSchema, answer.body, 'a batch');
  if (items.length !== requests.length) {
    throw graphFailure('invalid-response', 'A batch answer did not match its requests.');
  }
  return Promise.all(
    items.map((item, index) => readItem(graph, requests[index]!, item, account, sent)),
  );
}

async function sendChunk(
  graph: GraphClient,
  requests: readonly BatchRequest[],
  account: string | undefined,
): Promise<BatchOutcome[]> {
  const outcomes: (BatchOutcome | undefined)[] = requests.map(() => undefined);
  let pending = requests.map((_request, index) => index);
  for (let round = 0; round <= MAX_BATCH_RESENDS && pending.length > 0; round++) {
    const results = await sendOnce(
      graph,
      pending.map((index) => requests[index]!),
      account,
    );
    const resend: number[] = [];
    results.forEach((result, position) => {
      const index = pending[position]!;
      if (result === 'resend') resend.push(index);
      else outcomes[index] = result;
    });
    pending = resend;
  }
  return outcomes.map(
    (outcome) =>
      outcome ?? {
        ok: false,
        error: graphFailure('transient', 'Meta did not answer part of a batch request.'),
      },
  );
}

/** Every request's outcome, in order; `account` is whose quota the calls spend. */
export async function batchGet(
  graph: GraphClient,
  requests: readonly BatchRequest[],
  account?: string,
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = [];
  for (let start = 0; start < requests.length; start += MAX_BATCH_SIZE) {
    outcomes.push(
      ...(await sendChunk(graph, requests.slice(start, start + MAX_BATCH_SIZE), account)),
    );
  }
  return outcomes;
}
