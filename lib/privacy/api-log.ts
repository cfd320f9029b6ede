import { cacheDb } from '@/lib/cache/db';
import { API_LOG_PAGE, ApiCallSchema, type ApiCall } from '@/lib/schema/privacy';

/** The newest Graph calls of the local log, as the Transparency section shows them. */
export async function readApiLog(): Promise<{ calls: ApiCall[]; total: number }> {
  const table = cacheDb().apiCalls;
  const [records, total] = await Promise.all([
    table.orderBy('id').reverse().limit(API_LOG_PAGE).toArray(),
    table.count(),
  ]);
  const calls = records.flatMap(({ method, path, status, errorCode, time, durationMs }) => {
    const parsed = ApiCallSchema.safeParse({ method, path, status, errorCode, time, durationMs });
    return parsed.success ? [parsed.data] : [];
  });
  return { calls, total };
}

export async function clearApiLog(): Promise<void> {
  await cacheDb().apiCalls.clear();
}
