import { describe, expect, it } from 'vitest';
import { createSnapshot, type SourceExplanation } from '@/lib/snapshots/build/create';
import { decodeSnapshotText } from '@/lib/snapshots/transport/decode';
import { SnapshotError, snapshotErrorText } from '@/lib/snapshots/format/errors';
import { encodeSnapshotFile } from '@/lib/snapshots/transport/file';
import { createShareLink, openShareLink, readShareLink } from '@/lib/snapshots/transport/link';
import { snapshotMarkdown } from '@/lib/snapshots/render/markdown';
import { describeSnapshot } from '@/lib/snapshots/render/preview';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/snapshots/build/redact';
import type { Snapshot } from '@/lib/snapshots/format/schema';
import { findingViews } from '@/lib/snapshots/render/view';
import { readerFor } from '../i18n/reader';
import { CREATED_AT, sampleSource } from './fixtures';

const english = readerFor('en');

/**
 * A snapshot may carry Explain's answer for a finding (issue #18): the sentence in the sender's
 * words and the top segments, redacted like the rest of the snapshot.
 */

/** A CPM surge explained by a placement, and a second answer naming a region. */
const CPM_EXPLANATION: SourceExplanation = {
  metric: 'cpm',
  sentence:
    "CPM up 129 %: 81 % of the rise comes from Instagram Stories, whose own CPM moved up 307 % (at 1.7 × the campaign's CPM, 45 % of impressions).",
  measure: 'Share of impressions',
  segments: [
    {
      dimension: 'platform_position',
      label: 'Instagram Stories',
      before: 0.4,
      after: 0.45,
      named: true,
      // Cents per thousand impressions, as the cache keeps them: €3.12 and €12.70.
      valueBefore: 312,
      valueAfter: 1270,
    },
    {
      dimension: 'platform_position',
      label: 'Facebook Feed',
      before: 0.6,
      after: 0.55,
      named: false,
      valueBefore: 500,
      valueAfter: 520,
    },
  ],
};

const REGION_EXPLANATION: SourceExplanation = {
  metric: 'spend',
  sentence:
    'Spend up 60 %: 90 % of the rise comes from Bavaria, whose share of spend went from 20 % to 50 %.',
  measure: 'Share of spend',
  segments: [
    {
      dimension: 'region',
      label: 'Bavaria',
      before: 0.2,
      after: 0.5,
      named: true,
      valueBefore: null,
      valueAfter: null,
    },
    {
      dimension: 'region',
      label: 'Berlin',
      before: 0.8,
      after: 0.5,
      named: false,
      valueBefore: null,
      valueAfter: null,
    },
  ],
};

function explainedSource() {
  const source = sampleSource();
  return {
    ...source,
    findings: [
      { ...source.findings[0]!, explanation: REGION_EXPLANATION },
      { ...source.findings[1]!, explanation: CPM_EXPLANATION },
    ],
  };
}

const full = createSnapshot(explainedSource(), CREATED_AT);
const redacted = redactSnapshot(full, DEFAULT_REDACTION);

/** A snapshot file as JSON, for editing into a hostile one. */
async function fileOf(snapshot: Snapshot) {
  return JSON.parse(await encodeSnapshotFile(snapshot)) as {
    snapshot: { findings: { explanation?: Record<string, unknown> }[] };
  };
}

async function refusal(text: string): Promise<SnapshotError> {
  const error = await decodeSnapshotText(text).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SnapshotError)) throw new Error(`Expected a SnapshotError`);
  return error;
}

