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
