import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnapshot } from '@/lib/share/create';
import { decodeSnapshotBytes } from '@/lib/share/decode';
import { SnapshotError } from '@/lib/share/errors';
import { encodeSnapshotFile } from '@/lib/share/file';
import { openShareLink, readShareLink } from '@/lib/share/link';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/share/redact';
import type { Snapshot } from '@/lib/share/schema';
import { SNAPSHOT_DATABASE } from '@/lib/share/snapshot-store';
import { startSimulator, type RunningSimulator } from '../sim/start';
import { hostileCorpus, PASSPHRASE } from '../unit/share/corpus';
import { EXTENSION_ORIGIN, launchAdlensBrowser, type AdlensBrowser } from './harness/browser';
import { BackgroundWorker, OptionsPage } from './harness/pages';
import { campaignSource } from './harness/snapshot-source';
import { expectedRows, SnapshotViewer } from './harness/snapshot-viewer';

/**
 * Team snapshots end to end (issue 7): a media buyer holding real data exports a redacted file
 * and links from the viewer; a teammate opens them in a fresh browser profile and sees the same
 * numbers; the hostile corpus fails with clear errors and stores nothing.
 */
let sim: RunningSimulator;
let sender: AdlensBrowser;
let work: string;

beforeAll(async () => {
  sim = await startSimulator();
  sender = await launchAdlensBrowser(sim.routing);
  work = mkdtempSync(path.join(os.tmpdir(), 'adlens-snapshots-'));
});