describe('an explanation in a snapshot', () => {
  it('is carried with its finding, money in major units, and survives files and links', async () => {
    const explanation = full.findings[1]!.explanation!;
    expect(explanation.sentence).toBe(CPM_EXPLANATION.sentence);
    expect(explanation.segments[0]).toEqual({
      dimension: 'platform_position',
      label: 'Instagram Stories',
      before: 0.4,
      after: 0.45,
      named: true,
      values: { before: 3.12, after: 12.7 },
    });
    // A sum has no values to compare: a segment's spend over periods of different lengths.
    expect(full.findings[0]!.explanation!.segments[0]!.values).toBeUndefined();
    for (const snapshot of [full, redacted]) {
      await expect(decodeSnapshotText(await encodeSnapshotFile(snapshot))).resolves.toEqual(
        snapshot,
      );
      const link = await createShareLink(
        snapshot,
        'chrome-extension://adlens/snapshot-viewer.html',
      );
      await expect(openShareLink(readShareLink(link))).resolves.toEqual(snapshot);
    }
  });

  it('is optional: a snapshot written before explanations opens as it did', async () => {
    const plain = createSnapshot(sampleSource(), CREATED_AT);
    expect(plain.findings.every((finding) => !('explanation' in finding))).toBe(true);
    await expect(decodeSnapshotText(await encodeSnapshotFile(plain))).resolves.toEqual(plain);
  });

  it('is redacted like the rest: shares only when money is an index, regions aliased with the names', () => {
    const cpm = redacted.findings[1]!.explanation!;
    expect(cpm.segments.map((segment) => segment.values)).toEqual([undefined, undefined]);
    expect(cpm.segments.map((segment) => [segment.before, segment.after])).toEqual([
      [0.4, 0.45],
      [0.6, 0.55],
    ]);
    // Placements identify nobody; the sentence has ratios and shares, no amount.
    expect(cpm.segments[0]!.label).toBe('Instagram Stories');
    expect(cpm.sentence).toBe(CPM_EXPLANATION.sentence);

    const region = redacted.findings[0]!.explanation!;
    expect(region.segments.map((segment) => segment.label)).toEqual(['Region 1', 'Region 2']);
    expect(region.sentence).toBe(
      'Spend up 60 %: 90 % of the rise comes from Region 1, whose share of spend went from 20 % to 50 %.',
    );
    expect(JSON.stringify(redacted)).not.toMatch(/Bavaria|Berlin|3\.12|12\.7/);

    // Each part is the sender's choice: amounts kept keep the values, names kept keep the regions.
    const amounts = redactSnapshot(full, { ...DEFAULT_REDACTION, indexMoney: false });
    expect(amounts.findings[1]!.explanation!.segments[0]!.values).toEqual({
      before: 3.12,
      after: 12.7,
    });
    expect(amounts.findings[0]!.explanation!.segments[0]!.label).toBe('Region 1');
    const names = redactSnapshot(full, { ...DEFAULT_REDACTION, aliasNames: false });
    expect(names.findings[0]!.explanation!.segments[0]!.label).toBe('Bavaria');
    // Redaction only removes: a redacted snapshot shared again with amounts "on" has none.
    const again = redactSnapshot(redacted, {
      dropIds: false,
      aliasNames: false,
      indexMoney: false,
    });
    expect(again.findings[1]!.explanation!.segments[0]!.values).toBeUndefined();
    expect(again.findings[0]!.explanation!.segments[0]!.label).toBe('Region 1');
  });

  it('shows a redacted region in the reader’s words, a named one as Meta names it', () => {
    const bars = (snapshot: Snapshot, folder: 'es' | 'zh_CN') =>
      findingViews(snapshot, readerFor(folder))[0]!.explanation!.bars.map((bar) => bar.label);
    expect(bars(redacted, 'es')).toEqual(['Región 1', 'Región 2']);
    expect(bars(redacted, 'zh_CN')).toEqual(['地区 1', '地区 2']);
    expect(bars(full, 'es')[0]).toBe('Bavaria');
  });

  it('is shown as the viewer and the Markdown summary read it', () => {
    const [regionView, cpmView] = findingViews(full, english).map(
      (finding) => finding.explanation!,
    );
    expect(cpmView!.bars[0]).toMatchObject({
      label: 'Instagram Stories',
      shares: '40 % → 45 %',
      values: '€3.12 → €12.70',
      named: true,
    });
    expect(regionView!.bars[0]!.values).toBeUndefined();

    const markdown = snapshotMarkdown(full, english);
    expect(markdown).toContain(`  - Explain: ${CPM_EXPLANATION.sentence}`);
    expect(markdown).toContain(
      '  - Instagram Stories: Share of impressions 40 % → 45 %; CPM €3.12 → €12.70',
    );
    const shared = snapshotMarkdown(redacted, english);
    expect(shared).toContain('  - Instagram Stories: Share of impressions 40 % → 45 %\n');
    expect(shared).not.toMatch(/€|Bavaria/);

    const findings = describeSnapshot(redacted, english).find((line) => line.label === 'Findings');
    expect(findings?.value).toMatch(/2 with Explain's answer/);
  });

  it.each([
    [
      'an oversized sentence',
      (explanation: Record<string, unknown>) => ({ ...explanation, sentence: 'x'.repeat(1001) }),
      'The snapshot is not valid: text of length at most 1000 at findings.1.explanation.sentence.',
    ],
    [
      'too many segments',
      (explanation: Record<string, unknown>) => ({
        ...explanation,
        segments: Array.from({ length: 6 }, () => (explanation.segments as unknown[])[0]),
      }),
      'The snapshot is not valid: a list of length at most 5 at findings.1.explanation.segments.',
    ],
    [
      'a share above 1',
      (explanation: Record<string, unknown>) => ({
        ...explanation,
        segments: [{ ...(explanation.segments as object[])[0], after: 7 }],
      }),
      'The snapshot is not valid: a number at most 1 at findings.1.explanation.segments.0.after.',
    ],
    [
      'an unknown key',
      (explanation: Record<string, unknown>) => ({ ...explanation, fetchUrl: 'https://evil' }),
      'The snapshot is not valid: unknown key "fetchUrl" at findings.1.explanation.',
    ],
    [
      'a dimension Adlens does not read',
      (explanation: Record<string, unknown>) => ({
        ...explanation,
        segments: [{ ...(explanation.segments as object[])[0], dimension: 'income' }],
      }),
      /^The snapshot is not valid: not one of "publisher_platform", .* at findings\.1\.explanation\.segments\.0\.dimension\.$/,
    ],
  ])('is refused with a clear error when it has %s', async (_name, edit, message) => {
    const file = await fileOf(redacted);
    file.snapshot.findings[1]!.explanation = edit(file.snapshot.findings[1]!.explanation!);
    const error = await refusal(JSON.stringify(file));
    expect(error.code).toBe('invalid');
    const said = snapshotErrorText(error, english.t);
    if (typeof message === 'string') expect(said).toBe(message);
    else expect(said).toMatch(message);
  });

  it('is refused when it claims a redaction it does not hold', async () => {
    const file = await fileOf(redacted);
    const explanation = file.snapshot.findings[1]!.explanation!;
    const [first] = explanation.segments as object[];
    explanation.segments = [{ ...first, values: { before: 3.12, after: 12.7 } }];
    const amounts = await refusal(JSON.stringify(file));
    expect(snapshotErrorText(amounts, english.t)).toBe(
      'The snapshot is not valid: with money as an index no explanation may carry amounts.',
    );

    const regions = await fileOf(redacted);
    const region = regions.snapshot.findings[0]!.explanation!;
    region.segments = [{ ...(region.segments as object[])[0], label: 'Bavaria' }];
    expect(snapshotErrorText(await refusal(JSON.stringify(regions)), english.t)).toBe(
      'The snapshot is not valid: with names aliased every region an explanation names must be an alias.',
    );
  });
});
