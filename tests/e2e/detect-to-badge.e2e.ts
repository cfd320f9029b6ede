import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../sim/start';
import type { PlantedAnomaly, SimAccount, SimEntity } from '../sim/world/types';
import type { AdlensBrowser } from '../support/e2e/browser';
import { startConnectedAdlens, type ConnectedAdlens } from '../support/e2e/fixture';
import { AdsManagerTab, type AdsManagerLocation } from '../support/e2e/pages';
import { SyncSection } from '../support/e2e/sync';

/**
 * From a problem planted in the simulated Meta to the badge a media buyer sees, with nothing
 * written by the test in between: the planted anomalies still going on in the EUR and JPY accounts
 * (tracking break, CPM surge, CPA jump, creative fatigue, delivery stop, on campaigns, ad sets and
 * ads), a real sync from the options page, the anomaly engine the background runs after it, and
 * the overlay in the simulated Ads Manager. For each planted problem the drill-down a user would
 * open (the campaigns; the ad sets of its campaign; the ads of its ad set) is open during the sync,
 * as a user's tabs would be. When the sync ends a tab asks the background again about every row in
 * view in one go and paints them all with the answer, so once a planted row's badge is there,
 * every other row in view was answered too: a clean row without a badge is a real "nothing
 * wrong", not a question not yet answered.
 */
let adlens: ConnectedAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;

/** Words a user would expect in the badge's sentence for each planted kind. */
const WORDING: Record<PlantedAnomaly['kind'], RegExp> = {
  tracking_break: /tracking|conversion/i,
  creative_fatigue: /fatigue|frequency|CTR/i,
  delivery_stop: /deliver/i,
  cpm_surge: /CPM/,
  cpa_jump: /CPA|cost per/i,
  spend_spike: /spend/i,
};

interface Drilldown {
  readonly label: string;
  readonly location: AdsManagerLocation;
  readonly planted: readonly PlantedAnomaly[];
  tab?: AdsManagerTab;
}

const drilldowns: Drilldown[] = [];

/** The views a user opens to see each planted problem still going on in the account. */
function drilldownsOf(account: SimAccount): Drilldown[] {
  const ongoing = sim.world.anomalies.filter(
    (anomaly) => anomaly.accountId === account.accountId && anomaly.endDate === undefined,
  );
  const accountId = account.accountId;
  const name = `${account.currency} account`;
  return [
    {
      label: `${name}, campaigns`,
      location: { accountId, tab: 'campaigns' },
      planted: ongoing.filter((anomaly) => anomaly.level === 'campaign'),
    },
    ...ongoing
      .filter((anomaly) => anomaly.level !== 'campaign')
      .map((anomaly): Drilldown => {
        const planted = entity(anomaly.entityId);
        // A planted problem sits alone in its subtree: a clean neighbour's rows go beside it.
        return anomaly.level === 'adset'
          ? {
              label: `${name}, the ad sets of ${planted.name}’s campaign and a clean one`,
              location: {
                accountId,
                tab: 'adsets',
                params: {
                  selected_campaign_ids: `${planted.campaignId!},${cleanParent(account, 'campaign')}`,
                },
              },
              planted: [anomaly],
            }
          : {
              label: `${name}, the ads of ${planted.name}’s ad set and a clean one`,
              location: {
                accountId,
                tab: 'ads',
                params: {
                  selected_adset_ids: `${planted.adsetId!},${cleanParent(account, 'adset')}`,
                },
              },
              planted: [anomaly],
            };
      }),
  ];
}

/** A delivering campaign or ad set no planted problem touches, with delivering children. */
function cleanParent(account: SimAccount, level: 'campaign' | 'adset'): string {
  const childLevel = level === 'campaign' ? 'adset' : 'ad';
  const delivering = (candidate: SimEntity) => candidate.effectiveStatus === 'ACTIVE';
  const parent = sim.world
    .entities(account.accountId, level)
    .filter((candidate) => delivering(candidate) && !touchedByAPlantedProblem(candidate.id))
    .find((candidate) =>
      sim.world
        .entities(account.accountId, childLevel)
        .some((child) => delivering(child) && lineage(child.id).includes(candidate.id)),
    );
  if (!parent) throw new Error(`The ${account.currency} account has no clean ${level}`);
  return parent.id;
}

