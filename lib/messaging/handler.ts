import type { AccountRecord } from '@/lib/schema/account';
import {
  PROTOCOL,
  findCommand,
  type Command,
  type ParsedRequestOf,
  type Protocol,
  type ResponseOf,
} from './protocol';
import { applyRules } from './rules';
import type { Handler, HandlerContext, Handlers } from './server';

type AccountContext<Spec> = Spec extends { readonly account: 'connected' }
  ? { readonly account: AccountRecord }
  : Spec extends { readonly account: 'if-connected' }
    ? { readonly account: AccountRecord | undefined }
    : unknown;

type RefreshContext<Spec> = Spec extends { readonly pageRefresh: 'when-stale-or-asked' }
  ? { readonly refreshStarted: boolean }
  : unknown;

/** What a command's handler receives beside its request: the sender, and what its rules found. */
export type ContextOf<C extends Command> = HandlerContext &
  AccountContext<Protocol[C]> &
  RefreshContext<Protocol[C]>;

/** A handler's own work, run once its command's rules (lib/messaging/rules.ts) hold. */
export type Work<C extends Command> = (
  request: ParsedRequestOf<C>,
  context: ContextOf<C>,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

/** A handler that says which command it answers. */
export type CommandHandler<C extends Command> = Handler<C> & { readonly command: C };

/** The request fields a command's rules read. */
type RuleFields<Spec> =
  | (Spec extends { readonly account: string } ? 'accountId' : never)
  | (Spec extends { readonly pageMustName: { readonly field: infer Field } } ? Field : never)
  | (Spec extends { readonly pageRefresh: 'when-stale-or-asked' } ? 'refresh' : never);

/** Commands whose rules name a field their request does not have. */
type MisdeclaredRules = {
  [C in Command]: RuleFields<Protocol[C]> extends keyof ParsedRequestOf<C> ? never : C;
}[Command];

// A type error here names the command whose protocol entry declares a rule its request cannot meet.
const _rulesReadRealFields: [MisdeclaredRules] extends [never] ? true : MisdeclaredRules = true;

/**
 * The handler of one protocol command, its request and answer typed by the table: the declared
 * rules first, then `work`. Each file of entrypoints/background/handlers default-exports one.
 */
export function defineHandler<C extends Command>(command: C, work: Work<C>): CommandHandler<C> {
  const spec = PROTOCOL[command];
  // The rules fill what ContextOf<C> promises from the same entry; TypeScript cannot follow the
  // entry through a generic command.
  const handler = async (request: ParsedRequestOf<C>, context: HandlerContext) =>
    work(request, (await applyRules(command, spec, request, context)) as unknown as ContextOf<C>);
  return Object.assign(handler, { command });
}

function isCommandHandler(value: unknown): value is CommandHandler<Command> {
  return (
    typeof value === 'function' && typeof (value as { command?: unknown }).command === 'string'
  );
}

/**
 * The router's table from the handler files (`import.meta.glob`, keyed by file): one handler per
 * command of the protocol table. A file without a handler, a command answered twice or not at all,
 * or a handler for a command the table lacks, throws with every such problem named.
 */
export function collectHandlers(modules: Readonly<Record<string, unknown>>): Handlers {
  const table = new Map<Command, CommandHandler<Command>>();
  const problems: string[] = [];
  for (const [file, module] of Object.entries(modules)) {
    const handler = (module as { default?: unknown } | undefined)?.default;
    if (!isCommandHandler(handler)) {
      problems.push(`${file} exports no handler (export default defineHandler(…))`);
    } else if (!findCommand(handler.command)) {
      problems.push(`${file} answers ${handler.command}, which the protocol table does not have`);
    } else if (table.has(handler.command)) {
      problems.push(`${file} answers ${handler.command}, which another file answers already`);
    } else {
      table.set(handler.command, handler);
    }
  }
  for (const command of Object.keys(PROTOCOL)) {
    if (!table.has(command as Command)) problems.push(`${command} has no handler`);
  }
  if (problems.length > 0) throw new Error(`Background handlers: ${problems.join('; ')}.`);
  // Every command of the table was found above, each with the handler that names it.
  return Object.fromEntries(table) as unknown as Handlers;
}
