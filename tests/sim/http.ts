/**
 * The simulator's transport-free request and response: handlers are plain functions, so unit tests
 * call them directly and tests/sim/server.ts puts them behind one HTTPS server that dispatches by Host.
 */
export interface SimRequest {
  readonly method: string;
  /** Absolute, built from the Host header the client sent (port included), e.g. https://graph.facebook.com:4431/v26.0/me. */
  readonly url: URL;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface SimResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Reset the connection instead of answering (a transient network failure). */
  readonly resetConnection?: boolean;
  /** Answer after this many milliseconds of real time. */
  readonly delayMs?: number;
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(value),
  };
}
