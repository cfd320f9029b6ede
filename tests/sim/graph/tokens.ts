import type { Clock } from '../clock';
import { hash32 } from '../../support/hash';
import { createRandom, type Random } from '../../support/random';
import { invalidToken, tokenRequired, type GraphError } from './errors';

/**
 * The simulated token model (Simulator checklist 16): who a token belongs to, which scopes it
 * carries, when it and its data access expire, and how it was invalidated. Expiry reads the
 * simulator clock, so a test can let a token die in the middle of a sync.
 */

export type TokenKind = 'short_lived' | 'long_lived' | 'system_user';
export type Invalidation = 'app_removed' | 'password_changed' | 'logged_out';

export interface IssueTokenOptions {
  readonly kind: TokenKind;
  readonly scopes: readonly string[];
  readonly declined?: readonly string[];
  readonly userName?: string;
  /** Override the kind's lifetime (seconds); 0 = never expires. */
  readonly expiresInSeconds?: number;
  /** Restrict the ad accounts (digits) the token may see; all accounts by default. */
  readonly accountIds?: readonly string[];
}

export interface TokenRecord {
  readonly token: string;
  readonly kind: TokenKind;
  readonly userId: string;
  readonly userName: string;
  /** Unix seconds. */
  readonly issuedAt: number;
  /** Unix seconds; 0 = never. */
  readonly expiresAt: number;
  readonly dataAccessExpiresAt: number;
  readonly scopes: Set<string>;
  readonly declined: Set<string>;
  readonly accountIds: readonly string[] | undefined;
  invalidation: Invalidation | undefined;
}

export const SHORT_LIVED_SECONDS = 2 * 3600;
export const LONG_LIVED_SECONDS = 60 * 86_400;
const DATA_ACCESS_SECONDS = 90 * 86_400;
const TOKEN_SHAPE = /^EAA[A-Za-z0-9]{20,}$/;
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DEFAULT_USER = 'Demo Media Buyer';
const DEFAULT_SYSTEM_USER = 'Adlens System User';

export interface SimApp {
  readonly id: string;
  readonly secret: string;
  readonly name: string;
}

export class TokenStore {
  private readonly records = new Map<string, TokenRecord>();
  private readonly random: Random;

  constructor(
    private readonly clock: Clock,
    private readonly app: SimApp,
    seed: number,
  ) {
    this.random = createRandom(seed, 'tokens');
  }

  issue(options: IssueTokenOptions, token = this.newTokenString()): string {
    const issuedAt = Math.floor(this.clock.now() / 1000);
    const lifetime = options.expiresInSeconds ?? defaultLifetime(options.kind);
    const userName =
      options.userName ?? (options.kind === 'system_user' ? DEFAULT_SYSTEM_USER : DEFAULT_USER);
    this.records.set(token, {
      token,
      kind: options.kind,
      userId: userIdOf(userName),
      userName,
      issuedAt,
      expiresAt: lifetime === 0 ? 0 : issuedAt + lifetime,
      dataAccessExpiresAt: options.kind === 'system_user' ? 0 : issuedAt + DATA_ACCESS_SECONDS,
      scopes: new Set(options.scopes),
      declined: new Set(options.declined ?? []),
      accountIds: options.accountIds,
      invalidation: undefined,
    });
    return token;
  }

  get(token: string): TokenRecord | undefined {
    return this.records.get(token);
  }

  /** Invalidates one token the way a user's action on facebook.com would. */
  invalidate(token: string, reason: Invalidation): void {
    const record = this.records.get(token);
    if (record) record.invalidation = reason;
  }

  /** The user removed the app: every token of theirs stops working (190/458). */
  deauthorize(userId: string): void {
    for (const record of this.records.values()) {
      if (record.userId === userId) record.invalidation = 'app_removed';
    }
  }

  /** The user revoked one permission: it moves to declined on every token of theirs. */
  revokePermission(userId: string, permission: string): void {
    for (const record of this.records.values()) {
      if (record.userId !== userId) continue;
      record.scopes.delete(permission);
      record.declined.add(permission);
    }
  }

  /** The token's record, or the 190-family error Graph would answer with. */
  authenticate(token: string | undefined): TokenRecord | GraphError {
    if (token === undefined || token === '') return tokenRequired();
    if (!TOKEN_SHAPE.test(token)) {
      return invalidToken(`Malformed access token ${token.slice(0, 12)}`);
    }
    const record = this.records.get(token);
    if (!record) return invalidToken('Invalid OAuth access token - Cannot parse access token');
    const failure = this.failureOf(record);
    return failure ?? record;
  }

  private failureOf(record: TokenRecord): GraphError | undefined {
    switch (record.invalidation) {
      case 'app_removed':
        return invalidToken(
          `Error validating access token: The user has not authorized application ${this.app.id}.`,
          458,
        );
      case 'password_changed':
        return invalidToken(
          'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
          460,
        );
      case 'logged_out':
        return invalidToken(
          'Error validating access token: The session is invalid because the user logged out.',
          467,
        );
      case undefined:
        break;
    }
    const now = this.clock.now();
    if (record.expiresAt !== 0 && now >= record.expiresAt * 1000) {
      return invalidToken(
        `Error validating access token: Session has expired on ${facebookDate(record.expiresAt * 1000)}. The current time is ${facebookDate(now)}.`,
        463,
      );
    }
    return undefined;
  }

  private newTokenString(): string {
    let body = '';
    for (let i = 0; i < 80; i++)
      body += TOKEN_ALPHABET[this.random.int(0, TOKEN_ALPHABET.length - 1)];
    return `EAAG${body}`;
  }
}

function defaultLifetime(kind: TokenKind): number {
  switch (kind) {
    case 'short_lived':
      return SHORT_LIVED_SECONDS;
    case 'long_lived':
      return LONG_LIVED_SECONDS;
    case 'system_user':
      return 0;
  }
}

export function userIdOf(userName: string): string {
  return `10${String(hash32(7, `user:${userName}`)).padStart(10, '0')}55`;
}

const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  weekday: 'long',
  day: '2-digit',
  month: 'short',
  year: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** `Friday, 20-Nov-26 10:00:00 PST`: how the 463 message prints times (Meta's own zone). */
function facebookDate(ms: number): string {
  const parts: Record<string, string> = {};
  for (const part of PACIFIC.formatToParts(ms)) parts[part.type] = part.value;
  return `${parts.weekday}, ${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}
