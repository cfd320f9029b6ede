import type { Clock } from '../clock';
import type { SimControl } from '../control';
import { json, type SimHandler, type SimRequest, type SimResponse } from '../http';
import { hash32 } from '../../support/hash';
import { createRandom, type Random } from '../../support/random';
import type { SimAccount, World } from '../world/types';
import { runBatch } from './batch';
import { RowCache, type GraphContext, type GraphNode } from './context';
import {
  deprecatedVersion,
  FAULTS,
  GraphError,
  nonexistingField,
  permissionError,
  throttleError,
  unknownPath,
  unsupportedRequest,
} from './errors';
import type { FaultStep } from './faults';
import { parseFields } from './fields';
import { createReportRun, reportRunPage, type InsightsNode } from './insights/edge';
import { renderReportRun } from './report-runs';
import { edgeOf, renderNode, resolveNode, type Json } from './objects';
import { readParams, type Params } from './params';
import { debugToken, exchangeToken, listPermissions, revokePermissions } from './token-endpoints';
import type { TokenRecord } from './tokens';
import type { UseCase } from './usage';

/**
 * The simulated Graph API (graph.facebook.com), transport-free: one function from request to
 * response, answering like Meta's Marketing API does, down to error shapes and headers.
 */

export const LATEST_VERSION = 'v26.0';
const SUPPORTED_VERSIONS = ['v25.0', 'v26.0'];
const OLDEST_SUPPORTED_MAJOR = 25;
const ADS_SCOPES = ['ads_read', 'ads_management'];

export interface GraphHandlerOptions {
  readonly world: World;
  readonly clock: Clock;
  readonly control: SimControl;
}

export function createGraphHandler(options: GraphHandlerOptions): SimHandler {
  const graph = new SimulatedGraph(options);
  return (request) => graph.respond(request, false);
}

/** Per-request facts gathered on the way, for headers on success and failure alike. */
interface Exchange {
  readonly request: SimRequest;
  readonly requestId: string;
  version: string;
  versionWarning: string | undefined;
  account: SimAccount | undefined;
  useCase: UseCase;
}

class SimulatedGraph {
  private readonly world: World;
  private readonly clock: Clock;
  private readonly control: SimControl;
  private readonly ids: Random;
  private readonly answerTimes: Random;
  private readonly rowCache = new RowCache();

  constructor({ world, clock, control }: GraphHandlerOptions) {
    this.world = world;
    this.clock = clock;
    this.control = control;
    this.ids = createRandom(world.seed, 'request-ids');
    this.answerTimes = createRandom(world.seed, 'answer-times');
  }

  respond(request: SimRequest, batchItem: boolean): SimResponse {
    const { version, path } = splitVersion(request.url.pathname);
    const entry = this.control.requests.add({
      method: request.method.toUpperCase(),
      host: request.url.host,
      path: request.url.pathname,
      query: loggedParams(request),
      time: this.clock.now(),
      batchItem,
    });
    const exchange: Exchange = {
      request,
      requestId: this.randomId(23),
      version: version ?? LATEST_VERSION,
      versionWarning: undefined,
      account: undefined,
      useCase: 'ads_management',
    };
    const response = this.answerWithFaults(exchange, version, path);
    entry.status = response.status;
    return this.paced(exchange, response, batchItem);
  }

  /** An insights answer takes the time the settings give it (a batch takes its items' time). */
  private paced(exchange: Exchange, response: SimResponse, batchItem: boolean): SimResponse {
    const answerMs = this.control.settings.insightsAnswerMs;
    if (answerMs <= 0 || batchItem || exchange.useCase !== 'ads_insights') return response;
    const delayMs = Math.round(answerMs * (0.6 + 0.8 * this.answerTimes.next()));
    return { ...response, delayMs: Math.max(response.delayMs ?? 0, delayMs) };
  }

  private answerWithFaults(
    exchange: Exchange,
    version: string | undefined,
    path: string,
  ): SimResponse {
    const step = this.control.faults.take(exchange.request.method, path);
    if (step === undefined || step === 'pass') return this.answer(exchange, version, path);
    if (typeof step === 'object' && 'delayMs' in step) {
      return { ...this.answer(exchange, version, path), delayMs: step.delayMs };
    }
    return this.scriptedFault(exchange, step, path);
  }

