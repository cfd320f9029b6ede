import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSnapshot, type SnapshotSource } from '@/lib/snapshots/build/create';
import { decodeSnapshotText } from '@/lib/snapshots/transport/decode';
import { SnapshotError } from '@/lib/snapshots/format/errors';
import { encodeSnapshotFile } from '@/lib/snapshots/transport/file';
import { openShareLink, readShareLink } from '@/lib/snapshots/transport/link';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/snapshots/build/redact';
import { METRICS } from '@/lib/snapshots/format/schema';
import { CREATED_AT, sampleSource } from './fixtures';

/** Resolves to the outcome, so a property can say "only a SnapshotError, never anything else". */
async function outcome(run: () => Promise<unknown>): Promise<'accepted' | SnapshotError> {
  try {
    await run();
    return 'accepted';
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
}

const validText = await encodeSnapshotFile(
  redactSnapshot(createSnapshot(sampleSource(), CREATED_AT), DEFAULT_REDACTION),
);
const validFile = JSON.parse(validText) as { snapshot: Record<string, unknown>; digest: string };

/** Arbitrary JSON-ish values, including the keys an attacker would try. */
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, 0, -1, 1e308, 'adlens-snapshot', '__proto__', '1e999'),
    fc.double(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        fc.string(),
        fc.constantFrom('__proto__', 'constructor', 'format', 'version', 'entities'),
      ),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

/** Hundreds of runs each; a loaded 2-core machine must not fail them on the runner's clock. */
const FUZZ_TIMEOUT_MS = 60_000;

describe('the decoder, fuzzed', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('fails on any text with a SnapshotError and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        expect(await outcome(() => decodeSnapshotText(text))).toBeInstanceOf(SnapshotError);
      }),
      { numRuns: 500 },
    );
  });

  it('fails with a SnapshotError on any other value in one of the snapshot’s fields', async () => {
    const fields = Object.keys(validFile.snapshot);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), hostileValue, async (field, value) => {
        fc.pre(JSON.stringify(value) !== JSON.stringify(validFile.snapshot[field]));
        const snapshot = { ...validFile.snapshot, [field]: value };
        const text = JSON.stringify({ snapshot, digest: validFile.digest });
        const result = await outcome(() => decodeSnapshotText(text));
        expect(result).toBeInstanceOf(SnapshotError);
      }),
      { numRuns: 400 },
    );
  });

  it('never accepts a changed digest', async () => {
    const body = validFile.digest.slice('sha256-'.length, -1);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: body.length - 1 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
        async (position, character) => {
          fc.pre(body[position] !== character);
          const digest = `sha256-${body.slice(0, position)}${character}${body.slice(position + 1)}=`;
          const result = await outcome(() =>
            decodeSnapshotText(JSON.stringify({ ...validFile, digest })),
          );
          expect(result).toBeInstanceOf(SnapshotError);
          expect((result as SnapshotError).code).toBe('digest-mismatch');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts a file with one character changed only if it still means the same snapshot', async () => {
    const original = await decodeSnapshotText(validText);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: validText.length - 1 }),
        fc.string({ minLength: 1, maxLength: 2 }),
        async (position, replacement) => {
          const text = `${validText.slice(0, position)}${replacement}${validText.slice(position + 1)}`;
          let decoded: unknown;
          const result = await outcome(async () => {
            decoded = await decodeSnapshotText(text);
          });
          if (result === 'accepted') expect(decoded).toEqual(original);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('fails on any link payload with a SnapshotError and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('', '1.d.', '1.e.', '1.e.600000.', '#s=1.d.'),
        fc.oneof(fc.base64String(), fc.stringMatching(/^[A-Za-z0-9_.-]{0,200}$/), fc.string()),
        async (prefix, rest) => {
          const result = await outcome(() => openShareLink(readShareLink(prefix + rest), 'p'));
          expect(result).toBeInstanceOf(SnapshotError);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('export, fuzzed', () => {
  const name = fc.stringMatching(/^[a-z]{8,16}$/);
  const amount = fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null });
  const source = fc
    .record({
      names: fc.uniqueArray(name, { minLength: 4, maxLength: 4 }),
      kpis: fc.uniqueArray(fc.constantFrom(...METRICS), { maxLength: METRICS.length }),
      current: amount,
      previous: amount,
      series: fc.array(amount, { minLength: 7, maxLength: 7 }),
    })
    .map(({ names, kpis, current, previous, series }): SnapshotSource => {
      const base = sampleSource();
      return {
        ...base,
        account: { ...base.account, name: names[0]! },
        range: { since: '2024-05-01', until: '2024-05-07' },
        entities: base.entities.map((entity, index) => ({ ...entity, name: names[index % 4]! })),
        kpis: kpis.map((metric) => ({ metric, current, previous })),
        series: [{ metric: 'spend', values: series }],
        findings: base.findings.map((finding) => ({
          ...finding,
          sentence: `${names[1]!} spent €${current ?? 0} while ${names[2]!} did not.`,
        })),
      };
    });

  it('round-trips any snapshot, and the redacted file holds none of the names', async () => {
    await fc.assert(
      fc.asyncProperty(source, async (input) => {
        const redacted = redactSnapshot(createSnapshot(input, CREATED_AT), DEFAULT_REDACTION);
        const text = await encodeSnapshotFile(redacted);
        await expect(decodeSnapshotText(text)).resolves.toEqual(redacted);
        for (const secret of [input.account.name, ...input.entities.map((entity) => entity.name)]) {
          expect(text).not.toContain(secret);
        }
      }),
      { numRuns: 100 },
    );
  });
});
