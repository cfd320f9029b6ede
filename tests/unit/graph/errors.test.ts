import { describe, expect, it } from 'vitest';
import {
  classifyGraphError,
  graphErrorToAppError,
  parseGraphError,
  type GraphErrorInfo,
  type GraphErrorKind,
} from '@/lib/graph/errors';

function info(overrides: Partial<GraphErrorInfo>): GraphErrorInfo {
  return {
    httpStatus: 400,
    code: null,
    subcode: null,
    type: null,
    message: 'An error',
    userTitle: null,
    userMsg: null,
    isTransient: false,
    fbtraceId: null,
    ...overrides,
  };
}

const REDUCE = "Please reduce the amount of data you're asking for, then retry your request";

describe('classifyGraphError', () => {
  it.each<[string, Partial<GraphErrorInfo>, GraphErrorKind]>([
    ['expired token 190/463', { code: 190, subcode: 463 }, 'auth'],
    ['invalid token 190', { code: 190 }, 'auth'],
    ['session 102', { code: 102 }, 'auth'],
    ['190 even with a 500', { code: 190, httpStatus: 500 }, 'auth'],
    ['permission 10', { code: 10 }, 'permission'],
    ['permission 200', { code: 200, httpStatus: 403 }, 'permission'],
    ['permission 299', { code: 299 }, 'permission'],
    ['ads permission 294', { code: 294 }, 'permission'],
    ['app throttle 4', { code: 4 }, 'throttle'],
    ['user throttle 17/2446079', { code: 17, subcode: 2446079 }, 'throttle'],
    ['page throttle 32', { code: 32 }, 'throttle'],
    ['api throttle 613', { code: 613 }, 'throttle'],
    ['insights BUC 80000', { code: 80000 }, 'throttle'],
    ['management BUC 80004', { code: 80004 }, 'throttle'],
    ['last BUC 80014', { code: 80014 }, 'throttle'],
    ['not a BUC 80015', { code: 80015, httpStatus: 400 }, 'invalid-request'],
    ['unknown error 1', { code: 1, httpStatus: 500 }, 'transient'],
    ['1/99', { code: 1, subcode: 99, httpStatus: 500 }, 'transient'],
    ['1 asking to reduce data', { code: 1, message: REDUCE, httpStatus: 500 }, 'reduce-data'],
    ['1 with the hint in the user message', { code: 1, userMsg: REDUCE }, 'reduce-data'],
    ['service unavailable 2', { code: 2, isTransient: true }, 'transient'],
    ['invalid breakdowns 2/1504041', { code: 2, subcode: 1504041 }, 'invalid-request'],
    ['insights timeout 100/1504018', { code: 100, subcode: 1504018 }, 'reduce-data'],
    ['insights timeout 2/1504038', { code: 2, subcode: 1504038 }, 'reduce-data'],
    ['invalid parameter 100', { code: 100 }, 'invalid-request'],
    ['transient 100', { code: 100, isTransient: true }, 'transient'],
    ['unknown object 100/33', { code: 100, subcode: 33 }, 'not-found'],
    ['unlisted code flagged transient', { code: 9999, isTransient: true }, 'transient'],
    ['unlisted code, reduce message', { code: 9999, message: REDUCE }, 'reduce-data'],
    ['no code, 503', { httpStatus: 503 }, 'transient'],
    ['no code, 429', { httpStatus: 429 }, 'throttle'],
    ['no code, 401', { httpStatus: 401 }, 'auth'],
    ['no code, 403', { httpStatus: 403 }, 'permission'],
    ['no code, 404', { httpStatus: 404 }, 'not-found'],
    ['no code, 400', { httpStatus: 400 }, 'invalid-request'],
    ['no response at all', { httpStatus: 0 }, 'transient'],
    ['no code, 200', { httpStatus: 200 }, 'unknown'],
  ])('%s → %s', (_name, overrides, kind) => {
    expect(classifyGraphError(info(overrides))).toBe(kind);
  });
});

describe('parseGraphError', () => {
  it('reads every documented field', () => {
    const error = parseGraphError(400, {
      error: {
        message: 'Error validating access token: Session has expired.',
        type: 'OAuthException',
        code: 190,
        error_subcode: 463,
        is_transient: false,
        error_user_title: 'Session expired',
        error_user_msg: 'Log in again.',
        fbtrace_id: 'AbCdEf123',
      },
    });
    expect(error.kind).toBe('auth');
    expect(error.info).toEqual({
      httpStatus: 400,
      code: 190,
      subcode: 463,
      type: 'OAuthException',
      message: 'Error validating access token: Session has expired.',
      userTitle: 'Session expired',
      userMsg: 'Log in again.',
      isTransient: false,
      fbtraceId: 'AbCdEf123',
    });
  });

  it('drops wrongly typed fields instead of failing', () => {
    const error = parseGraphError(500, { error: { code: '190', message: 7, is_transient: 'yes' } });
    expect(error.info).toMatchObject({ code: null, isTransient: false });
    expect(error.kind).toBe('transient');
  });

  it('copes with a body that is not an error at all', () => {
    expect(parseGraphError(502, undefined).kind).toBe('transient');
    expect(parseGraphError(418, '<html>').info.message).toContain('418');
  });

  it('strips the token from every text field', () => {
    const token = 'EAABsomeRealLookingToken1234567890';
    const error = parseGraphError(
      400,
      {
        error: {
          message: `Malformed access token ${token}`,
          type: 'OAuthException',
          code: 190,
          error_user_msg: `token=${token}`,
        },
      },
      token,
    );
    expect(JSON.stringify(error.info)).not.toContain(token);
    expect(error.message).not.toContain(token);
  });
});

describe('graphErrorToAppError', () => {
  it.each([
    [190, 'token-rejected'],
    [200, 'permission-missing'],
    [17, 'rate-limited'],
    [2, 'graph-unavailable'],
    [100, 'graph-error'],
  ])('maps code %i to %s', (code, appCode) => {
    expect(graphErrorToAppError(parseGraphError(400, { error: { code } }))?.code).toBe(appCode);
  });

  it('leaves other errors to the caller', () => {
    expect(graphErrorToAppError(new Error('x'))).toBeUndefined();
  });
});
