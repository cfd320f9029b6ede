import type { GraphCall } from '@/lib/graph/client';
import { cacheDb } from './db';

/**
 * The local log of Graph API calls, for the user to see what Adlens asked Meta and when: method,
 * path (never the query, so never a token), status, time and duration. It keeps the latest calls.
 */
export interface ApiCallRecord {
  readonly id?: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly errorCode: number | null;
  /** Meta flagged the API version as deprecated on this call. */
  readonly versionDeprecated: boolean;
  /** ms since the epoch. */
  readonly time: number;
  readonly durationMs: number;
}

export const API_LOG_LIMIT = 5000;

export function apiCallRecord(call: GraphCall): ApiCallRecord {
  return {
    method: call.method,
    path: call.path,
    status: call.status,
    errorCode: call.errorCode,
    versionDeprecated: call.versionDeprecated,
    time: call.startedAt,
    durationMs: call.durationMs,
  };
}

/**
 * Collects a Graph client's calls (its `onCall`) for the log, to be kept with `save` once the work
 * they served is stored: every request Adlens makes is in the log, batch items included.
 */
export function callCollector(): {
  readonly onCall: (call: GraphCall) => void;
  readonly save: () => Promise<void>;
} {
  const calls: ApiCallRecord[] = [];
  return {
    onCall: (call) => calls.push(apiCallRecord(call)),
    save: () => appendApiCalls(calls.splice(0)),
  };
}

export async function appendApiCalls(calls: readonly ApiCallRecord[]): Promise<void> {
  if (calls.length === 0) return;
  const db = cacheDb();
  await db.apiCalls.bulkAdd([...calls]);
  const excess = (await db.apiCalls.count()) - API_LOG_LIMIT;
  if (excess > 0) {
    const oldest = await db.apiCalls.orderBy('id').limit(excess).primaryKeys();
    await db.apiCalls.bulkDelete(oldest);
  }
}
