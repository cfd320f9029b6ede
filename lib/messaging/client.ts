import { browser } from '#imports';
import { AppError } from '@/lib/schema/errors';
import { responseEnvelopeSchema, type MessageEnvelope } from '@/lib/schema/messages';
import { PROTOCOL, type Command, type ParsedResponseOf, type RequestOf } from './protocol';

/**
 * Sends a command to the background and returns its validated answer. Answers are checked even
 * though they come from our own background: it catches version skew after an update and keeps the
 * types honest. Failures reject with an AppError whose message is written for the user.
 */
export async function send<C extends Command>(
  command: C,
  payload: RequestOf<C>,
): Promise<ParsedResponseOf<C>> {
  const answer = await deliver({ command, payload });
  const reply = responseEnvelopeSchema(PROTOCOL[command].response).safeParse(answer);
  if (!reply.success) {
    throw new AppError(
      'invalid-response',
      'Adlens received an answer it does not understand. Reload the page and try again.',
    );
  }
  if (!reply.data.ok) throw new AppError(reply.data.error.code, reply.data.error.message);
  return reply.data.data as ParsedResponseOf<C>;
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
