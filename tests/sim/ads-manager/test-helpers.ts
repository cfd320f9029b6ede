/** Calls a site handler the way tests/sim/server.ts does, without a socket. */
import type { SimHandler, SimResponse } from '../http';

export async function get(site: SimHandler, url: string, method = 'GET'): Promise<SimResponse> {
  return site({ method, url: new URL(url), headers: {}, body: '' });
}

export function text(response: SimResponse): string {
  const { body } = response;
  return typeof body === 'string' ? body : new TextDecoder().decode(body);
}

export function jsonBody<T>(response: SimResponse): T {
  return JSON.parse(text(response)) as T;
}

/** The boot JSON embedded in a page's HTML. */
export function bootOf<T>(html: string): T {
  const match = /<script type="application\/json" data-sjs>(.*?)<\/script>/s.exec(html);
  if (!match?.[1]) throw new Error('no boot JSON in the page');
  return JSON.parse(match[1]) as T;
}
