import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousPeriod } from '@/lib/util/dates';
import { openShareLink, readShareLink } from '@/lib/snapshots/transport/link';
import type { Snapshot } from '@/lib/snapshots/format/schema';
import { SNAPSHOT_DATABASE } from '@/lib/snapshots/store';
import { addDays } from '@/lib/util/dates';
import type { RunningSimulator } from '../sim/start';
import type { RangeStats, SimAccount, SimEntity } from '../sim/world/types';
import { hostileCorpus, PASSPHRASE } from '../support/snapshot-corpus';
import { EXTENSION_ORIGIN, launchAdlensBrowser, type AdlensBrowser } from '../support/e2e/browser';
import { startConnectedAdlens, type ConnectedAdlens } from '../support/e2e/fixture';
import { AdsManagerTab, BackgroundWorker, type OptionsPage } from '../support/e2e/pages';
import { chooseSnapshotSubject, SnapshotViewer } from '../support/e2e/snapshot-viewer';
import { SyncSection } from '../support/e2e/sync';
import { cacheRecordsIn } from '../support/e2e/worker-cache';
import { worldTotals } from '../support/world-totals';
import { englishFinding } from '../support/english-finding';
import type { FindingMessage } from '@/lib/schema/finding-message';

/**
 * Team snapshots end to end (issue 7): a media buyer syncs an account from the simulator, creates
 * a snapshot of a campaign in the options page, and exports a redacted file and links from the
 * viewer; a teammate opens them in a fresh browser profile and sees the same numbers; the hostile
 * corpus fails with clear errors and stores nothing.
 */
let adlens: ConnectedAdlens | undefined;
let sim: RunningSimulator;
let sender: AdlensBrowser;
let options: OptionsPage;
let work: string;
let account: SimAccount;
let campaign: SimEntity;

beforeAll(async () => {
  adlens = await startConnectedAdlens({ simulator: { withoutLargeAccount: true } });
  ({ sim, chromium: sender, options } = adlens);
  work = mkdtempSync(path.join(os.tmpdir(), 'adlens-snapshots-'));
  account = sim.world.accounts.find((candidate) => candidate.currency === 'EUR')!;
  // The campaign with the account's planted tracking break, so the snapshot has something to say.
  const planted = sim.world.anomalies.find(
    (anomaly) => anomaly.accountId === account.accountId && anomaly.kind === 'tracking_break',
  )!;
  campaign = sim.world.entity(planted.entityId)!;
  await new SyncSection(options.page).sync(`act_${account.accountId}`);
}, 240_000);

