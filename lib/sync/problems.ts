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

/**
 * The problem to show. Its sentence is the reader's, picked by `kind` from the catalogue
 * (`syncProblemPermission`…); `message` is only Meta's own words, in parentheses, without any
 * token, which no catalogue can translate.
 */
export function syncProblemOf(error: unknown, at: number): SyncProblem {
  const detail = error instanceof GraphError ? error.message : '';
  return {
    kind: kindOf(error),
    message: detail ? `(${redactSecrets(detail)})`.slice(0, 500) : '',
    until: error instanceof GraphError && error.retryAt !== undefined ? error.retryAt : null,
    at,
  };
}

/** A rejected token concerns every account at once: syncing the others is pointless. */
export function stopsAllAccounts(problem: SyncProblem): boolean {
  return problem.kind === 'reconnect';
}
