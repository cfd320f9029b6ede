import * as z from 'zod/mini';
import { boundedString } from './bounded';

/** Every way a request to the background can fail, as extension pages and content scripts see it. */
export const ERROR_CODES = [
  'forbidden-sender',
  'unknown-command',
  'invalid-request',
  'invalid-response',
  'background-unreachable',
  'not-connected',
  'token-rejected',
  'permission-missing',
  'rate-limited',
  'graph-unavailable',
  'graph-error',
  'login-cancelled',
  'login-failed',
  'wrong-passphrase',
  'weak-passphrase',
  'unknown-account',
  'not-synced',
  'export-too-large',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ERROR_MESSAGE_MAX_LENGTH = 500;

export const AppErrorPayloadSchema = z.strictObject({
  code: ErrorCodeSchema,
  message: boundedString(ERROR_MESSAGE_MAX_LENGTH),
});
export type AppErrorPayload = z.infer<typeof AppErrorPayloadSchema>;

/** An error whose message is written for the user and is safe to send across a message boundary. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toPayload(): AppErrorPayload {
    return { code: this.code, message: this.message.slice(0, ERROR_MESSAGE_MAX_LENGTH) };
  }
}
