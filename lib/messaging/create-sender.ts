import type * as z from 'zod/mini';
import { browser } from '#imports';
import { AppError } from '@/lib/schema/errors';
import { responseEnvelopeSchema, type MessageEnvelope } from '@/lib/schema/messages';
import type { CommandSpec } from './page-protocol';

type Sender<Table extends Record<string, CommandSpec>> = <Command extends keyof Table & string>(
  command: Command,
  payload: z.input<Table[Command]['request']>,
) => Promise<z.output<Table[Command]['response']>>;

/**
 * A `send()` for the commands of one protocol table: it sends a command to the background and
 * returns its validated answer. Answers are checked even though they come from our own background:
 * it catches version skew after an update and keeps the types honest. Failures reject with an
 * AppError whose message is written for the user.
 */
export function createSender<Table extends Record<string, CommandSpec>>(
  table: Table,
): Sender<Table> {
  return async function send<Command extends keyof Table & string>(
    command: Command,
    payload: z.input<Table[Command]['request']>,
  ): Promise<z.output<Table[Command]['response']>> {
    const spec: Table[Command] = table[command];
    const answer = await deliver({ command, payload });
    const reply = envelopeOf(spec.response).safeParse(answer);
    if (!reply.success) {
      throw new AppError(
        'invalid-response',
        'Adlens received an answer it does not understand. Reload the page and try again.',
      );
    }
    if (!reply.data.ok) throw new AppError(reply.data.error.code, reply.data.error.message);
    return reply.data.data as z.output<Table[Command]['response']>;
  };
}

/** Each response's envelope schema, built once rather than on every message. */
const envelopes = new WeakMap<z.ZodMiniType, ReturnType<typeof responseEnvelopeSchema>>();

function envelopeOf(response: z.ZodMiniType): ReturnType<typeof responseEnvelopeSchema> {
  let envelope = envelopes.get(response);
  if (!envelope) {
    envelope = responseEnvelopeSchema(response);
    envelopes.set(response, envelope);
  }
  return envelope;
}

async function deliver(message: MessageEnvelope): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message);
  } catch {
    // Typically "Extension context invalidated" after an update: the page must be reloaded.
    throw new AppError(
      'background-unreachable',
      'Adlens could not reach its background. Reload the page and try again.',
    );
  }
}