  private scriptedFault(
    exchange: Exchange,
    step: Exclude<FaultStep, 'pass' | { readonly delayMs: number }>,
    path: string,
  ): SimResponse {
    if (typeof step === 'object') {
      return 'response' in step
        ? step.response
        : this.failure(exchange, new GraphError(step.status, step.error));
    }
    switch (step) {
      case 'reset':
        return { status: 0, resetConnection: true };
      case 'service_unavailable':
        return {
          status: 503,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: '<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>',
        };
      case 'throttle':
        return this.failure(
          exchange,
          throttleError(this.control.settings.throttleCode, path.endsWith('/insights')),
        );
      default:
        return this.failure(exchange, FAULTS[step]());
    }
  }

  private answer(exchange: Exchange, version: string | undefined, path: string): SimResponse {
    try {
      this.checkVersion(exchange, version);
      const params = readParams(exchange.request);
      const method = effectiveMethod(exchange.request.method, params);
      const segments = path.split('/').filter((segment) => segment !== '');
      return this.success(exchange, this.route(exchange, method, segments, params));
    } catch (error) {
      if (error instanceof GraphError) return this.failure(exchange, error);
      throw error;
    }
  }

  private checkVersion(exchange: Exchange, version: string | undefined): void {
    if (version === undefined || SUPPORTED_VERSIONS.includes(version)) return;
    const major = Number(/^v(\d+)\.\d+$/.exec(version)?.[1]);
    if (major >= OLDEST_SUPPORTED_MAJOR) throw unknownPath(`/${version}`);
    if (this.control.settings.versionMode === 'reject') throw deprecatedVersion(LATEST_VERSION);
    exchange.version = LATEST_VERSION;
    exchange.versionWarning = `${version} is deprecated; this call was automatically upgraded to ${LATEST_VERSION}. Please update to ${LATEST_VERSION}.`;
  }

  private route(
    exchange: Exchange,
    method: string,
    segments: readonly string[],
    params: Params,
  ): Json {
    const [first, edge, leaf, ...rest] = segments;
    if (first === 'oauth' && edge === 'access_token') return exchangeToken(this.control, params);
    if (first === undefined && method === 'POST' && params.has('batch')) {
      return this.batch(exchange, params);
    }
    if (first === 'debug_token' && this.isAppToken(params.get('access_token'))) {
      return debugToken(this.control, params);
    }
    const token = this.authenticate(exchange.request, params);
    if (first === 'debug_token') return debugToken(this.control, params);
    if (first === undefined || rest.length > 0) throw unknownPath(exchange.request.url.pathname);
    const context = this.context(exchange, token);
    const node = resolveNode(context, first);
    if (!node) throw unsupportedRequest(method, first);
    this.admit(exchange, node, token, edge);
    if (node.type === 'User' && edge === 'permissions') {
      if (method === 'DELETE') return revokePermissions(this.control, token, leaf);
      if (method === 'GET' && leaf === undefined) return listPermissions(token);
    }
    if (leaf !== undefined) throw unknownPath(exchange.request.url.pathname);
    const path = `/${exchange.version}/${segments.join('/')}`;
    if (method === 'GET' && edge === undefined) return this.readNode(context, node, params);
    if (method === 'GET' && edge !== undefined) {
      return this.readEdge(context, node, edge, params, path);
    }
    if (method === 'POST' && edge === 'insights' && isInsightsNode(node)) {
      return { report_run_id: createReportRun(context, node, params).id };
    }
    throw unsupportedRequest(method, first);
  }

  private readNode(context: GraphContext, node: GraphNode, params: Params): Json {
    const fields = parseFields(params.get('fields'));
    if (node.type !== 'AdReportRun') return renderNode(context, node, fields);
    return renderReportRun(node.run, this.control.reportRuns.poll(node.run), fields);
  }

  private readEdge(
    context: GraphContext,
    node: GraphNode,
    edge: string,
    params: Params,
    path: string,
  ): Json {
    if (node.type === 'AdReportRun') {
      if (edge !== 'insights') throw nonexistingField(edge, node.type);
      return reportRunPage(context, node.run, params, path) as unknown as Json;
    }
    const list = edgeOf(node, edge);
    if (!list) throw nonexistingField(edge, node.type);
    return list(context, node as never, params, path) as unknown as Json;
  }

  /** Permission and rate-limit checks for a call on a node; counts the call when it is let in. */
  private admit(
    exchange: Exchange,
    node: GraphNode,
    token: TokenRecord,
    edge: string | undefined,
  ): void {
    const { settings, usage } = this.control;
    const account = node.type === 'User' ? undefined : node.account;
    const touchesAds = node.type !== 'User' || edge === 'adaccounts';
    if (touchesAds && !ADS_SCOPES.some((scope) => token.scopes.has(scope))) {
      throw permissionError('Permissions error', settings.permissionErrorStatus);
    }
    if (account && settings.requireBusinessManagement && !token.scopes.has('business_management')) {
      throw permissionError(
        'Requires business_management permission to manage the object',
        settings.permissionErrorStatus,
      );
    }
    exchange.account = account;
    exchange.useCase =
      edge === 'insights' || node.type === 'AdReportRun' ? 'ads_insights' : 'ads_management';
    if (usage.appPercent() >= 100) throw throttleError(4, false);
    if (account && usage.isThrottled(account.accountId, exchange.useCase)) {
      throw throttleError(settings.throttleCode, exchange.useCase === 'ads_insights');
    }
    usage.record(account?.accountId, exchange.useCase);
  }

