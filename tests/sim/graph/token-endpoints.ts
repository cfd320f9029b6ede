import type { SimControl } from '../control';
import type { Json, JsonObject } from './objects';
import { GraphError, invalidParameter } from './errors';
import type { Params } from './params';
import { LONG_LIVED_SECONDS, type TokenRecord } from './tokens';

/** `/debug_token`, `/me/permissions` and the long-lived token exchange (Simulator checklist 18). */

export function debugToken(control: SimControl, params: Params): JsonObject {
  const input = params.get('input_token');
  if (input === undefined) throw invalidParameter('The parameter input_token is required');
  const outcome = control.tokens.authenticate(input);
  const app = { app_id: control.app.id, application: control.app.name };
  if (outcome instanceof GraphError) {
    const record = control.tokens.get(input);
    return {
      data: {
        ...app,
        type: 'USER',
        is_valid: false,
        error: {
          code: outcome.fields.code,
          message: outcome.fields.message,
          ...(outcome.fields.error_subcode === undefined
            ? {}
            : { subcode: outcome.fields.error_subcode }),
        },
        scopes: record ? [...record.scopes] : [],
        ...(record ? { user_id: record.userId } : {}),
      },
    };
  }
  return { data: { ...app, ...describeToken(outcome) } };
}

function describeToken(record: TokenRecord): JsonObject {
  const targets: JsonObject = record.accountIds ? { target_ids: [...record.accountIds] } : {};
  return {
    type: record.kind === 'system_user' ? 'SYSTEM_USER' : 'USER',
    data_access_expires_at: record.dataAccessExpiresAt,
    expires_at: record.expiresAt,
    is_valid: true,
    issued_at: record.issuedAt,
    scopes: [...record.scopes],
    granular_scopes: [...record.scopes]
      .filter((scope) => scope !== 'public_profile')
      .map((scope): Json => ({ scope, ...targets })),
    user_id: record.userId,
  };
}

export function listPermissions(record: TokenRecord): JsonObject {
  const granted: Json[] = [...record.scopes].map((permission) => ({
    permission,
    status: 'granted',
  }));
  const declined: Json[] = [...record.declined].map((permission) => ({
    permission,
    status: 'declined',
  }));
  return { data: [...granted, ...declined] };
}

/** `DELETE /me/permissions[/{permission}]`: one permission, or the whole app (tokens then fail 190/458). */
export function revokePermissions(
  control: SimControl,
  record: TokenRecord,
  permission: string | undefined,
): JsonObject {
  if (permission === undefined) control.tokens.deauthorize(record.userId);
  else control.tokens.revokePermission(record.userId, permission);
  return { success: true };
}

/** `GET /oauth/access_token?grant_type=fb_exchange_token…`: needs the app secret, so only a backend can. */
export function exchangeToken(control: SimControl, params: Params): JsonObject {
  if (params.get('grant_type') !== 'fb_exchange_token') {
    throw invalidParameter('grant_type must be fb_exchange_token');
  }
  if (params.get('client_id') !== control.app.id) {
    throw new GraphError(400, {
      message: 'Error validating application. Invalid application ID.',
      type: 'OAuthException',
      code: 101,
    });
  }
  if (params.get('client_secret') !== control.app.secret) {
    throw new GraphError(400, {
      message: 'Error validating client secret.',
      type: 'OAuthException',
      code: 1,
    });
  }
  const outcome = control.tokens.authenticate(params.get('fb_exchange_token'));
  if (outcome instanceof GraphError) throw outcome;
  const token = control.tokens.issue({
    kind: 'long_lived',
    scopes: [...outcome.scopes],
    declined: [...outcome.declined],
    userName: outcome.userName,
    ...(outcome.accountIds ? { accountIds: outcome.accountIds } : {}),
  });
  return { access_token: token, token_type: 'bearer', expires_in: LONG_LIVED_SECONDS };
}
