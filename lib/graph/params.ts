/**
 * Query encoding as Meta's SDKs do it (meta-graph-api.md §2): `fields` is a comma list, objects and
 * arrays are JSON, scalars are strings. POST bodies use the same encoding, form-encoded.
 */
export type GraphParamValue = string | number | boolean | readonly unknown[] | object;

export interface GraphQuery {
  readonly fields?: readonly string[];
  readonly params?: Readonly<Record<string, GraphParamValue>>;
}

function encodeValue(value: GraphParamValue): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function writeGraphQuery(target: URLSearchParams, query: GraphQuery): void {
  if (query.fields && query.fields.length > 0) target.set('fields', query.fields.join(','));
  for (const [name, value] of Object.entries(query.params ?? {})) {
    // The token travels in the Authorization header only.
    if (name === 'access_token') throw new Error('The access token is never a query parameter.');
    target.set(name, encodeValue(value));
  }
}

export function applyGraphQuery(url: URL, query: GraphQuery): void {
  writeGraphQuery(url.searchParams, query);
}
