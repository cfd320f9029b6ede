import * as z from 'zod/mini';
import { DIGEST_PATTERN, snapshotDigest } from '@/lib/snapshots/format/digest';
import { SnapshotError } from '@/lib/snapshots/format/errors';
import { describeIssue } from './issues';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  SnapshotSchema,
  type Snapshot,
} from '@/lib/snapshots/format/schema';

/** Files larger than this are refused before a byte of them is parsed. */
export const FILE_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Keys that could reach `Object.prototype` if the parsed value were ever merged into another
 * object. The schema would reject them as unknown anyway; refusing them while parsing says why.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const SnapshotFileSchema = z.strictObject({
  snapshot: z.unknown(),
  digest: z.string().check(z.regex(DIGEST_PATTERN)),
});

const VersionHeaderSchema = z.looseObject({ format: z.literal(SNAPSHOT_FORMAT), version: z.int() });

/**
 * Every version this Adlens reads, and how each older one is lifted to the next. A new version
 * adds its schema here and an upgrade from the one before; published entries never change.
 */
const SCHEMAS_BY_VERSION: Readonly<Record<number, z.ZodMiniType>> = { 1: SnapshotSchema };
const UPGRADES: Readonly<Record<number, (older: unknown) => unknown>> = {};

/** The bytes of a `.adlens.json` file, checked for size before they are decoded as text. */
export async function decodeSnapshotBytes(bytes: Uint8Array): Promise<Snapshot> {
  assertSnapshotSize(bytes.length);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SnapshotError('not-json', 'snapshotErrorNotText');
  }
  return decodeSnapshotText(text);
}

/** A snapshot file's text: `{ snapshot, digest }`. Fails only with a SnapshotError. */
export async function decodeSnapshotText(text: string): Promise<Snapshot> {
  // A UTF-16 code unit is at least one UTF-8 byte, so a long string is too large without encoding it.
  assertSnapshotSize(text.length);
  assertSnapshotSize(new TextEncoder().encode(text).length);
  if (text.trim() === '') throw new SnapshotError('empty', 'snapshotErrorEmpty');
  const file = readEnvelope(parseJson(text));
  const { version, schema } = readVersion(file.snapshot);
  const written = validate(schema, file.snapshot);
  if ((await snapshotDigest(written)) !== file.digest) {
    throw new SnapshotError('digest-mismatch', 'snapshotErrorDigest');
  }
  return upgrade(version, written);
}

/** Refuses a file by its size alone, so the viewer can check it before reading the file. */
export function assertSnapshotSize(size: number): void {
  if (size > FILE_MAX_BYTES) {
    throw new SnapshotError('too-large', 'snapshotErrorTooLarge', FILE_MAX_BYTES / 1024);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) {
        throw new SnapshotError('forbidden-key', 'snapshotErrorForbiddenKey', key);
      }
      return value;
    });
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError('not-json', 'snapshotErrorNotJson');
  }
}

function readEnvelope(value: unknown): z.infer<typeof SnapshotFileSchema> {
  const format = (value as { snapshot?: { format?: unknown } } | null)?.snapshot?.format;
  if (format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError('not-a-snapshot', 'snapshotErrorNotSnapshot');
  }
  const file = SnapshotFileSchema.safeParse(value);
  if (!file.success) throw invalid(file.error);
  return file.data;
}

function readVersion(snapshot: unknown): { version: number; schema: z.ZodMiniType } {
  const header = VersionHeaderSchema.safeParse(snapshot);
  if (!header.success) throw invalid(header.error);
  const { version } = header.data;
  if (version > SNAPSHOT_VERSION) {
    throw new SnapshotError('unsupported-version', 'snapshotErrorNewerVersion', version);
  }
  const schema = Object.hasOwn(SCHEMAS_BY_VERSION, version)
    ? SCHEMAS_BY_VERSION[version]
    : undefined;
  if (!schema) {
    throw new SnapshotError('unsupported-version', 'snapshotErrorUnknownVersion', version);
  }
  return { version, schema };
}

function validate(schema: z.ZodMiniType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

function upgrade(version: number, snapshot: unknown): Snapshot {
  if (version === SNAPSHOT_VERSION) return snapshot as Snapshot;
  let current = snapshot;
  for (let from = version; from < SNAPSHOT_VERSION; from++) {
    const step = UPGRADES[from];
    if (!step) throw new SnapshotError('unsupported-version', 'snapshotErrorUnknownVersion', from);
    current = step(current);
  }
  return validate(SnapshotSchema, current) as Snapshot;
}

/**
 * The sentence is translated; the detail, in the format's own terms (JSON paths, key names, zod's
 * kinds of issue), is quoted as it is, like Meta's own words in a Graph error.
 */
function invalid(error: z.core.$ZodError): SnapshotError {
  const issue = error.issues[0];
  return issue
    ? new SnapshotError('invalid', 'snapshotErrorInvalidDetail', describeIssue(issue))
    : new SnapshotError('invalid', 'snapshotErrorInvalid');
}
