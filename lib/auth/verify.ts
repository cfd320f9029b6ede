import { callCollector } from '@/lib/cache/api-log';
import { createGraphClient } from '@/lib/graph/client';
import { fetchPermissions } from '@/lib/graph/token-info';
import { updateScopes } from './connection-info';
import { withAccessToken } from './session';
import { scopesWith } from './validate-token';

/**
 * Asks Meta whether the stored token still works and what it may do (`/me/permissions`), as the
 * Client checklist asks at start-up. A 190 marks the connection expired on the way (session.ts);
 * permissions changed on facebook.com since the connect are recorded.
 */
export async function verifyConnection(): Promise<void> {
  const log = callCollector();
  try {
    await withAccessToken(async (token) => {
      const graph = createGraphClient({ accessToken: token, onCall: log.onCall });
      const permissions = await fetchPermissions(graph);
      await updateScopes(scopesWith(permissions, true), scopesWith(permissions, false));
    });
  } finally {
    await log.save();
  }
}
