import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousPeriod } from '@/lib/share/dates';
import { decodeSnapshotBytes } from '@/lib/share/decode';
import { formatMetric, METRIC_LABELS } from '@/lib/share/format';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/share/redact';
import type { Metric, Snapshot } from '@/lib/share/schema';
import { startSimulator, type RunningSimulator } from '../sim/start';
import type { RangeStats, SimAccount, SimEntity } from '../sim/world/types';
import { PASSPHRASE } from '../unit/share/corpus';
import { EXTENSION_ORIGIN, launchAdlensBrowser, type AdlensBrowser } from './harness/browser';
import { OptionsPage } from './harness/pages';
import { SyncSection } from './harness/sync';
import { expectedRows, SnapshotViewer } from './harness/snapshot-viewer';
import { worldTotals } from './harness/world-totals';

/**
 * Creating a snapshot (issue 7) from what Adlens synced: the options page's "Create snapshot"
 * opens the viewer on it, the exported file and links carry the simulator's own numbers to a
 * teammate's fresh profile, and the redacted bytes hold no id or real name.
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
  work = mkdtempSync(path.join(os.tmpdir(), 'adlens-snapshot-create-'));
  account = sim.world.accounts.find((candidate) => candidate.currency === 'EUR')!;
  // The campaign holding the account's planted spend spike, so the snapshot has something to say.
  const spike = sim.world.anomalies.find(
    (anomaly) => anomaly.accountId === account.accountId && anomaly.kind === 'spend_spike',
  )!;
  campaign = sim.world.entity(sim.world.entity(spike.entityId)!.campaignId!)!;
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

/** The options page's Create snapshot form; resolves to the viewer tab it opens and the range. */
async function createFromOptions(
  page: Page,
  subjectId: string,
): Promise<{ viewer: SnapshotViewer; address: string; since: string; until: string }> {
  await page.reload({ waitUntil: 'domcontentloaded' });
  const accountId = `act_${account.accountId}`;
  await page.waitForSelector(`[data-testid="snapshot-account"] option[value="${accountId}"]`);
  await page.select('[data-testid="snapshot-account"]', accountId);
  await page.waitForSelector(`[data-testid="snapshot-subject"] option[value="${subjectId}"]`);
  await page.select('[data-testid="snapshot-subject"]', subjectId);
  const value = (testId: string) =>
    page.$eval(`[data-testid="${testId}"]`, (input) => (input as HTMLInputElement).value);
  const [since, until] = [await value('snapshot-since'), await value('snapshot-until')];
  const opened = sender.browser.waitForTarget((target) =>
    target.url().startsWith(`${EXTENSION_ORIGIN}/snapshot-viewer.html`),
  );
  await page.locator('[data-testid="snapshot-create"]').click();
  const target = await opened;
  const address = target.url();
  const tab = await target.page();
  return { viewer: new SnapshotViewer(tab!), address, since, until };
}

const REDACTIONS = ['aliasNames', 'dropIds', 'indexMoney'] as const;

/** A KPI as the viewer shows it (this period, previous period), from the simulator's totals. */
function worldKpi(metric: Metric, stats: RangeStats | undefined): string {
  const values: Partial<Record<Metric, number>> = {
    spend: (stats?.spendMinor ?? 0) / 100,
    impressions: stats?.impressions ?? 0,
    conversions: stats?.purchases ?? 0,
    conversion_value: (stats?.purchaseValueMinor ?? 0) / 100,
  };
  return formatMetric(metric, values[metric] ?? null, account.currency);
}

