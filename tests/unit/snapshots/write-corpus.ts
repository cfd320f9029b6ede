/**
 * Writes the static files of the hostile corpus into tests/support/snapshot-corpus (run with
 * `npx tsx tests/unit/snapshots/write-corpus.ts` after a format change). Each file is a valid export with one thing broken, so that each error
 * is reached on its own.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSnapshot } from '@/lib/snapshots/build/create';
import { encodeSnapshotFile } from '@/lib/snapshots/transport/file';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/snapshots/build/redact';
import { CREATED_AT, HOSTILE_NAME, sampleSource } from './fixtures';

const full = createSnapshot(sampleSource(), CREATED_AT);
const redacted = redactSnapshot(full, DEFAULT_REDACTION);
const valid = await encodeSnapshotFile(redacted);
const write = (name: string, text: string) =>
  writeFileSync(path.join(import.meta.dirname, '../../support/snapshot-corpus', name), text);
const envelope = () => JSON.parse(valid) as { snapshot: Record<string, unknown>; digest: string };

write('valid.adlens.json', valid);
write('truncated.adlens.json', valid.slice(0, Math.floor(valid.length / 2)));
write('empty.adlens.json', '');
write('not-a-snapshot.json', '{"name":"package","version":"1.0.0"}\n');
write('wrong-version.adlens.json', valid.replace('"version": 1', '"version": 2'));
write('version-zero.adlens.json', valid.replace('"version": 1', '"version": 0'));
write(
  'proto-key.adlens.json',
  valid.replace('"redaction": {', '"redaction": {\n    "__proto__": { "polluted": true },'),
);
write(
  'constructor-key.adlens.json',
  valid.replace('"range": {', '"range": {\n    "constructor": {},'),
);
write(
  'unknown-key.adlens.json',
  valid.replace('"subject": 1,', '"subject": 1,\n    "fetch": "https://evil.example/x.js",'),
);
write('infinity.adlens.json', valid.replace('"current": 512345', '"current": 1e999'));
write('nan-as-text.adlens.json', valid.replace('"current": 512345', '"current": "NaN"'));
write(
  'wrong-digest.adlens.json',
  valid.replace(/"digest": "sha256-[^"]+"/, `"digest": "sha256-${'A'.repeat(43)}="`),
);
{
  // The numbers changed after export: the digest no longer matches.
  const tampered = envelope();
  (tampered.snapshot.kpis as { current: number }[])[1]!.current = 1;
  write('tampered-numbers.adlens.json', `${JSON.stringify(tampered, null, 2)}\n`);
}
write(
  'script-names.adlens.json',
  await encodeSnapshotFile({
    ...full,
    entities: full.entities.map((entity, index) =>
      index === 1 ? { ...entity, name: HOSTILE_NAME } : entity,
    ),
  }),
);
