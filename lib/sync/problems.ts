import type { SyncProblem } from '@/lib/cache/sync-state';
import { GraphError } from '@/lib/graph/errors';
import { AppError } from '@/lib/schema/errors';
import type { SyncProblemKind } from '@/lib/schema/sync';
import { redactSecrets } from '@/lib/util/redact';

/**
 * Every way a sync can fail, as the state the user sees (issue 3: "every failure has a state"):
 * reconnect, missing permission, rate limited until a time, Meta unavailable, or another error.
 */
function kindOf(error: unknown): SyncProblemKind {
  if (error instanceof AppError) {
    return error.code === 'not-connected' || error.code === 'token-rejected'
      ? 'reconnect'
      : 'error';
  }
  if (!(error instanceof GraphError)) return 'error';
  switch (error.kind) {
    case 'auth':
      return 'reconnect';
    case 'permission':
      return 'permission';
    case 'throttle':
      return 'rate-limited';
    case 'transient':
    case 'report-failed':
      return 'unavailable';
    default:
      return 'error';
  }
}

const MESSAGES: Readonly<Record<SyncProblemKind, string>> = {
  reconnect:
    'Meta no longer accepts the access token (it expired or was revoked). Reconnect Adlens.',
  permission:
    'The token lacks a permission Adlens needs: grant ads_read (and business_management for business-owned accounts), then reconnect.',
  'rate-limited': 'Meta is limiting requests for this account. Adlens carries on when it allows.',
  unavailable:
    'Meta’s API failed or could not be reached, even after retries. Adlens will try again.',
  error: 'The sync stopped on an unexpected answer from Meta.',
};

/** The problem to show; Meta's own words are appended, without any token. */
export function syncProblemOf(error: unknown, at: number): SyncProblem {
  const kind = kindOf(error);
  const detail = error instanceof GraphError || error instanceof AppError ? error.message : '';
  const message = detail ? `${MESSAGES[kind]} (${redactSecrets(detail)})` : MESSAGES[kind];
  return {
    kind,
    message: message.slice(0, 500),
    until: error instanceof GraphError && error.retryAt !== undefined ? error.retryAt : null,
    at,
  };
}

/** A rejected token concerns every account at once: syncing the others is pointless. */
export function stopsAllAccounts(problem: SyncProblem): boolean {
  return problem.kind === 'reconnect';
}
