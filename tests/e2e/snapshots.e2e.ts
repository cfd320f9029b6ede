import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_DATABASE } from '@/lib/cache/db';
import { previousPeriod } from '@/lib/util/dates';
import { decodeSnapshotBytes } from '@/lib/share/decode';
import { SnapshotError } from '@/lib/share/errors';
import { formatMetric, METRIC_LABELS } from '@/lib/share/format';
import { openShareLink, readShareLink } from '@/lib/share/link';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/share/redact';
import type { Metric, Snapshot } from '@/lib/share/schema';
import { SNAPSHOT_DATABASE } from '@/lib/share/snapshot-store';
import { addDays } from '@/lib/util/dates';
import { findingViews } from '@/lib/share/view';
import { startSimulator, type RunningSimulator } from '../sim/start';
import type { RangeStats, SimAccount, SimEntity } from '../sim/world/types';
import { hostileCorpus, PASSPHRASE } from '../unit/share/corpus';
import { EXTENSION_ORIGIN, launchAdlensBrowser, type AdlensBrowser } from './harness/browser';
import { AdsManagerTab, BackgroundWorker, OptionsPage } from './harness/pages';
import { expectedRows, SnapshotViewer } from './harness/snapshot-viewer';
import { SyncSection } from './harness/sync';
import { worldTotals } from './harness/world-totals';

/**
 * Team snapshots end to end (issue 7): a media buyer syncs an account from the simulator, creates
 * a snapshot of a campaign in the options page, and exports a redacted file and links from the
 * viewer; a teammate opens them in a fresh browser profile and sees the same numbers; the hostile
 * corpus fails with clear errors and stores nothing.
 */
let sim: RunningSimulator;
let sender: AdlensBrowser;
let options: OptionsPage;
let work: string;
let account: SimAccount;
let campaign: SimEntity;

beforeAll(async () => {
  sim = await startSimulator();
  sender = await launchAdlensBrowser(sim.routing);
  work = mkdtempSync(path.join(os.tmpdir(), 'adlens-snapshots-'));
  account = sim.world.accounts.find((candidate) => candidate.currency === 'EUR')!;
  // The campaign with the account's planted tracking break, so the snapshot has something to say.
  const planted = sim.world.anomalies.find(
    (anomaly) => anomaly.accountId === account.accountId && anomaly.kind === 'tracking_break',
  )!;
  campaign = sim.world.entity(planted.entityId)!;
  options = await OptionsPage.open(sender.browser);
  await options.connectWithToken(sim.control.demoToken);
  await options.waitForStatus('Connected as Demo Media Buyer');
  await new SyncSection(options.page).sync(`act_${account.accountId}`);
}, 240_000);

