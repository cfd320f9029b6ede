import type { Substitution } from '@/lib/util/message-format';
import type { MessageKey, Translate } from '@/lib/util/message-keys';

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

/**
 * A snapshot that cannot be opened or shared: its code, and the catalogue sentence that tells the
 * user why with the values it names (a version, a key). The viewer says it in the reader's language
 * (`snapshotErrorText`); `message` is the key and values, for developers.
 */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  readonly values: readonly Substitution[];

  constructor(
    readonly code: SnapshotErrorCode,
    readonly key: MessageKey,
    ...values: Substitution[]
  ) {
    const bounded = values.map((value) =>
      typeof value === 'string' && value.length > DETAIL_MAX_LENGTH
        ? `${value.slice(0, DETAIL_MAX_LENGTH)}…`
        : value,
    );
    super(bounded.length > 0 ? `${key}: ${bounded.join(', ')}` : key);
    this.values = bounded;
  }
}

/** Why the snapshot failed, as a sentence in the reader's language. */
export function snapshotErrorText(error: SnapshotError, t: Translate): string {
  return t(error.key, ...error.values);
}
