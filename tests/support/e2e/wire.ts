import type { WireRecord } from '../../sim/server';

/**
 * Where a Graph request carried `token` other than in its Authorization header: a query parameter
 * (only `/debug_token`'s `input_token` may, as that endpoint requires), the body (form fields and
 * batch bodies, searched raw and decoded), another header, or no Bearer header at all. One line per
 * problem; none means the token travelled only where it should.
 */
export function tokenOutsideAuthorization(wireLog: readonly WireRecord[], token: string): string[] {
  const problems: string[] = [];
  for (const call of wireLog.filter((entry) => entry.host === 'graph.facebook.com')) {
    const where = `${call.method} ${call.path}`;
    if (!call.bearerToken) problems.push(`${where}: no Bearer Authorization header`);
    for (const [name, value] of new URLSearchParams(call.query)) {
      const allowed = name === 'input_token' && call.path.endsWith('/debug_token');
      if (value.includes(token) && !allowed) problems.push(`${where}: token in query ${name}`);
      if (name === 'access_token') problems.push(`${where}: access_token in query`);
    }
    if (decoded(call.body).includes(token)) problems.push(`${where}: token in body`);
    if (decoded(call.body).includes('access_token'))
      problems.push(`${where}: access_token in body`);
    if (call.otherHeaders.includes(token)) problems.push(`${where}: token in another header`);
  }
  return problems;
}

/** Form bodies encode their fields and batch bodies their relative URLs, twice at most. */
function decoded(text: string): string {
  const once = safeDecode(text.replaceAll('+', ' '));
  return `${text}\n${once}\n${safeDecode(once)}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