describe('creating a snapshot from the options page', () => {
  let created: Snapshot;
  let senderRows: string[][];
  let redactedFile: Buffer;
  let plainLink: string;
  let protectedLink: string;
  let secrets: string[];
  let handoffAddress: string;

  it('opens the viewer on the chosen campaign with the simulator’s numbers', async () => {
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
    for (const metric of ['spend', 'impressions', 'conversions', 'conversion_value'] as const) {
      const row = senderRows.find(([label]) => label === METRIC_LABELS[metric]);
      expect(row?.slice(1, 3), metric).toEqual([worldKpi(metric, now), worldKpi(metric, then)]);
    }
    expect(now?.spendMinor).toBeGreaterThan(0);

    for (const choice of REDACTIONS) await viewer.setRedaction(choice, false);
    created = await decodeSnapshotBytes(
      await viewer.download('export-file', path.join(work, 'unredacted')),
    );
    for (const choice of REDACTIONS) await viewer.setRedaction(choice, true);
    expect(created.range).toEqual({ since, until });
    expect(created.entities[0]).toMatchObject({
      name: account.name,
      metaId: `act_${account.accountId}`,
    });
    const adsets = sim.world
      .entities(account.accountId, 'adset')
      .filter((entity) => entity.campaignId === campaign.id);
    const ads = sim.world
      .entities(account.accountId, 'ad')
      .filter((entity) => entity.campaignId === campaign.id);
    expect(created.entities.map((entity) => entity.metaId).sort()).toEqual(
      [
        `act_${account.accountId}`,
        campaign.id,
        ...adsets.map((e) => e.id),
        ...ads.map((e) => e.id),
      ].sort(),
    );
    secrets = [
      account.accountId,
      account.name,
      account.businessId,
      account.businessName,
      ...[campaign, ...adsets, ...ads].flatMap((entity) => [entity.id, entity.name]),
    ];

    redactedFile = await viewer.download('export-file', path.join(work, 'redacted'));
    plainLink = await viewer.createLink();
    protectedLink = await viewer.createLink(PASSPHRASE);
    await viewer.page.close();
  }, 120_000);

  it('the exported bytes, by default, hold no account id, business, id or real name', () => {
    const bytes = redactedFile.toString('utf8');
    for (const secret of secrets) {
      expect(bytes, secret).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    expect(bytes).toContain('"name": "Campaign A"');
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

  it('the whole account: its campaigns, with the simulator’s total spend', async () => {
    const { viewer, since, until } = await createFromOptions(options.page, '');
    const rows = await viewer.kpiRows();
    expect(await viewer.text('snapshot-subject')).toBe(account.name);
    const spend = worldTotals(sim.world, account.accountId, 'campaign', since, until).spend;
    expect(rows.find(([label]) => label === 'Spend')?.[1]).toBe(
      formatMetric('spend', spend / 100, account.currency),
    );
    await viewer.page.close();
  });

  describe('in a teammate’s fresh browser profile', () => {
    let teammate: AdlensBrowser;

    beforeAll(async () => {
      teammate = await launchAdlensBrowser(sim.routing);
    });

    afterAll(async () => {
      await teammate?.close();
    });

    it('the redacted file shows the same counts and the redacted money', async () => {
      const file = path.join(work, 'from-sender.adlens.json');
      writeFileSync(file, redactedFile);
      const viewer = await SnapshotViewer.open(teammate.browser);
      await viewer.uploadFile(file);
      const rows = await viewer.kpiRows();
      expect(rows).toEqual(expectedRows(redactSnapshot(created, DEFAULT_REDACTION)));
      const counts = (table: string[][]) =>
        table.filter(([label]) => label === 'Impressions' || label === 'Conversions');
      expect(counts(rows)).toEqual(counts(senderRows));
      expect(counts(rows)).toHaveLength(2);
      expect(await viewer.text('snapshot-subject')).toBe('Campaign A');
      await viewer.page.close();
    });

    it('links round trip, with and without a passphrase', async () => {
      const expected = expectedRows(redactSnapshot(created, DEFAULT_REDACTION));
      const plain = await SnapshotViewer.open(
        teammate.browser,
        plainLink.slice(plainLink.indexOf('#')),
      );
      expect(await plain.kpiRows()).toEqual(expected);
      await plain.page.close();

      const locked = await SnapshotViewer.open(teammate.browser);
      await locked.pasteLink(protectedLink);
      expect(await locked.hasPreview()).toBe(false);
      await locked.unlock(PASSPHRASE);
      expect(await locked.kpiRows()).toEqual(expected);
      await locked.page.close();
    });
  });
});
