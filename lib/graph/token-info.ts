import {
  GraphPermissionSchema,
  GraphTokenDebugSchema,
  type GraphPermission,
  type GraphTokenDebug,
} from '@/lib/schema/graph-token';
import type { GraphClient } from './client';

/** What Meta says about a token: its permissions, and its own description of itself. */
export function fetchPermissions(graph: GraphClient): Promise<GraphPermission[]> {
  return graph.getAll('/me/permissions', GraphPermissionSchema);
}

/**
 * `/debug_token` with the token inspecting itself, as Meta's Node SDK does. The endpoint takes the
 * inspected token as `input_token`, so this one call carries it in the query as well as in the
 * header; it still goes to graph.facebook.com only, and nothing logs the URL.
 */
export async function inspectToken(graph: GraphClient, token: string): Promise<GraphTokenDebug> {
  const answer = await graph.get('/debug_token', GraphTokenDebugSchema, {
    params: { input_token: token },
  });
  return answer.data;
}
