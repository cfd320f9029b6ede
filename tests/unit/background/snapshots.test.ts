import { beforeEach, describe, expect, it, vi } from 'vitest';
import { formatterFor, message } from '@/lib/anomaly/format';
import { englishText, useEnglishCatalogue } from '../components/catalogue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlers } from '@/entrypoints/background/handlers';
import { cacheDb } from '@/lib/cache/db';
import { clearOwnedSettings } from '@/lib/settings/owned';
import type { EntityRecord } from '@/lib/cache/entities';
import type { StoredFinding } from '@/lib/cache/findings';
import { SeriesSlice, writeSeriesSlice } from '@/lib/cache/series';
import { initialSyncState, writeSyncState } from '@/lib/cache/sync-state';
import { wipeCache } from '@/lib/cache/wipe';
import { entityRecord } from '../fixtures/entity';
import { createMessageRouter } from '@/lib/messaging/server';
import { INSIGHT_METRICS } from '@/lib/schema/insights';
import { updateSyncSettings } from '@/lib/settings/sync';
import { handoffIdOf, takeSnapshot } from '@/lib/snapshots/transport/handoff';
import { addDays, epochDayOf } from '@/lib/util/dates';
import { adsManager, extensionPage as optionsPage, identity } from '@/tests/unit/messaging/senders';

/** Creating a snapshot in the background from a seeded cache, through the real message router. */
const route = createMessageRouter(handlers, { identity });
const call = (command: string, payload: unknown, sender: unknown = optionsPage) =>
  route({ command, payload }, sender);

const ACCOUNT = 'act_42';
const CAMPAIGN = '11';
const ADSET = '12';
const AD = '13';
const SYNCED_UNTIL = '2026-11-20';
const SYNCED_SINCE = addDays(SYNCED_UNTIL, -89);
const UNTIL = addDays(SYNCED_UNTIL, -1);
const SINCE = addDays(UNTIL, -27);
const SPEND = INSIGHT_METRICS.indexOf('spend');
const PURCHASES = INSIGHT_METRICS.indexOf('purchases');

/** A day's spend in cents: 1,000 plus the day's offset, so every period has a distinct total. */
const spendOn = (day: number) => 1000 + (day - epochDayOf(SYNCED_SINCE));

function entity(level: EntityRecord['level'], entityId: string, name: string): EntityRecord {
  return entityRecord({
    accountId: ACCOUNT,
    level,
    entityId,
    name,
    campaignId: level === 'campaign' ? null : CAMPAIGN,
    adsetId: level === 'ad' ? ADSET : null,
  });
}

function finding(
  entityId: string,
  parentId: string | null,
  summary: StoredFinding['summary'],
): StoredFinding {
  return {
    accountId: ACCOUNT,
    findingId: `spend_spike:${entityId}:2026-11-10`,
    parentId,
    kind: 'spend_spike',
    entityId,
    level: entityId === CAMPAIGN ? 'campaign' : 'adset',
    metric: 'spend',
    severity: 'critical',
    direction: 'up',
    startDate: '2026-11-10',
    latestDate: '2026-11-10',
    actual: 5000,
    expected: 1000,
    lower: 800,
    upper: 1200,
    score: 0.9,
    summary,
    nextStep: message('findingSpendSpikeNext'),
    detectedAt: 0,
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  useEnglishCatalogue();
  await clearOwnedSettings();
  await wipeCache();
  await cacheDb().accounts.put({
    accountId: ACCOUNT,
    name: 'Acme GmbH',
    currency: 'EUR',
    timezoneName: 'Europe/Berlin',
    timezoneOffsetHoursUtc: 1,
    status: 1,
    businessId: '777',
    businessName: 'Acme Holding',
  });
  await cacheDb().entities.bulkPut([
    entity('campaign', CAMPAIGN, 'Winter sale'),
    entity('adset', ADSET, 'Lookalike DE'),
    entity('ad', AD, 'Carousel'),
    entity('campaign', '21', 'Other campaign'),
  ]);
  const [first, last] = [epochDayOf(SYNCED_SINCE), epochDayOf(SYNCED_UNTIL)];
  for (const level of ['campaign', 'adset', 'ad'] as const) {
    const slice = new SeriesSlice(first, last);
    for (let day = first; day <= last; day++) {
      const values = INSIGHT_METRICS.map(() => 0);
      values[SPEND] = spendOn(day);
      values[PURCHASES] = 2;
      slice.set(level === 'campaign' ? CAMPAIGN : level === 'adset' ? ADSET : AD, day, values);
    }
    await writeSeriesSlice(ACCOUNT, level, slice);
  }
  const range = { since: SYNCED_SINCE, until: SYNCED_UNTIL };
  await writeSyncState({
    ...initialSyncState(ACCOUNT),
    coverage: { campaign: range, adset: range, ad: range },
  });
  await cacheDb().findings.bulkAdd([
    finding(CAMPAIGN, null, spike(5_000)),
    finding(ADSET, `spend_spike:${CAMPAIGN}:2026-11-10`, spike(4_000)),
  ]);
});