  private batch(exchange: Exchange, params: Params): Json {
    this.authenticate(exchange.request, params);
    this.control.usage.record(undefined, 'ads_management');
    return runBatch(
      exchange.request,
      params,
      this.control.batch.takeInjection(),
      (item) => this.respond(item, true),
      () => this.randomId(23),
    );
  }

  private authenticate(request: SimRequest, params: Params): TokenRecord {
    const header = request.headers.authorization;
    const fromHeader = header ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const outcome = this.control.tokens.authenticate(fromHeader ?? params.get('access_token'));
    if (outcome instanceof GraphError) throw outcome;
    return outcome;
  }

  private isAppToken(token: string | undefined): boolean {
    return token === `${this.control.app.id}|${this.control.app.secret}`;
  }

  private context(exchange: Exchange, token: TokenRecord): GraphContext {
    return {
      world: this.world,
      clock: this.clock,
      control: this.control,
      version: exchange.version,
      origin: exchange.request.url.origin,
      token,
      rowCache: this.rowCache,
    };
  }

  private success(exchange: Exchange, answer: Json): SimResponse {
    const body = JSON.stringify(answer);
    const etag = `"${hash32(0, body).toString(16)}"`;
    const headers = { ...this.commonHeaders(exchange), etag };
    if (exchange.request.headers['if-none-match'] === etag) return { status: 304, headers };
    return json(200, answer, headers);
  }

  private failure(exchange: Exchange, error: GraphError): SimResponse {
    const headers = {
      ...this.commonHeaders(exchange),
      'www-authenticate': `OAuth "Facebook Platform" "${error.fields.code === 190 ? 'invalid_token' : 'invalid_request'}" "${headerSafe(error.fields.message)}"`,
    };
    return json(
      error.status,
      { error: { ...error.fields, fbtrace_id: exchange.requestId } },
      headers,
    );
  }

  private commonHeaders(exchange: Exchange): Record<string, string> {
    return {
      // The simulated clock, as Meta's servers send theirs: clients read the account's today from it.
      date: new Date(this.clock.now()).toUTCString(),
      'facebook-api-version': exchange.version,
      'x-fb-request-id': exchange.requestId,
      'x-fb-trace-id': this.randomId(11),
      'x-fb-rev': '1030210526',
      'cache-control': 'private, no-cache, no-store, must-revalidate',
      pragma: 'no-cache',
      expires: 'Sat, 01 Jan 2000 00:00:00 GMT',
      ...this.control.usage.headers(exchange.account, exchange.useCase),
      ...(exchange.versionWarning ? { 'x-ad-api-version-warning': exchange.versionWarning } : {}),
    };
  }

  private randomId(length: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    let id = '';
    for (let i = 0; i < length; i++) id += alphabet[this.ids.int(0, alphabet.length - 1)];
    return id;
  }
}

function isInsightsNode(node: GraphNode): node is InsightsNode {
  return (
    node.type === 'AdAccount' ||
    node.type === 'Campaign' ||
    node.type === 'AdSet' ||
    node.type === 'Ad'
  );
}

function splitVersion(pathname: string): { version: string | undefined; path: string } {
  const match = /^\/(v\d+\.\d+)(\/.*)?$/.exec(pathname);
  if (!match) return { version: undefined, path: pathname };
  return { version: match[1], path: match[2] ?? '/' };
}

/** Graph honours `method=delete` and friends for clients that cannot send the verb. */
function effectiveMethod(method: string, params: Params): string {
  const override = params.get('method')?.toUpperCase();
  return override && ['GET', 'POST', 'DELETE'].includes(override) ? override : method.toUpperCase();
}

function loggedParams(request: SimRequest): Record<string, string> {
  const all = new URLSearchParams(request.url.search);
  const contentType = request.headers['content-type'] ?? '';
  if (request.body !== '' && !contentType.includes('json')) {
    for (const [name, value] of new URLSearchParams(request.body)) all.set(name, value);
  }
  all.delete('access_token');
  return Object.fromEntries(all);
}

/** Header values must be plain ASCII; messages can quote hostile ids. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').replace(/"/g, "'");
}
