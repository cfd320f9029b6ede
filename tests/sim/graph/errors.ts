/**
 * Graph API errors, shaped exactly like the real ones (meta-graph-api.md §8): clients branch on
 * `code`/`error_subcode`, and the HTTP status is deliberately not a reliable signal.
 */

export interface GraphErrorFields {
  readonly message: string;
  readonly type: string;
  readonly code: number;
  readonly error_subcode?: number;
  readonly is_transient?: boolean;
  readonly error_user_title?: string;
  readonly error_user_msg?: string;
  readonly error_data?: string;
}

export type GraphErrorBody = GraphErrorFields & { readonly fbtrace_id: string };

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly fields: GraphErrorFields,
  ) {
    super(fields.message);
  }
}

const OAUTH = 'OAuthException';
const DOCS = 'https://developers.facebook.com/docs/graph-api';

export function invalidParameter(message: string): GraphError {
  return new GraphError(400, { message: `(#100) ${message}`, type: OAUTH, code: 100 });
}

export function mustBeOneOf(param: string, values: readonly string[]): GraphError {
  return invalidParameter(`${param} must be one of the following values: ${values.join(', ')}`);
}

export function invalidInsightsField(field: string): GraphError {
  return invalidParameter(
    `${field} is not valid for fields param. please check https://developers.facebook.com/docs/marketing-api/reference/ads-insights/ for all valid values`,
  );
}

export function nonexistingField(field: string, nodeType: string): GraphError {
  return invalidParameter(
    `Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
  );
}

export function unsupportedRequest(method: string, id: string): GraphError {
  return new GraphError(400, {
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at ${DOCS}`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

export function unknownPath(path: string): GraphError {
  return new GraphError(400, {
    message: `Unknown path components: ${path}`,
    type: OAUTH,
    code: 2500,
  });
}

export function deprecatedVersion(latest: string): GraphError {
  return new GraphError(400, {
    message: `(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: ${latest}.`,
    type: OAUTH,
    code: 2635,
  });
}

export function tokenRequired(): GraphError {
  return new GraphError(400, {
    message: 'An access token is required to request this resource.',
    type: OAUTH,
    code: 104,
  });
}

export function invalidToken(message: string, subcode?: number): GraphError {
  return new GraphError(400, {
    message,
    type: OAUTH,
    code: 190,
    ...(subcode === undefined ? {} : { error_subcode: subcode }),
  });
}

export function permissionError(message: string, status: number): GraphError {
  return new GraphError(status, { message: `(#200) ${message}`, type: OAUTH, code: 200 });
}

/** Presets a test can script or the simulator raises on its own. */
export const FAULTS = {
  transient: () =>
    new GraphError(400, {
      message: '(#2) Service temporarily unavailable',
      type: OAUTH,
      code: 2,
      is_transient: true,
    }),
  unknown_error: () =>
    new GraphError(500, {
      message: 'An unknown error occurred',
      type: OAUTH,
      code: 1,
      error_subcode: 99,
      is_transient: false,
    }),
  too_much_data: () =>
    new GraphError(500, {
      message: "Please reduce the amount of data you're asking for, then retry your request",
      type: OAUTH,
      code: 1,
    }),
  too_much_data_subcode_99: () =>
    new GraphError(500, {
      message: 'An unknown error occurred',
      type: OAUTH,
      code: 1,
      error_subcode: 99,
      error_user_title: 'Too much data',
      error_user_msg: "Please reduce the amount of data you're asking for, then retry your request",
    }),
  timeout: () =>
    new GraphError(400, {
      message:
        '(#100) Request timed out. Try a smaller date range, fetch less data, or use async jobs.',
      type: OAUTH,
      code: 100,
      error_subcode: 1504018,
      is_transient: true,
    }),
} as const;

export type ThrottleCode = 'buc' | 4 | 17 | 32 | 613;

/** The error a throttled call gets; `insights` picks the Ads Insights flavour of the BUC throttle. */
export function throttleError(code: ThrottleCode, insights: boolean): GraphError {
  const tooMany = 'There have been too many calls from this ad-account. Wait a bit and try again.';
  switch (code) {
    case 'buc':
      return insights
        ? new GraphError(400, {
            message: `(#80000) ${tooMany} For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.`,
            type: OAUTH,
            code: 80000,
            error_subcode: 2446079,
          })
        : new GraphError(400, {
            message:
              '(#80004) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.',
            type: OAUTH,
            code: 80004,
            error_subcode: 2446079,
          });
    case 17:
      return new GraphError(400, {
        message: '(#17) User request limit reached',
        type: OAUTH,
        code: 17,
        error_subcode: 2446079,
      });
    case 4:
      return new GraphError(400, {
        message: '(#4) Application request limit reached',
        type: OAUTH,
        code: 4,
      });
    case 613:
      return new GraphError(400, {
        message: '(#613) Calls to this api have exceeded the rate limit.',
        type: OAUTH,
        code: 613,
        error_subcode: 1487742,
      });
    case 32:
      return new GraphError(400, {
        message: '(#32) Page request limit reached',
        type: OAUTH,
        code: 32,
      });
  }
}
