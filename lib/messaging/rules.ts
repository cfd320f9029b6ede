import { requireToken, requireUsableToken } from '@/lib/auth/require-token';
import { getAccount, requireAccount } from '@/lib/cache/accounts';
import { readSyncState } from '@/lib/cache/sync-state';
import type { AccountId, AccountRecord } from '@/lib/schema/account';
import { AppError } from '@/lib/schema/errors';
import { syncIfQuiet } from '@/lib/sync/page-sync';
import { refreshIfStale } from '@/lib/sync/service';
import type { CommandSpec } from './page-protocol';
import type { HandlerContext } from './server';

/** What the rules found, handed to the handler beside the sender's class. */
export interface RuledContext extends HandlerContext {
  /** The connected account the request names, when the command declares `account`. */
  readonly account: AccountRecord | undefined;
  /** Whether the page's own Sync now started one (`pageRefresh: 'when-stale-or-asked'`). */
  readonly refreshStarted: boolean;
}

/** When each rate-limited command last went through, by command. */
const lastCalledAt = new Map<string, number>();

function enforceRateLimit(command: string, { ms, refusal }: { ms: number; refusal: string }) {
  if (Date.now() - (lastCalledAt.get(command) ?? Number.NEGATIVE_INFINITY) < ms) {
    throw new AppError('rate-limited', refusal);
  }
  lastCalledAt.set(command, Date.now());
}

async function findAccount(spec: CommandSpec, accountId: AccountId) {
  if (spec.account === 'connected') return requireAccount(accountId);
  if (spec.account === 'if-connected') return getAccount(accountId);
  return undefined;
}

/**
 * Checks what a command's protocol entry declares, in the order CommandSpec lists it, after the
 * router has checked the sender and parsed the request; throws the refusal the user sees, so the
 * handler runs only when every rule holds. The request's fields are read by the names the rules
 * declare; lib/messaging/handler.ts makes a rule naming a field its request lacks a type error.
 */
export async function applyRules(
  command: string,
  spec: CommandSpec,
  request: unknown,
  context: HandlerContext,
): Promise<RuledContext> {
  const fields = request as Readonly<Record<string, unknown>>;
  const accountId = fields.accountId as AccountId;
  const fromPage = context.senderClass === 'content-script';
  if (spec.token === 'connected') await requireToken();
  else if (spec.token === 'usable') await requireUsableToken();
  const account = await findAccount(spec, accountId);
  if (fromPage && spec.pageMustName && fields[spec.pageMustName.field] === undefined) {
    throw new AppError('invalid-request', spec.pageMustName.refusal);
  }
  if (spec.rateLimit) enforceRateLimit(command, spec.rateLimit);
  let refreshStarted = false;
  if (spec.pageRefresh === 'when-stale-or-asked' && fields.refresh === true) {
    refreshStarted = await syncIfQuiet(accountId, await readSyncState(accountId), Date.now());
  } else if (spec.pageRefresh && account && fromPage) {
    await refreshIfStale(accountId);
  }
  return { ...context, account, refreshStarted };
}