afterAll(async () => {
  await sender?.close();
  await sim?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function storedSnapshots(browser: Browser): Promise<string> {
  const worker = await BackgroundWorker.attach(browser);
  return (await worker.indexedDbDump())[SNAPSHOT_DATABASE]?.snapshots ?? '[]';
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
  await page.waitForSelector(`[data-testid="snapshot-account"] option[value="${accountId}"]`);
  await page.select('[data-testid="snapshot-account"]', accountId);
  await page.waitForSelector(`[data-testid="snapshot-subject"] option[value="${subjectId}"]`);
  await page.select('[data-testid="snapshot-subject"]', subjectId);
  // The days appear once the account's synced days have loaded.
  await page.waitForFunction(() =>
    ['snapshot-since', 'snapshot-until'].every(
      (testId) => document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)?.value,
    ),
  );
  const value = (testId: string) =>
    page.$eval(`[data-testid="${testId}"]`, (input) => (input as HTMLInputElement).value);
  const [since, until] = [await value('snapshot-since'), await value('snapshot-until')];
  const { viewer, address } = await viewerOpenedBy(() =>
    page.locator('[data-testid="snapshot-create"]').click(),
  );
  return { viewer, address, since, until };
}

/** A KPI as the viewer shows it, from the simulator's own totals. */
function worldKpi(metric: Metric, stats: RangeStats | undefined): string {
  const values: Partial<Record<Metric, number>> = {
    spend: (stats?.spendMinor ?? 0) / 100,
    impressions: stats?.impressions ?? 0,
    conversions: stats?.purchases ?? 0,
    conversion_value: (stats?.purchaseValueMinor ?? 0) / 100,
  };
  return formatMetric(metric, values[metric] ?? null, account.currency);
}

/** Root findings the sender's cache holds, as the background stored them. */
async function storedRootFindings(page: Page): Promise<{ entityId: string; summary: string }[]> {
  const dump = await page.evaluate(async (database) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(database);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    return new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction('findings').objectStore('findings').getAll();
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    });
  }, CACHE_DATABASE);
  return (dump as { entityId: string; summary: string; parentId: string | null }[]).filter(
    (finding) => finding.parentId === null,
  );
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
    for (const metric of ['spend', 'impressions', 'conversions', 'conversion_value'] as const) {
      const row = senderRows.find(([label]) => label === METRIC_LABELS[metric]);
      expect(row?.slice(1, 3), metric).toEqual([worldKpi(metric, now), worldKpi(metric, then)]);
    }

    redactedFile = await viewer.download('export-file', path.join(work, 'redacted'));
    const png = await viewer.download('export-png', path.join(work, 'png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
    const csv = (await viewer.download('export-csv', path.join(work, 'csv'))).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('date,Spend (index),Impressions,Link clicks,Conversions');
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

    full = await decodeSnapshotBytes(unredactedFile);
    expect(full.range).toEqual({ since, until });
    expect(expectedRows(full)).toEqual(senderRows);
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
    expect(full.findings.map((finding) => finding.sentence).sort()).toEqual(
      stored.map((finding) => finding.summary).sort(),
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
    expect(rows.find(([label]) => label === 'Spend')?.[1]).toBe(
      formatMetric('spend', spend / 100, account.currency),
    );
    await viewer.page.close();
  });

  it('Share snapshot in the Ads Manager panel opens the viewer on the panel’s campaign and days', async () => {
    const until = addDays(sim.world.today(account.accountId), -1);
    const since = addDays(until, -13);
    const tab = await AdsManagerTab.open(sender.browser, {
      accountId: account.accountId,
      date: `${since}_${until}`,
      params: { selected_campaign_ids: campaign.id },
    });
    await tab.page.locator('adlens-panel >>> [data-testid="open-insights"]').click();
    await tab.page.waitForSelector(
      'adlens-panel >>> [data-testid="insight-share"]:not([disabled])',
      {
        timeout: 30_000,
      },
    );
    const { viewer } = await viewerOpenedBy(() =>
      tab.page.locator('adlens-panel >>> [data-testid="insight-share"]').click(),
    );
    const rows = await viewer.kpiRows();
    expect(await viewer.text('snapshot-subject')).toBe(campaign.name);
    expect(await viewer.text('snapshot-period')).toMatch(new RegExp(`^${since} to ${until},`));
    expect(rows.find(([label]) => label === 'Spend')?.[1]).toBe(
      worldKpi('spend', sim.world.totals(campaign.id, since, until)),
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
      expect(rows).toEqual(expectedRows(redactSnapshot(full, DEFAULT_REDACTION)));
      // Counts and ratios are untouched by redaction: the same as the sender saw them.
      const unchanged = rows.filter(([label]) => !label?.endsWith('(index)'));
      expect(unchanged.map(([label]) => label)).toEqual(
        expect.arrayContaining(['Impressions', 'Conversions', 'CTR', 'ROAS']),
      );
      expect(unchanged).toEqual(senderRows.filter((row) => unchanged.some(([l]) => l === row[0])));
      expect(await viewer.text('snapshot-facts')).toMatch(
        /Names.*Replaced with aliases.*Ids.*Removed/,
      );
      const views = findingViews(redactSnapshot(full, DEFAULT_REDACTION));
      const items = await viewer.findings();
      expect(items).toHaveLength(views.length);
      views.forEach((view, index) => expect(items[index]).toContain(view.sentence));
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
