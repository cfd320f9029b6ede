/** Every way opening a shared snapshot can fail; each has a message written for the user. */
export const SNAPSHOT_ERROR_CODES = [
  'too-large',
  'empty',
  'not-json',
  'forbidden-key',
  'not-a-snapshot',
  'unsupported-version',
  'invalid',
  'digest-mismatch',
  'corrupt-link',
  'passphrase-required',
  'wrong-passphrase',
  'weak-passphrase',
  'handoff-gone',
] as const;
export type SnapshotErrorCode = (typeof SNAPSHOT_ERROR_CODES)[number];

const DETAIL_MAX_LENGTH = 300;

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';

  constructor(
    readonly code: SnapshotErrorCode,
    message: string,
  ) {
    super(message.length > DETAIL_MAX_LENGTH ? `${message.slice(0, DETAIL_MAX_LENGTH)}…` : message);
  }
}