/** A spend spike's sentence: its day's spend, against a usual €10.00 a day. */
function spike(minor: number) {
  const format = formatterFor('EUR');
  return message(
    'findingSpendSpike',
    format.money(minor),
    { type: 'date', value: '2026-11-10' },
    format.decimal(minor / 1_000),
    format.money(1_000),
  );
}

function totalSpend(since: string, until: string): number {
  let cents = 0;
  for (let day = epochDayOf(since); day <= epochDayOf(until); day++) cents += spendOn(day);
  return cents / 100;
}

const campaignRequest = {
  accountId: ACCOUNT,
  subject: { level: 'campaign', entityId: CAMPAIGN },
  since: SINCE,
  until: UNTIL,
};

describe('snapshots.prepare', () => {
  it('builds the campaign’s snapshot from the cache and leaves it for the viewer, once', async () => {
    const reply = await call('snapshots.prepare', campaignRequest);
    expect(reply).toMatchObject({ ok: true });
    const { handoffId } = (reply as { data: { handoffId: string } }).data;
    expect(handoffId).toMatch(/^[0-9a-f]{32}$/);
    const snapshot = await takeSnapshot(handoffId);

    expect(snapshot.range).toEqual({ since: SINCE, until: UNTIL });
    expect(snapshot.entities.map((node) => [node.level, node.name])).toEqual([
      ['account', 'Acme GmbH'],
      ['campaign', 'Winter sale'],
      ['adset', 'Lookalike DE'],
      ['ad', 'Carousel'],
    ]);
    expect(snapshot.subject).toBe(1);
    const kpi = (metric: string) => snapshot.kpis.find((entry) => entry.metric === metric);
    expect(kpi('spend')).toEqual({
      metric: 'spend',
      current: totalSpend(SINCE, UNTIL),
      previous: totalSpend(addDays(SINCE, -28), addDays(SINCE, -1)),
    });
    expect(kpi('conversions')).toEqual({ metric: 'conversions', current: 56, previous: 56 });
    const spend = snapshot.series.find((line) => line.metric === 'spend');
    expect(spend?.values).toHaveLength(28);
    expect(spend?.values[0]).toBe(spendOn(epochDayOf(SINCE)) / 100);
    // The root cause, not the finding it explains, which would only repeat it, in the sender's
    // language: a snapshot is a document its sender writes.
    expect(
      snapshot.findings.map((entry) => [entry.entity, entry.sentence, entry.nextStep]),
    ).toEqual([
      [
        1,
        'Spent €50.00 on Nov 10, 5.0x its usual €10.00 a day.',
        englishText('findingSpendSpikeNext'),
      ],
    ]);
    await expect(takeSnapshot(handoffId)).rejects.toMatchObject({ code: 'handoff-gone' });
  });

  it('carries the conversions of a snapshot as unknown once Adlens no longer reads them', async () => {
    await updateSyncSettings({ metricGroups: ['reach', 'clicks'] });
    const reply = await call('snapshots.prepare', campaignRequest);
    const snapshot = await takeSnapshot((reply as { data: { handoffId: string } }).data.handoffId);
    const kpi = (metric: string) => snapshot.kpis.find((entry) => entry.metric === metric);
    expect(kpi('conversions')).toEqual({ metric: 'conversions', current: null, previous: null });
    expect(kpi('spend')?.current).toBe(totalSpend(SINCE, UNTIL));
    const conversions = snapshot.series.find((line) => line.metric === 'conversions');
    expect(conversions?.values.every((value) => value === null)).toBe(true);
  });

  it('for the whole account: its campaigns, and nothing of the business', async () => {
    const reply = await call('snapshots.prepare', { ...campaignRequest, subject: null });
    const snapshot = await takeSnapshot((reply as { data: { handoffId: string } }).data.handoffId);
    expect(snapshot.entities.map((node) => node.name)).toEqual([
      'Acme GmbH',
      'Winter sale',
      'Other campaign',
    ]);
    expect(snapshot.subject).toBe(0);
    expect(JSON.stringify(snapshot)).not.toMatch(/Acme Holding|777/);
  });

  it('refuses days the cache does not cover, an unknown entity, and stores nothing', async () => {
    const early = await call('snapshots.prepare', {
      ...campaignRequest,
      since: addDays(SYNCED_SINCE, -1),
    });
    expect(early).toMatchObject({ ok: false, error: { code: 'not-synced' } });
    expect(JSON.stringify(early)).toContain(`Adlens has synced ${SYNCED_SINCE} to ${SYNCED_UNTIL}`);
    const unknown = await call('snapshots.prepare', {
      ...campaignRequest,
      subject: { level: 'adset', entityId: CAMPAIGN },
    });
    expect(unknown).toMatchObject({ ok: false, error: { message: /has not synced this/ } });
    expect(await fakeBrowser.storage.session.get()).toEqual({});
  });

  it('is for extension pages only', async () => {
    expect(await call('snapshots.prepare', campaignRequest, adsManager)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });
});

describe('disconnecting', () => {
  it('drops snapshots no viewer has opened yet, with the rest of the synced data', async () => {
    const reply = await call('snapshots.prepare', campaignRequest);
    const { handoffId } = (reply as { data: { handoffId: string } }).data;
    expect(await call('auth.disconnect', {})).toMatchObject({ ok: true });
    await expect(takeSnapshot(handoffId)).rejects.toMatchObject({ code: 'handoff-gone' });
  });
});

describe('snapshots.open', () => {
  it('opens the viewer on the snapshot in a tab of its own and tells Ads Manager nothing', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await call('snapshots.open', campaignRequest, adsManager)).toEqual({
      ok: true,
      data: {},
    });
    const url = new URL(create.mock.calls[0]![0].url!);
    expect(url.pathname).toBe('/snapshot-viewer.html');
    const snapshot = await takeSnapshot(handoffIdOf(url.hash)!);
    expect(snapshot.entities[snapshot.subject]?.name).toBe('Winter sale');
    // A page asking again at once opens nothing more.
    expect(await call('snapshots.open', campaignRequest, adsManager)).toMatchObject({
      ok: false,
      error: { code: 'rate-limited' },
    });
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('is for Ads Manager only', async () => {
    expect(await call('snapshots.open', campaignRequest)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });
});

describe('snapshots.subjects', () => {
  it('lists the account’s campaigns by name with the latest synced day', async () => {
    expect(await call('snapshots.subjects', { accountId: ACCOUNT })).toEqual({
      ok: true,
      data: {
        campaigns: [
          { entityId: '21', name: 'Other campaign' },
          { entityId: CAMPAIGN, name: 'Winter sale' },
        ],
        latestDay: SYNCED_UNTIL,
      },
    });
  });
});
