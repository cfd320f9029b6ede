/** What the simulated Graph API saw: for tests that assert on a client's traffic. */
export interface LoggedRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  /** Query and form parameters, without the access token. */
  readonly query: Readonly<Record<string, string>>;
  /** Simulator clock, ms. */
  readonly time: number;
  /** Sent as one item of a batch request. */
  readonly batchItem: boolean;
  status?: number;
}

export class RequestLog {
  private readonly seen: LoggedRequest[] = [];

  get entries(): readonly LoggedRequest[] {
    return this.seen;
  }

  add(entry: LoggedRequest): LoggedRequest {
    this.seen.push(entry);
    return entry;
  }

  clear(): void {
    this.seen.length = 0;
  }
}
