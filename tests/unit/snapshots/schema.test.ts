import { describe, expect, it } from 'vitest';
import { createSnapshot } from '@/lib/snapshots/build/create';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/snapshots/build/redact';
import { describeIssue } from '@/lib/snapshots/transport/issues';
import { SnapshotSchema, type Snapshot } from '@/lib/snapshots/format/schema';
import { CREATED_AT, sampleSource } from './fixtures';

const full = createSnapshot(sampleSource(), CREATED_AT);
const redacted = redactSnapshot(full, DEFAULT_REDACTION);

function issueOf(candidate: unknown): string {
  const result = SnapshotSchema.safeParse(candidate);
  if (result.success) return 'accepted';
  return result.error.issues.map(describeIssue).join('; ');
}

function withChange(snapshot: Snapshot, change: (copy: Record<string, unknown>) => void) {
  const copy = structuredClone(snapshot) as unknown as Record<string, unknown>;
  change(copy);
  return copy;
}

describe('SnapshotSchema', () => {
  it('accepts full and redacted snapshots', () => {
    expect(issueOf(full)).toBe('accepted');
    expect(issueOf(redacted)).toBe('accepted');
  });

  it.each<[string, (copy: Record<string, unknown>) => void, RegExp]>([
    ['an unknown top-level key', (copy) => (copy.token = 'EAAB'), /unknown key "token"/],
    [
      'an unknown key in an entity',
      (copy) => ((copy.entities as Record<string, unknown>[])[1]!.url = 'https://x'),
      /unknown key "url" at entities.1/,
    ],
    [
      'a metric outside the enum',
      (copy) => ((copy.kpis as { metric: string }[])[0]!.metric = 'cost'),
      /not one of "spend".* at kpis.0.metric/,
    ],
    [
      'a negative value',
      (copy) => ((copy.kpis as { current: number }[])[0]!.current = -1),
      /a number at least 0 at kpis.0.current/,
    ],
    [
      'a date that is no date',
      (copy) => (copy.range = { since: '2024-02-30', until: '2024-03-01' }),
      /not a valid date at range.since/,
    ],
    [
      'a date in no date format (the cross-field rules must not read it)',
      (copy) => (copy.range = { since: ' 024-05-14', until: '2024-05-20' }),
      /not a valid date at range.since/,
    ],
    [
      'a range running backwards',
      (copy) => (copy.range = { since: '2024-05-14', until: '2024-05-01' }),
      /run forward/,
    ],
    [
      'an over-long range',
      (copy) => (copy.range = { since: '2020-01-01', until: '2024-05-01' }),
      /at most 400/,
    ],
    [
      'a series of the wrong length',
      (copy) => (copy.series as { values: number[] }[])[0]!.values.pop(),
      /one value per day/,
    ],
    [
      'a second root',
      (copy) => ((copy.entities as { parent: number | null }[])[2]!.parent = null),
      /only root/,
    ],
    [
      'a parent after its child',
      (copy) => ((copy.entities as { parent: number }[])[1]!.parent = 3),
      /parent/,
    ],
    [
      'a parent two levels up',
      (copy) => ((copy.entities as { parent: number }[])[3]!.parent = 1),
      /parent/,
    ],
    [
      'a finding about no entity',
      (copy) => ((copy.findings as { entity: number }[])[0]!.entity = 40),
      /name an entity/,
    ],
    [
      'a repeated KPI metric',
      (copy) => (copy.kpis as unknown[]).push((copy.kpis as unknown[])[0]),
      /once/,
    ],
    ['an amount currency with money redacted', (copy) => (copy.currency = 'EUR'), /currency/],
  ])('rejects %s', (_label, change, message) => {
    expect(issueOf(withChange(redacted, change))).toMatch(message);
  });

  it('rejects real names and ids under a redaction that claims to remove them', () => {
    const names = withChange(redacted, (copy) => {
      (copy.entities as { name: string }[])[1]!.name = 'Summer Sale';
    });
    expect(issueOf(names)).toMatch(/alias/);
    const ids = withChange(redacted, (copy) => {
      (copy.entities as { metaId?: string }[])[1]!.metaId = '1202';
    });
    expect(issueOf(ids)).toMatch(/id/);
  });
});