beforeAll(async () => {
  adlens = await startConnectedAdlens({ simulator: { withoutLargeAccount: true } });
  ({ sim, chromium } = adlens);
  const { options } = adlens;
  const accounts = (['EUR', 'JPY'] as const).map((currency) =>
    sim.world.accounts.find((candidate) => candidate.currency === currency)!,
  );
  drilldowns.push(...accounts.flatMap(drilldownsOf));
  // Every drill-down has a planted problem to wait for, and all three levels are covered.
  expect(drilldowns.map((drilldown) => drilldown.planted.length > 0)).toEqual(
    drilldowns.map(() => true),
  );
  expect(new Set(drilldowns.flatMap((d) => d.planted.map((anomaly) => anomaly.level)))).toEqual(
    new Set(['campaign', 'adset', 'ad']),
  );

  for (const drilldown of drilldowns) {
    drilldown.tab = await AdsManagerTab.open(chromium.browser, drilldown.location);
    await drilldown.tab.waitForTableRows();
  }
  await options.page.bringToFront();
  const sync = new SyncSection(options.page);
  for (const account of accounts) await sync.sync(`act_${account.accountId}`);
}, 300_000);

afterAll(() => adlens?.close());

function entity(id: string): SimEntity {
  const found = sim.world.entity(id);
  if (!found) throw new Error(`The world has no entity ${id}`);
  return found;
}

/** The entity's campaign and ad set, and the entity itself. */
function lineage(id: string): string[] {
  const { campaignId, adsetId } = entity(id);
  return [id, ...(campaignId ? [campaignId] : []), ...(adsetId ? [adsetId] : [])];
}

/**
 * Entities a planted problem touches: the planted one, its campaign and ad set (their numbers
 * include its problem), and everything under it, ended problems too. Any other entity is clean.
 */
function touchedByAPlantedProblem(id: string): boolean {
  return sim.world.anomalies.some(
    (anomaly) => lineage(anomaly.entityId).includes(id) || lineage(id).includes(anomaly.entityId),
  );
}

describe('a planted problem, synced and detected, badged on its row', () => {
  // EUR: campaigns, the fatigued ad's ad set; JPY: campaigns, the CPA jump's ad sets, the stopped ad's ad set.
  for (const index of [0, 1, 2, 3, 4]) {
    it(`drill-down ${index + 1}: the planted row has a badge in words, and no clean row has one`, async () => {
      const { tab, planted, label } = drilldowns[index]!;
      expect(drilldowns).toHaveLength(5);
      await tab!.page.bringToFront();
      for (const anomaly of planted) {
        const badge = await tab!.waitForBadge(anomaly.entityId);
        expect(badge.sentence, `${anomaly.kind} on ${entity(anomaly.entityId).name}`).toMatch(
          WORDING[anomaly.kind],
        );
        expect(['critical', 'warning', 'info']).toContain(badge.severity);
        expect(Number(badge.count)).toBeGreaterThanOrEqual(1);
      }
      const rows = await tab!.rows();
      const clean = rows.filter((row) => row.entityId && !touchedByAPlantedProblem(row.entityId));
      // The view shows clean rows to check, or this check could not fail.
      expect(clean.length, label).toBeGreaterThan(0);
      const falseAlarms = clean
        .filter((row) => row.badges.length > 0)
        .map((row) => `${row.name} (${row.entityId}): ${row.badges[0]!.sentence}`);
      expect(falseAlarms, `badges on clean rows in ${label}`).toEqual([]);
      // Every badge in view speaks for the row it is on.
      for (const row of rows) {
        for (const badge of row.badges) expect(badge.entityId).toBe(row.entityId);
      }
    }, 60_000);
  }
});