afterAll(async () => {
  await sender?.close();
  await sim?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function storedSnapshots(browser: Browser): Promise<string> {
  const worker = await BackgroundWorker.attach(browser);
  return (await worker.indexedDbDump())[SNAPSHOT_DATABASE]?.snapshots ?? '[]';
}

describe('finding the viewer', () => {
  it('the options page links to it', async () => {
    const options = await OptionsPage.open(sender.browser);
    const link = await options.page.waitForSelector('[data-testid="open-snapshot-viewer"]');
    expect(await link!.evaluate((anchor) => (anchor as HTMLAnchorElement).href)).toBe(
      `${EXTENSION_ORIGIN}/snapshot-viewer.html`,
    );
    await options.page.close();
  });
});

describe('sharing a snapshot', () => {
  let full: Snapshot;
  let secrets: string[];
  let senderRows: string[][];
  let redactedFile: Buffer;
  let unredactedFile: Buffer;
  let plainLink: string;
  let protectedLink: string;
  let markdown: string;

  beforeAll(async () => {
    const created = campaignSource(sim.world, sim.largeAccount);
    secrets = created.secrets;
    full = createSnapshot(created.source, new Date(sim.clock.now()));
    writeFileSync(path.join(work, 'full.adlens.json'), await encodeSnapshotFile(full));
  });

  it('the sender opens the full snapshot and sees real names and amounts', async () => {
    const viewer = await SnapshotViewer.open(sender.browser);
    await viewer.uploadFile(path.join(work, 'full.adlens.json'));
    senderRows = await viewer.kpiRows();
    expect(senderRows).toEqual(expectedRows(full));
    expect(senderRows[0]?.[1]).toMatch(/^\$[\d,]+\.\d\d$/);
    expect(await viewer.text('snapshot-subject')).toBe(full.entities[full.subject]?.name);

    redactedFile = await viewer.download('export-file', path.join(work, 'redacted'));
    const png = await viewer.download('export-png', path.join(work, 'png'));
    writeFileSync(path.join(work, 'card.png'), png);
    expect(png.subarray(0, 8)).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
    const csv = (await viewer.download('export-csv', path.join(work, 'csv'))).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('date,Spend (index),Impressions,Conversions');
    expect(csv.split('\r\n')).toHaveLength(30);
    await viewer.page.locator('[data-testid="export-markdown"]').click();
    markdown = await viewer.page.$eval(
      '[data-testid="share-output"]',
      (output) => (output as HTMLTextAreaElement).value,
    );
    for (const choice of ['aliasNames', 'dropIds', 'indexMoney'] as const) {
      await viewer.setRedaction(choice, false);
    }
    unredactedFile = await viewer.download('export-file', path.join(work, 'unredacted'));
    for (const choice of ['aliasNames', 'dropIds', 'indexMoney'] as const) {
      await viewer.setRedaction(choice, true);
    }
    plainLink = await viewer.createLink();
    protectedLink = await viewer.createLink(PASSPHRASE);
    await viewer.page.close();
  });

  it('exports, by default, no account id, business, real name, entity id or amount', async () => {
    const bytes = redactedFile.toString('utf8');
    for (const secret of secrets) {
      expect(bytes, secret).not.toContain(JSON.stringify(secret).slice(1, -1));
      expect(markdown, secret).not.toContain(secret);
    }
    expect(markdown).toMatch(/^\*\*Adlens snapshot: Campaign A\*\*\n/);
    expect(bytes).toContain('"name": "Campaign A"');
    expect(bytes).toContain('"currency": "index"');
    // The same redaction travels in links: decode them here and search again.
    for (const [link, passphrase] of [
      [plainLink, undefined],
      [protectedLink, PASSPHRASE],
    ] as const) {
      expect(link.startsWith(`${EXTENSION_ORIGIN}/snapshot-viewer.html#s=1.`)).toBe(true);
      const shared = JSON.stringify(await openShareLink(readShareLink(link), passphrase));
      for (const secret of secrets)
        expect(shared).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    await expect(decodeSnapshotBytes(unredactedFile)).resolves.toEqual(full);
  });

  describe('in a teammate’s fresh browser profile', () => {
    let teammate: AdlensBrowser;

    beforeAll(async () => {
      teammate = await launchAdlensBrowser(sim.routing);
    });

    afterAll(async () => {
      await teammate?.close();
    });

    it('the exported file shows the same numbers, redacted, and can be saved', async () => {
      const file = path.join(work, 'from-teammate.adlens.json');
      writeFileSync(file, redactedFile);
      const viewer = await SnapshotViewer.open(teammate.browser);
      await viewer.uploadFile(file);
      const rows = await viewer.kpiRows();
      expect(rows).toEqual(expectedRows(redactSnapshot(full, DEFAULT_REDACTION)));
      // Counts and ratios are untouched by redaction: the same as the sender saw them.
      const unchanged = (table: string[][]) =>
        table.filter(([label]) => !/Spend|CPM|CPA/.test(label ?? ''));
      expect(unchanged(rows)).toEqual(unchanged(senderRows));
      expect(await viewer.text('snapshot-facts')).toMatch(
        /Names.*Replaced with aliases.*Ids.*Removed/,
      );
      expect(await viewer.findings()).toEqual([
        expect.stringMatching(/Ad set A\.\d+ spent \[amount\]/),
      ]);
      expect(await storedSnapshots(teammate.browser)).toBe('[]');

      await viewer.page.locator('[data-testid="snapshot-save"]').click();
      await viewer.page.waitForSelector('[data-testid="saved-snapshot"]');
      expect(await viewer.text('snapshot-status')).toMatch(/^Saved in this browser until \d{4}-/);
      expect(await storedSnapshots(teammate.browser)).toContain('"Campaign A"');

      // Still there after a reload, until deleted.
      await viewer.page.reload({ waitUntil: 'domcontentloaded' });
      await viewer.page.locator('[data-testid="saved-snapshot-delete"]').click();
      await viewer.page.waitForFunction(
        () => !document.querySelector('[data-testid="saved-snapshot"]'),
      );
      expect(await storedSnapshots(teammate.browser)).toBe('[]');
      await viewer.page.close();
    });

    it('an unredacted export shows exactly the sender’s numbers', async () => {
      const file = path.join(work, 'unredacted.adlens.json');
      writeFileSync(file, unredactedFile);
      const viewer = await SnapshotViewer.open(teammate.browser);
      await viewer.uploadFile(file);
      expect(await viewer.kpiRows()).toEqual(senderRows);
      await viewer.page.close();
    });

    it('a link opens straight into the viewer', async () => {
      const viewer = await SnapshotViewer.open(
        teammate.browser,
        plainLink.slice(plainLink.indexOf('#')),
      );
      expect(await viewer.kpiRows()).toEqual(expectedRows(redactSnapshot(full, DEFAULT_REDACTION)));
      await viewer.page.close();
    });

    it('a protected link asks for its passphrase, tells a wrong one apart, and opens with the right one', async () => {
      const viewer = await SnapshotViewer.open(teammate.browser);
      await viewer.pasteLink(protectedLink);
      expect(await viewer.hasPreview()).toBe(false);
      await viewer.unlock('tent pegs');
      expect(await viewer.errorText()).toMatch(/passphrase is not the one/);
      expect(await viewer.hasPreview()).toBe(false);
      await viewer.unlock(PASSPHRASE);
      expect(await viewer.kpiRows()).toEqual(expectedRows(redactSnapshot(full, DEFAULT_REDACTION)));
      expect(await viewer.page.$('[data-testid="snapshot-error"]')).toBeNull();
      await viewer.page.close();
    });

    it('every file and link of the hostile corpus gives its error, runs nothing and stores nothing', async () => {
      const stored = await storedSnapshots(teammate.browser);
      const viewer = await SnapshotViewer.open(teammate.browser);
      const requests: string[] = [];
      viewer.page.on('request', (request) => {
        if (!request.url().startsWith(EXTENSION_ORIGIN)) requests.push(request.url());
      });
      const dialogs: string[] = [];
      viewer.page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });

      const folder = path.join(work, 'corpus');
      mkdirSync(folder);
      for (const entry of await hostileCorpus()) {
        const expected = await expectedError(entry);
        // A fresh page per entry, so one entry's message can never pass for the next one's.
        await viewer.page.reload({ waitUntil: 'domcontentloaded' });
        await viewer.page.waitForSelector('[data-testid="snapshot-file-input"]');
        if (entry.kind === 'file') {
          const file = path.join(folder, entry.name);
          writeFileSync(file, entry.bytes);
          await viewer.uploadFile(file);
        } else {
          await viewer.pasteLink(entry.link);
          if (entry.passphrase) await viewer.unlock(entry.passphrase);
        }
        if (entry.expected === 'accepted') {
          await viewer.kpiRows();
          const subject = await viewer.text('snapshot-subject');
          expect(subject).toContain('<script>');
          expect(
            await viewer.page.$(
              '[data-testid="snapshot-preview"] script, [data-testid="snapshot-preview"] img',
            ),
          ).toBeNull();
          continue;
        }
        if (entry.expected === 'passphrase-required') {
          await viewer.page.waitForSelector('[data-testid="passphrase-input"]');
          expect(await viewer.hasPreview(), entry.name).toBe(false);
          continue;
        }
        await viewer.page.waitForFunction(
          (message) =>
            document.querySelector('[data-testid="snapshot-error"]')?.textContent === message,
          { timeout: 20_000 },
          expected,
        );
        expect(await viewer.hasPreview(), entry.name).toBe(false);
      }
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(await storedSnapshots(teammate.browser)).toBe(stored);
      await viewer.page.close();
    }, 120_000);
  });
});

/** The message the decoder gives for a corpus entry, which the viewer must show verbatim. */
async function expectedError(
  entry: Awaited<ReturnType<typeof hostileCorpus>>[number],
): Promise<string> {
  try {
    if (entry.kind === 'file') await decodeSnapshotBytes(entry.bytes);
    else await openShareLink(readShareLink(entry.link), entry.passphrase);
    return '';
  } catch (error) {
    if (error instanceof SnapshotError) return error.message;
    throw error;
  }
}
