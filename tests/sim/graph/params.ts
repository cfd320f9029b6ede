import { invalidParameter } from './errors';
import type { SimRequest } from '../http';

/**
 * Request parameters the way Graph reads them: query string and form body merged, non-scalar values
 * JSON-encoded (the SDKs' way) or comma lists, and unknown names simply ignored by whoever reads.
 */
export class Params {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Every parameter except the named ones, in request order. */
  without(...names: readonly string[]): [string, string][] {
    return [...this.values].filter(([name]) => !names.includes(name));
  }

  /** A JSON-encoded parameter; a bad encoding is a (#100) error, as on Graph. */
  json(name: string): unknown {
    const raw = this.values.get(name);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw invalidParameter(`Param ${name} must be a JSON-encoded value`);
    }
  }

  /** A list parameter: a JSON array of strings, or a comma-separated list. */
  list(name: string): string[] | undefined {
    const raw = this.values.get(name)?.trim();
    if (raw === undefined) return undefined;
    if (raw.startsWith('[')) {
      const parsed = this.json(name);
      if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== 'string')) {
        throw invalidParameter(`Param ${name} must be an array of strings`);
      }
      return parsed as string[];
    }
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
}

export function paramsFromEntries(entries: Iterable<[string, string]>): Params {
  return new Params(new Map(entries));
}

export function readParams(request: SimRequest): Params {
  const values = new Map<string, string>(request.url.searchParams);
  for (const [name, value] of bodyEntries(request)) values.set(name, value);
  return new Params(values);
}

function bodyEntries(request: SimRequest): [string, string][] {
  const body = request.body.trim();
  if (body === '') return [];
  if ((request.headers['content-type'] ?? '').includes('json')) return jsonBodyEntries(body);
  return [...new URLSearchParams(body)];
}

/** A JSON body's top-level keys become params; objects and arrays stay JSON-encoded. */
function jsonBodyEntries(body: string): [string, string][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw invalidParameter('Request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [];
  return Object.entries(parsed).map(([name, value]) => [
    name,
    typeof value === 'string' ? value : JSON.stringify(value),
  ]);
}
