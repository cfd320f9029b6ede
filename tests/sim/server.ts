import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadTestCertificate, type TestCertificate } from './certs';
import type { SimHandler, SimRequest, SimResponse } from './http';

export interface SimServer {
  readonly port: number;
  readonly certificate: TestCertificate;
  /** For Chromium: every simulated host goes to this server, every other host fails to resolve. */
  readonly hostResolverRules: string;
  /** Every request the server received, in order, as seen on the wire. */
  readonly wireLog: readonly WireRecord[];
  close(): Promise<void>;
}

/**
 * How a request arrived: enough to assert where a client put its credentials. The query, the body
 * and the other headers are kept as sent, so a test can search them for a token; the
 * Authorization header's value is not.
 */
export interface WireRecord {
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly bearerToken: boolean;
  readonly tokenInQuery: boolean;
  /** The raw query string, without its `?`. */
  readonly query: string;
  readonly body: string;
  /** Every header but Authorization, as `name: value` lines. */
  readonly otherHeaders: string;
}

/** One HTTPS server on loopback that answers for several host names, dispatching by Host header. */
export async function startSimServer(
  routes: Readonly<Record<string, SimHandler>>,
): Promise<SimServer> {
  const certificate = loadTestCertificate();
  const wireLog: WireRecord[] = [];
  const server = createServer(
    { cert: certificate.certPem, key: certificate.keyPem },
    (req, res) => {
      void dispatch(routes, req, res, wireLog);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const rules = Object.keys(routes).map((host) => `MAP ${host} 127.0.0.1:${port}`);
  return {
    port,
    certificate,
    hostResolverRules: [...rules, 'MAP * ~NOTFOUND', 'EXCLUDE localhost'].join(', '),
    wireLog,
    close: () => closeServer(server),
  };
}

async function dispatch(
  routes: Readonly<Record<string, SimHandler>>,
  req: IncomingMessage,
  res: ServerResponse,
  wireLog: WireRecord[],
): Promise<void> {
  try {
    const host = req.headers.host ?? '';
    const handler = routes[host.replace(/:\d+$/, '')];
    const request = toSimRequest(req, host, await readBody(req));
    wireLog.push(describe(request));
    const response: SimResponse = handler
      ? await handler(request)
      : { status: 421, body: `No simulated host ${host}` };
    await send(res, response);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`Simulator error: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

function describe(request: SimRequest): WireRecord {
  return {
    host: request.url.hostname,
    method: request.method,
    path: request.url.pathname,
    bearerToken: /^Bearer \S+/.test(request.headers.authorization ?? ''),
    tokenInQuery:
      request.url.searchParams.has('access_token') || /(^|&)access_token=/.test(request.body),
    query: request.url.search.slice(1),
    body: request.body,
    otherHeaders: Object.entries(request.headers)
      .filter(([name]) => name !== 'authorization')
      .map(([name, value]) => `${name}: ${value ?? ''}`)
      .join('\n'),
  };
}

function toSimRequest(req: IncomingMessage, host: string, body: string): SimRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', `https://${host}`),
    headers,
    body,
  };
}

async function send(res: ServerResponse, response: SimResponse): Promise<void> {
  if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
  if (response.resetConnection) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(response.status, response.headers ?? {});
  res.end(response.body ?? '');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}
