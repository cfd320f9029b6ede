import { browser } from '#imports';
import { AppError, type AppErrorPayload } from '@/lib/schema/errors';
import { MessageEnvelopeSchema } from '@/lib/schema/messages';
import { redactSecrets } from '@/lib/util/redact';
import {
  PROTOCOL,
  findCommand,
  type Command,
  type CommandSpec,
  type ParsedRequestOf,
  type ResponseOf,
  type SenderClass,
} from './protocol';
import { classifySender, currentExtensionIdentity, type ExtensionIdentity } from './sender-policy';

/**
 * The background's message router: sender class, then the command's allowlist, then a strict parse
 * of the payload, and only then the handler, which checks the rest of its protocol entry's rules
 * before its own work (lib/messaging/handler.ts). Any failure answers with a typed error before the
 * work starts, so a rejected message does no work at all.
 */
export interface HandlerContext {
  readonly senderClass: SenderClass;
}

export type Handler<C extends Command> = (
  request: ParsedRequestOf<C>,
  context: HandlerContext,
) => Promise<ResponseOf<C>>;

export type Handlers = { readonly [C in Command]: Handler<C> };

export type Reply = { ok: true; data: unknown } | { ok: false; error: AppErrorPayload };

/** Turns a failure the router does not know (a Graph API error, say) into a user-facing error. */
export type DescribeError = (error: unknown) => AppError | undefined;

export interface RouterOptions {
  readonly identity: ExtensionIdentity;
  readonly describeError?: DescribeError;
}

const UNEXPECTED = 'Adlens hit an unexpected error. Try again, or reload the extension.';

async function dispatch(
  handlers: Handlers,
  identity: ExtensionIdentity,
  message: unknown,
  sender: unknown,
): Promise<unknown> {
  const senderClass = classifySender(sender, identity);
  if (!senderClass) throw new AppError('forbidden-sender', 'This sender may not talk to Adlens.');

  const envelope = MessageEnvelopeSchema.safeParse(message);
  if (!envelope.success) throw new AppError('invalid-request', 'Malformed message.');

  const command = findCommand(envelope.data.command);
  if (!command) throw new AppError('unknown-command', 'Unknown command.');

  const spec: CommandSpec = PROTOCOL[command];
  if (!spec.allowedSenders.includes(senderClass)) {
    throw new AppError('forbidden-sender', `${command} is not available to this sender.`);
  }

  const request = spec.request.safeParse(envelope.data.payload);
  if (!request.success) throw new AppError('invalid-request', `Invalid request for ${command}.`);

  // The table ties each command to its handler's types; TypeScript cannot follow that correlation
  // through the lookup, and the parse above already guarantees the request's shape.
  const handler = handlers[command] as Handler<Command>;
  const result = await handler(request.data as never, { senderClass });

  // The response schema is strict, so a handler can never hand out a field the protocol lacks.
  const response = spec.response.safeParse(result);
  if (!response.success) throw new AppError('internal', UNEXPECTED);
  return response.data;
}

function toErrorPayload(error: unknown, describeError?: DescribeError): AppErrorPayload {
  const appError =
    error instanceof AppError
      ? error
      : (describeError?.(error) ?? new AppError('internal', UNEXPECTED));
  if (appError.code === 'internal') {
    // The name only: a message could carry data we must not log.
    console.error('Adlens: unexpected failure', error instanceof Error ? error.name : typeof error);
  }
  const payload = appError.toPayload();
  return { code: payload.code, message: redactSecrets(payload.message) };
}

export function createMessageRouter(handlers: Handlers, options: RouterOptions) {
  return async function route(message: unknown, sender: unknown): Promise<Reply> {
    try {
      return { ok: true, data: await dispatch(handlers, options.identity, message, sender) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error, options.describeError) };
    }
  };
}

/**
 * Registers the router on `runtime.onMessage` (never `onMessageExternal`). Returning the promise
 * is the reply: the polyfill turns it into `sendResponse` in Chrome, Firefox does so natively.
 */
export function listenForMessages(handlers: Handlers, describeError?: DescribeError): void {
  const route = createMessageRouter(handlers, {
    identity: currentExtensionIdentity(),
    describeError,
  });
  // The listener's promise is the reply (the polyfill's OnMessageListenerAsync); the typings also
  // list callback-style listeners, which the rule reads as "a promise where void is expected".
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender) => route(message, sender));
}