afterAll(async () => {
  await adlens?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * The snapshots saved in `browser`, read from an extension page of its own: the worker may have
 * idled out between tests, and nothing a test does wakes it just to be inspected.
 */
async function storedSnapshots(browser: Browser): Promise<string> {
  const { page } = await SnapshotViewer.open(browser);
  try {
    const storage = BackgroundWorker.throughPage(browser, page);
    return (await storage.indexedDbDump())[SNAPSHOT_DATABASE]?.snapshots ?? '[]';
  } finally {
    await page.close();
  }
}

/** The viewer tab Adlens opens next, once `action` is done. */
async function viewerOpenedBy(action: () => Promise<void>) {
  const opened = sender.browser.waitForTarget((target) =>
    target.url().startsWith(`${EXTENSION_ORIGIN}/snapshot-viewer.html`),
  );
  await action();
  const target = await opened;
  const address = target.url();
  return { viewer: new SnapshotViewer((await target.page())!), address };
}

/** The options page's Create snapshot form: the viewer tab it opens, its first address, the range. */
async function createFromOptions(page: Page, subjectId: string) {
  await page.reload({ waitUntil: 'domcontentloaded' });
  const accountId = `act_${account.accountId}`;
  const { since, until } = await chooseSnapshotSubject(page, accountId, subjectId);
  const { viewer, address } = await viewerOpenedBy(() =>
    page.locator('[data-testid="snapshot-create"]').click(),
  );
  return { viewer, address, since, until };
}

/**
 * The KPI rows' labels as the viewer writes them, and the four the simulator's totals give, as an
 * English reader sees them: euros with cents, whole counts with thousands commas. The test formats
 * them itself; the product's formatting code is not used to compute what it must show.
 */
const KPI_LABELS = ['Amount spent', 'Impressions', 'Purchases', 'Purchase value'] as const;
const EUROS = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DAY = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
/** "May 3, 2026": an account day as an English reader sees it. */
const englishDay = (date: string) => DAY.format(new Date(`${date}T00:00:00Z`));

function worldKpi(label: (typeof KPI_LABELS)[number], stats: RangeStats | undefined): string {
  switch (label) {
    case 'Amount spent':
      return EUROS.format((stats?.spendMinor ?? 0) / 100);
    case 'Impressions':
      return WHOLE.format(stats?.impressions ?? 0);
    case 'Purchases':
      return WHOLE.format(stats?.purchases ?? 0);
    case 'Purchase value':
      return EUROS.format((stats?.purchaseValueMinor ?? 0) / 100);
  }
}

/**
 * A redacted copy's KPI rows against the sender's own: money rows become an index ("Amount
 * spent (index)"; previous period "100.0"; this period the same ratio, to one decimal; the same change),
 * and every other row, counts and ratios, stays exactly as the sender saw it.
 */
function expectRedactedRows(rows: readonly string[][], sender: readonly string[][]): void {
  const amount = (text: string) => Number(text.replace(/[^\d.-]/g, ''));
  expect(rows).toHaveLength(sender.length);
  sender.forEach(([label, current, previous, change], index) => {
    const row = rows[index]!;
    if (!current?.startsWith('€')) {
      expect(row, label).toEqual([label, current, previous, change]);
      return;
    }
    expect(row[0]).toBe(`${label} (index)`);
    expect(row[3], label).toBe(change);
    if (!previous?.startsWith('€') || amount(previous) === 0) return;
    expect(row[2], label).toBe('100.0');
    // Cost ratios are shown rounded to the cent, so the index may differ in its last digit.
    expect(amount(row[1]!), label).toBeCloseTo((100 * amount(current)) / amount(previous), 0);
  });
}

/** The snapshot inside an exported file: `{ snapshot, digest }` as JSON text. */
function snapshotInFile(bytes: Buffer): Snapshot {
  return (JSON.parse(bytes.toString('utf8')) as { snapshot: Snapshot }).snapshot;
}

const DAMAGED_FILE =
  'The snapshot is damaged: its content no longer matches its SHA-256 checksum. (The checksum catches accidental damage only: whoever changes a file on purpose can recompute it.)';

/** What the viewer must say for each file and link of the hostile corpus, word for word. */
const CORPUS_ERRORS: Readonly<Record<string, string>> = {
  'truncated.adlens.json': 'The snapshot is not valid JSON: it may be truncated.',
  'empty.adlens.json': 'The snapshot is empty.',
  'not-a-snapshot.json': 'This is not an Adlens snapshot.',
  'wrong-version.adlens.json':
    'This snapshot was made by a newer Adlens (format version 2). Update Adlens to open it.',
  'version-zero.adlens.json': 'Snapshot format version 0 is unknown.',
  'proto-key.adlens.json': 'The snapshot contains the forbidden key "__proto__".',
  'constructor-key.adlens.json': 'The snapshot contains the forbidden key "constructor".',
  'unknown-key.adlens.json': 'The snapshot is not valid: unknown key "fetch".',
  'infinity.adlens.json': 'The snapshot is not valid: expected a finite number at kpis.1.current.',
  'nan-as-text.adlens.json':
    'The snapshot is not valid: expected a finite number at kpis.1.current.',
  // The checksum tells damage apart, not a forger (who can recompute it): the message says so.
  'wrong-digest.adlens.json': DAMAGED_FILE,
  'tampered-numbers.adlens.json': DAMAGED_FILE,
  'oversized.adlens.json': 'The snapshot is larger than 2048 KB, more than Adlens ever writes.',
  'huge-array.adlens.json':
    'The snapshot is not valid: a list of length at most 400 at series.0.values.',
  'truncated link': 'The link is damaged: it was cut short or changed.',
  'not base64url': 'The link is damaged: it was cut short or changed.',
  'deflate bomb': 'The link expands to more than a snapshot can hold.',
  'wrong passphrase': 'That passphrase is not the one this link was made with.',
  'protected link with a changed ciphertext': 'The link is damaged: it was cut short or changed.',
  'iterations beyond the cap': 'The link is damaged: its header is not valid.',
};

/** Root findings the sender's cache holds, as the background stored them. */
async function storedRootFindings(
  page: Page,
): Promise<{ entityId: string; summary: FindingMessage }[]> {
  const findings = await cacheRecordsIn<{
    entityId: string;
    summary: FindingMessage;
    parentId: string | null;
  }>(page, 'findings');
  return findings.filter((finding) => finding.parentId === null);
}

const REDACTIONS = ['aliasNames', 'dropIds', 'indexMoney'] as const;

describe('finding the viewer', () => {
  it('the options page links to it', async () => {
    const link = await options.page.waitForSelector('[data-testid="open-snapshot-viewer"]');
    expect(await link!.evaluate((anchor) => (anchor as HTMLAnchorElement).href)).toBe(
      `${EXTENSION_ORIGIN}/snapshot-viewer.html`,
    );
  });
});

describe('creating and sharing a snapshot', () => {
  let full: Snapshot;
  let secrets: string[];
  let senderRows: string[][];
  let handoffAddress: string;
  let redactedFile: Buffer;
  let unredactedFile: Buffer;
  let plainLink: string;
  let protectedLink: string;
  let markdown: string;

  it('Create snapshot opens the viewer on the campaign with the simulator’s numbers', async () => {
    const { viewer, address, since, until } = await createFromOptions(options.page, campaign.id);
    expect(address).toMatch(/#create=[0-9a-f]{32}$/);
    handoffAddress = address;
    senderRows = await viewer.kpiRows();
    expect(await viewer.text('snapshot-subject')).toBe(campaign.name);
    expect(await viewer.text('snapshot-origin')).toMatch(/^Created from your synced data/);
    // The one-time id left the address as it was used.
    expect(viewer.page.url()).toBe(`${EXTENSION_ORIGIN}/snapshot-viewer.html`);

    const before = previousPeriod({ since, until });
    const now = sim.world.totals(campaign.id, since, until);
    const then = sim.world.totals(campaign.id, before.since, before.until);
    expect(now?.spendMinor).toBeGreaterThan(0);
    for (const label of KPI_LABELS) {
      const row = senderRows.find(([shown]) => shown === label);
      expect(row?.slice(1, 3), label).toEqual([worldKpi(label, now), worldKpi(label, then)]);
    }

    redactedFile = await viewer.download('export-file', path.join(work, 'redacted'));
    const png = await viewer.download('export-png', path.join(work, 'png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
    const csv = (await viewer.download('export-csv', path.join(work, 'csv'))).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'date,Amount spent (index),Impressions,Link clicks,Purchases',
    );
    expect(csv.split('\r\n')).toHaveLength(30);
    await viewer.page.locator('[data-testid="export-markdown"]').click();
    markdown = await viewer.page.$eval(
      '[data-testid="share-output"]',
      (output) => (output as HTMLTextAreaElement).value,
    );
    for (const choice of REDACTIONS) await viewer.setRedaction(choice, false);
    unredactedFile = await viewer.download('export-file', path.join(work, 'unredacted'));
    for (const choice of REDACTIONS) await viewer.setRedaction(choice, true);
    plainLink = await viewer.createLink();
    protectedLink = await viewer.createLink(PASSPHRASE);
    await viewer.page.close();

    full = snapshotInFile(unredactedFile);
    expect(full.range).toEqual({ since, until });
    expect(full.currency).toBe('EUR');
  }, 120_000);

  it('holds the campaign’s part of the tree and the findings the sender’s Adlens stored on it', async () => {
    const tree = (level: 'adset' | 'ad') =>
      sim.world
        .entities(account.accountId, level)
        .filter((entity) => entity.campaignId === campaign.id);
    const entities = [campaign, ...tree('adset'), ...tree('ad')];
    expect(full.entities.map((entity) => entity.metaId).sort()).toEqual(
      [`act_${account.accountId}`, ...entities.map((entity) => entity.id)].sort(),
    );
    expect(full.entities[0]).toMatchObject({ level: 'account', name: account.name });
    const ids = new Set(entities.map((entity) => entity.id));
    const stored = (await storedRootFindings(options.page)).filter((finding) =>
      ids.has(finding.entityId),
    );
    // In the sender's language: the browser runs in English.
    expect(full.findings.map((finding) => finding.sentence).sort()).toEqual(
      stored.map((finding) => englishFinding(finding.summary)).sort(),
    );
    // Adlens found the planted tracking break after the sync, and the snapshot explains it.
    expect(full.findings).toContainEqual(
      expect.objectContaining({ kind: 'tracking_break', entity: full.subject }),
    );
    secrets = [
      account.accountId,
      account.name,
      account.businessId,
      account.businessName,
      ...entities.flatMap((entity) => [entity.id, entity.name]),
      // Amounts inside finding sentences (€1,240.50) are money too.
      ...full.findings.flatMap((finding) => finding.sentence.match(/€[\d,.]*\d/g) ?? []),
    ];
  });

  it('the viewer’s address is good for one read', async () => {
    const viewer = await SnapshotViewer.open(
      sender.browser,
      handoffAddress.slice(handoffAddress.indexOf('#')),
    );
    expect(await viewer.errorText()).toMatch(/already opened or has expired/);
    expect(await viewer.hasPreview()).toBe(false);
    await viewer.page.close();
  });

  it('a snapshot of the whole account adds up its campaigns', async () => {
    const { viewer, since, until } = await createFromOptions(options.page, '');
    const rows = await viewer.kpiRows();
    expect(await viewer.text('snapshot-subject')).toBe(account.name);
    const spend = worldTotals(sim.world, account.accountId, 'campaign', since, until).spend;
    expect(rows.find(([label]) => label === 'Amount spent')?.[1]).toBe(EUROS.format(spend / 100));
    await viewer.page.close();
  });

  it('Share snapshot in the Ads Manager panel opens the viewer on the panel’s campaign and days', async () => {
    const until = addDays(sim.world.today(account.accountId), -1);
    const since = addDays(until, -13);
    const tab = await AdsManagerTab.open(sender.browser, {
      accountId: account.accountId,
      // Ads Manager writes the day after the range's last as the end of `date=`.
      date: `${since}_${addDays(until, 1)}`,
      params: { selected_campaign_ids: campaign.id },
    });
    await tab.openInsightPanel();
    await tab.page.waitForSelector(
      'adlens-panel >>> [data-testid="insight-share"]:not([disabled])',
    );
    const { viewer } = await viewerOpenedBy(() =>
      tab.page.locator('adlens-panel >>> [data-testid="insight-share"]').click(),
    );
    const rows = await viewer.kpiRows();
    expect(await viewer.text('snapshot-subject')).toBe(campaign.name);
    expect(await viewer.text('snapshot-period')).toMatch(
      new RegExp(`^${englishDay(since)} – ${englishDay(until)}, against `),
    );
    expect(rows.find(([label]) => label === 'Amount spent')?.[1]).toBe(
      worldKpi('Amount spent', sim.world.totals(campaign.id, since, until)),
    );
    await viewer.page.close();
    await tab.page.close();
  }, 90_000);

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
      expectRedactedRows(rows, senderRows);
      expect(rows.map(([label]) => label).slice(0, 2)).toEqual([
        'Amount spent (index)',
        'Impressions',
      ]);
      // Counts and ratios are untouched by redaction: the same as the sender saw them.
      const unchanged = rows.filter(([label]) => !label?.endsWith('(index)'));
      expect(unchanged.map(([label]) => label)).toEqual(
        expect.arrayContaining(['Impressions', 'Purchases', 'CTR (link)', 'ROAS']),
      );
      expect(unchanged).toEqual(senderRows.filter((row) => unchanged.some(([l]) => l === row[0])));
      expect(await viewer.text('snapshot-facts')).toMatch(
        /Names.*Replaced with aliases.*Ids.*Removed/,
      );
      // The same findings, speaking of the campaign by its alias and never by its name.
      const items = await viewer.findings();
      expect(items).toHaveLength(full.findings.length);
      expect(items.some((item) => item.includes('Campaign A'))).toBe(true);
      for (const item of items) expect(item).not.toContain(campaign.name);
      expect(await storedSnapshots(teammate.browser)).toBe('[]');

      await viewer.page.locator('[data-testid="snapshot-save"]').click();
      await viewer.page.waitForSelector('[data-testid="saved-snapshot"]');
      // A date as the reader writes it ("Jan 6, 2027"), not ISO.
      expect(await viewer.text('snapshot-status')).toMatch(
        /^Saved in this browser until [A-Z][a-z]{2} \d{1,2}, \d{4}\.$/,
      );
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
      expectRedactedRows(await viewer.kpiRows(), senderRows);
      // Read once, then gone from the address bar (and so from history and bookmarks).
      expect(viewer.page.url()).not.toContain('#s=');
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
      expectRedactedRows(await viewer.kpiRows(), senderRows);
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
        const expected = CORPUS_ERRORS[entry.name] ?? '';
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
        expect(expected, `the message for ${entry.name}`).not.toBe('');
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
