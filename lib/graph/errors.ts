import { GraphErrorBodySchema } from '@/lib/schema/graph';
import { AppError } from '@/lib/schema/errors';
import { redactSecrets } from '@/lib/util/redact';

/**
 * Graph API errors, parsed into one shape and classified code first, message second, HTTP status
 * last (meta-graph-api.md §8 and the Client checklist): Meta's HTTP status is unreliable.
 */
export type GraphErrorKind =
  | 'auth'
  | 'permission'
  | 'throttle'
  | 'reduce-data'
  | 'transient'
  | 'not-found'
  | 'invalid-request'
  | 'invalid-response'
  /** An async report run failed or was skipped (meta-graph-api.md §4). */
  | 'report-failed'
  | 'unknown';

export interface GraphErrorInfo {
  /** 0 when no response arrived (network failure). */
  readonly httpStatus: number;
  readonly code: number | null;
  readonly subcode: number | null;
  readonly type: string | null;
  readonly message: string;
  readonly userTitle: string | null;
  readonly userMsg: string | null;
  readonly isTransient: boolean;
  readonly fbtraceId: string | null;
}

export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly kind: GraphErrorKind;

  constructor(
    readonly info: GraphErrorInfo,
    kind: GraphErrorKind = classifyGraphError(info),
    /** For a throttle: when calls may resume (ms since the epoch). */
    readonly retryAt?: number,
  ) {
    super(info.message);
    this.kind = kind;
  }
}

const THROTTLE_CODES = new Set([4, 17, 32, 613]);
const INSIGHTS_THROTTLE_SUBCODES = new Set([1504022, 1504039]);
const INVALID_INSIGHTS_SUBCODES = new Set([1504041, 1504042]);
/** "Request timed out. Try a smaller date range, fetch less data, or use async jobs." */
const INSIGHTS_TIMEOUT_SUBCODES = new Set([1504018, 1504038]);
const REDUCE_DATA = /reduce the amount of data/i;

function asksToReduceData(info: GraphErrorInfo): boolean {
  return REDUCE_DATA.test(info.message) || REDUCE_DATA.test(info.userMsg ?? '');
}

function classifyByCode(info: GraphErrorInfo): GraphErrorKind | undefined {
  const { code, subcode } = info;
  if (code === null) return undefined;
  if (code === 190 || code === 102) return 'auth';
  if (code === 10 || code === 294 || (code >= 200 && code <= 299)) return 'permission';
  if (THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014)) return 'throttle';
  if (subcode !== null && INSIGHTS_THROTTLE_SUBCODES.has(subcode)) return 'throttle';
  if (code === 100 && subcode === 33) return 'not-found';
  if (subcode !== null && INSIGHTS_TIMEOUT_SUBCODES.has(subcode)) return 'reduce-data';
  if (code === 100) return info.isTransient ? 'transient' : 'invalid-request';
  if (code === 2 && subcode !== null && INVALID_INSIGHTS_SUBCODES.has(subcode)) {
    return 'invalid-request';
  }
  // Code 1 means "unknown error" or "too much data"; only the message tells which.
  if (code === 1 || code === 2) return asksToReduceData(info) ? 'reduce-data' : 'transient';
  return undefined;
}

function classifyByMessage(info: GraphErrorInfo): GraphErrorKind | undefined {
  if (asksToReduceData(info)) return 'reduce-data';
  if (info.isTransient) return 'transient';
  return undefined;
}

function classifyByStatus(httpStatus: number): GraphErrorKind {
  if (httpStatus === 0 || httpStatus >= 500) return 'transient';
  if (httpStatus === 429) return 'throttle';
  if (httpStatus === 401) return 'auth';
  if (httpStatus === 403) return 'permission';
  if (httpStatus === 404) return 'not-found';
  if (httpStatus >= 400) return 'invalid-request';
  return 'unknown';
}

export function classifyGraphError(info: GraphErrorInfo): GraphErrorKind {
  return classifyByCode(info) ?? classifyByMessage(info) ?? classifyByStatus(info.httpStatus);
}

/** Parses any error answer; the token is stripped from every text field Meta sends back. */
export function parseGraphError(httpStatus: number, body: unknown, secret?: string): GraphError {
  const parsed = GraphErrorBodySchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : {};
  const clean = (text: string | undefined) =>
    text === undefined ? null : redactSecrets(text, secret);
  return new GraphError({
    httpStatus,
    code: error.code ?? null,
    subcode: error.error_subcode ?? null,
    type: clean(error.type),
    message: clean(error.message) ?? `The Graph API answered HTTP ${httpStatus}.`,
    userTitle: clean(error.error_user_title),
    userMsg: clean(error.error_user_msg),
    isTransient: error.is_transient === true,
    fbtraceId: clean(error.fbtrace_id),
  });
}

/** A failure detected on our side: no response, or a response we refuse to use. */
export function graphFailure(kind: GraphErrorKind, message: string, httpStatus = 0): GraphError {
  return new GraphError(
    {
      httpStatus,
      code: null,
      subcode: null,
      type: null,
      message,
      userTitle: null,
      userMsg: null,
      isTransient: kind === 'transient',
      fbtraceId: null,
    },
    kind,
  );
}

/** What a page is told about a Graph API failure. */
export function graphErrorToAppError(error: unknown): AppError | undefined {
  if (!(error instanceof GraphError)) return undefined;
  switch (error.kind) {
    case 'auth':
      return new AppError('token-rejected', `Meta rejected the access token: ${error.message}`);
    case 'permission':
      return new AppError(
        'permission-missing',
        `The token lacks a permission Adlens needs (ads_read): ${error.message}`,
      );
    case 'throttle':
      return new AppError('rate-limited', 'Meta is limiting requests right now. Try again later.');
    case 'transient':
      return new AppError(
        'graph-unavailable',
        'graph.facebook.com could not be reached or failed for a moment. Try again shortly.',
      );
    default:
      // Meta's own words only: each surface says "Meta answered with an error: …" in its language.
      return new AppError('graph-error', error.message);
  }
}
