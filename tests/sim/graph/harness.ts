import { createClock, DEFAULT_START_MS, type Clock } from '../clock';
import { createControl, type SimControl } from '../control';
import type { SimHandler, SimResponse } from '../http';
import { createWorld } from '../world/create-world';
import type { World } from '../world/types';
import { createGraphHandler } from './handler';

/** Test plumbing: one world per test file, a fresh control and handler per test. */

export const ORIGIN = 'https://graph.facebook.com:4431';

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly json: unknown;
  readonly raw: SimResponse;
}

export interface CallOptions {
  readonly method?: string;
  /** Defaults to the demo token, sent as a Bearer header; `null` sends none. */
  readonly token?: string | null;
  /** Send the token as the `access_token` parameter instead of the header. */
  readonly tokenInQuery?: boolean;
  readonly form?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

export class GraphHarness {
  readonly clock: Clock;
  readonly world: World;
  control!: SimControl;
  private graph!: SimHandler;

  constructor(seed = 20261120) {
    this.clock = createClock();
    this.world = createWorld({ seed, clock: this.clock });
    this.reset();
  }

  reset(): void {
    this.clock.set(DEFAULT_START_MS);
    this.control = createControl({ seed: this.world.seed, clock: this.clock });
    this.graph = createGraphHandler({
      world: this.world,
      clock: this.clock,
      control: this.control,
    });
  }

  /** The large account's digits. */
  get large(): string {
    return this.world.accounts.find((a) => this.world.entities(a.accountId, 'ad').length >= 5000)!
      .accountId;
  }

  account(currency: 'USD' | 'EUR' | 'JPY'): string {
    return this.world.accounts.find((a) => a.currency === currency && a.accountStatus === 1)!
      .accountId;
  }

  /** `pathAndQuery` may be relative (`/v26.0/me`) or an absolute link the simulator handed out. */
  async call(pathAndQuery: string, options: CallOptions = {}): Promise<Reply> {
    const url = new URL(pathAndQuery, ORIGIN);
    const token = options.token === undefined ? this.control.demoToken : options.token;
    const headers: Record<string, string> = { ...options.headers };
    if (token !== null && options.tokenInQuery) url.searchParams.set('access_token', token);
    else if (token !== null && !url.searchParams.has('access_token')) {
      headers.authorization = `Bearer ${token}`;
    }
    const body = options.form ? new URLSearchParams(options.form).toString() : '';
    if (options.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const raw = await this.graph({ method: options.method ?? 'GET', url, headers, body });
    const text = typeof raw.body === 'string' ? raw.body : '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: raw.status, headers: raw.headers ?? {}, body: text, json: parsed, raw };
  }

  /** GET that must succeed; returns the JSON body. */
  async get<T = Record<string, unknown>>(
    pathAndQuery: string,
    options: CallOptions = {},
  ): Promise<T> {
    const reply = await this.call(pathAndQuery, options);
    if (reply.status !== 200) throw new Error(`${reply.status} ${pathAndQuery}: ${reply.body}`);
    return reply.json as T;
  }

  /** Follows `paging.next` to the end, like Meta's SDKs do, collecting every item. */
  async walk<T = Record<string, unknown>>(
    first: string,
  ): Promise<{ items: T[]; pages: number; links: string[] }> {
    const items: T[] = [];
    const links: string[] = [];
    let next: string | undefined = first;
    let pages = 0;
    while (next) {
      // Later pages rely on the token the simulator put into `next`, as SDKs do.
      const page: Page<T> = await this.get<Page<T>>(next, pages === 0 ? {} : { token: null });
      items.push(...page.data);
      pages++;
      next = page.paging?.next;
      if (next) links.push(next);
    }
    return { items, pages, links };
  }
}

export interface Page<T> {
  readonly data: T[];
  readonly paging?: {
    readonly cursors?: { readonly before: string; readonly after: string };
    readonly next?: string;
    readonly previous?: string;
  };
}

export interface GraphErrorJson {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly code: number;
    readonly error_subcode?: number;
    readonly is_transient?: boolean;
    readonly fbtrace_id: string;
    readonly error_user_msg?: string;
  };
}

export function errorOf(reply: Reply): GraphErrorJson['error'] {
  return (reply.json as GraphErrorJson).error;
}
