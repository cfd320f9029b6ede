import type { ElementHandle, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantedSegment } from '../sim/graph/insights/breakdowns';
import type { WireRecord } from '../sim/server';
import type { RunningSimulator } from '../sim/start';
import type { PlantedAnomaly, SimAccount, SimEntity } from '../sim/world/types';
import { addDays } from '@/lib/util/dates';
import { EXTENSION_ORIGIN, type AdlensBrowser } from '../support/e2e/browser';
import { startConnectedAdlens, type ConnectedAdlens } from '../support/e2e/fixture';
import { AdsManagerTab, type OptionsPage } from '../support/e2e/pages';
import { SyncSection } from '../support/e2e/sync';
import { tokenOutsideAuthorization } from '../support/e2e/wire';

/**
 * Explain as a media buyer uses it, production build in Chromium: after a real sync of the JPY
 * account, the badge on the campaign with the planted CPM surge opens the insight panel, Explain
 * on its finding reads Meta's breakdowns then and only then, and the panel names the placement the
 * simulator planted behind the surge, with the shares and ratios the simulator's own breakdown
 * answer gives for the same days (computed and formatted here). The three requests are in the
 * options page's API call log and on the wire with the token only in the Authorization header. A
 * finding with nothing planted behind it (a delivery stop) says nothing stands out.
 */
let adlens: ConnectedAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;
let options: OptionsPage;
let account: SimAccount;

const PANEL = 'adlens-panel >>>';

/** Placements as Ads Manager's Breakdown menu names them. */
const PLACEMENT_NAMES: Readonly<Record<string, string>> = {
  'facebook/feed': 'Facebook Feed',
  'facebook/facebook_reels': 'Facebook Reels',
  'facebook/facebook_stories': 'Facebook Stories',
  'facebook/marketplace': 'Facebook Marketplace',
  'facebook/video_feeds': 'Facebook Video Feeds',
  'facebook/right_hand_column': 'Facebook Right Column',
  'instagram/stream': 'Instagram Feed',
  'instagram/instagram_reels': 'Instagram Reels',
  'instagram/instagram_stories': 'Instagram Stories',
  'instagram/instagram_explore': 'Instagram Explore',
  'audience_network/classic': 'Audience Network',
  'messenger/messenger_inbox': 'Messenger Inbox',
  'messenger/messenger_stories': 'Messenger Stories',
};

beforeAll(async () => {
  // English in the United States: the panel's words and numbers as the literals below write them.
  adlens = await startConnectedAdlens({ simulator: { withoutLargeAccount: true }, lang: 'en-US' });
  ({ sim, chromium, options } = adlens);
  account = sim.world.accounts.find((candidate) => candidate.currency === 'JPY')!;
  await new SyncSection(options.page).sync(`act_${account.accountId}`);
}, 240_000);

afterAll(() => adlens?.close());

function ongoing(kind: PlantedAnomaly['kind']): { anomaly: PlantedAnomaly; entity: SimEntity } {
  const anomaly = sim.world.anomalies.find(
    (candidate) =>
      candidate.accountId === account.accountId &&
      candidate.kind === kind &&
      candidate.endDate === undefined,
  );
  if (!anomaly) throw new Error(`The JPY account has no ongoing ${kind}`);
  return { anomaly, entity: sim.world.entity(anomaly.entityId)! };
}

/** An account day as the English panel writes it ("Nov 15"). */
const day = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    Date.parse(`${iso}T00:00:00Z`),
  );

/** Graph requests for the entity's insights split by breakdowns, as they arrived. */
function breakdownRequests(entityId?: string): WireRecord[] {
  return sim.server.wireLog.filter(
    (call) =>
      call.host === 'graph.facebook.com' &&
      new URLSearchParams(call.query).has('breakdowns') &&
      (entityId === undefined || call.path.endsWith(`/${entityId}/insights`)),
  );
}

/** A real click on the entity's badge in its row, then the insight panel on that entity. */
async function openPanelFromBadge(tab: AdsManagerTab, entity: SimEntity): Promise<void> {
  await tab.waitForBadge(entity.id);
  await tab.page
    .locator(`adlens-badge[data-adlens-entity="${entity.id}"] >>> [data-testid="adlens-badge"]`)
    .click();
  await tab.insightPanelReady();
  expect(await tab.panelText('insight-subject', entity.name)).toBe(entity.name);
}

/** The Explain button of the entity's finding whose line matches `wording`. */
async function explainButton(
  page: Page,
  entity: SimEntity,
  wording: RegExp,
): Promise<ElementHandle<Element>> {
  for (const button of await page.$$(`${PANEL} [data-testid="explain-finding"]`)) {
    const line = await button.evaluate((node) => node.parentElement?.textContent ?? '');
    if (line.includes(entity.name) && wording.test(line)) return button;
  }
  throw new Error(`No Explain for a finding of ${entity.name} matching ${String(wording)}`);
}

interface ExplainShown {
  readonly sentence: string;
  readonly note: string;
  readonly caption: string;
  readonly bars: readonly {
    label: string;
    named: boolean;
    shares: string;
    values: string;
    /** The drawn bars' widths, before and after, as a share of their cell. */
    drawn: readonly [number, number];
  }[];
}

/** Presses Explain (a real click) and waits for the answer the panel shows. */
async function explain(page: Page, button: ElementHandle<Element>): Promise<ExplainShown> {
  // An answer already shown leaves the panel while the new one loads: wait for a new one.
  const shownBefore = await page.$(`${PANEL} [data-testid="explain-sentence"]`);
  await button.click();
  // The answer, or what the panel says instead (Meta refused, the finding is gone).
  const settled = await page.waitForFunction(
    (previous) => {
      const section = document
        .querySelector('adlens-panel')
        ?.shadowRoot?.querySelector('[data-testid="explain-section"]');
      const sentence = section?.querySelector('[data-testid="explain-sentence"]');
      if (sentence && sentence !== previous) return 'ready';
      const alert = section?.querySelector('[data-testid="explain-message"][role="alert"]');
      return alert ? `error: ${alert.textContent ?? ''}` : false;
    },
    { timeout: 30_000 },
    shownBefore,
  );
  const state = String(await settled.jsonValue());
  if (state !== 'ready') throw new Error(`Explain says: ${state}`);
  return page.evaluate(() => {
    const section = document
      .querySelector('adlens-panel')
      ?.shadowRoot?.querySelector('[data-testid="explain-section"]');
    const text = (node: Element | null | undefined) =>
      (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      sentence: text(section?.querySelector('[data-testid="explain-sentence"]')),
      note: text(section?.querySelector('p.muted')),
      caption: text(section?.querySelector('[data-testid="explain-chart"] caption')),
      bars: [...(section?.querySelectorAll('[data-testid="explain-bar"]') ?? [])].map((bar) => ({
        label: text(bar.querySelector('th')),
        named: bar.getAttribute('data-named') === 'true',
        shares: text(bar.querySelector('.explain-shares')),
        values: text(bar.querySelector('[data-testid="explain-values"]')),
        drawn: [...bar.querySelectorAll('.explain-bar')].map(
          (drawn) =>
            drawn.getBoundingClientRect().width /
            (drawn.parentElement?.getBoundingClientRect().width || 1),
        ) as unknown as readonly [number, number],
      })),
    };
  });
}

type GraphRow = Record<string, unknown>;

/** What the simulated Graph answers to the same request (same path, same query), every page. */
async function simulatorAnswer(call: WireRecord): Promise<GraphRow[]> {
  const rows: GraphRow[] = [];
  let next: URL | undefined = new URL(`https://graph.facebook.com${call.path}?${call.query}`);
  while (next) {
    const reply = await sim.graph({
      method: 'GET',
      url: next,
      headers: { authorization: `Bearer ${sim.control.demoToken}` },
      body: '',
    });
    expect(reply.status).toBe(200);
    const page = JSON.parse(String(reply.body)) as {
      data: GraphRow[];
      paging?: { next?: string };
    };
    rows.push(...page.data);
    next = page.paging?.next ? new URL(page.paging.next) : undefined;
  }
  return rows;
}

interface Period {
  readonly since: string;
  readonly until: string;
}

/** Explain's reads of the entity on the wire: one per breakdown group, both periods in each. */
function explainReads(entityId: string) {
  const requests = breakdownRequests(entityId);
  const group = (breakdown: string) => {
    const call = requests.find((each) => each.query.includes(breakdown));
    if (!call) throw new Error(`No request broke ${entityId} down by ${breakdown}`);
    return call;
  };
  const periods = JSON.parse(
    new URLSearchParams(group('platform_position').query).get('time_ranges')!,
  ) as Period[];
  expect(periods).toHaveLength(2);
  const [baseline, affected] = periods as [Period, Period];
  return { requests, group, baseline, affected };
}

const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;

interface Totals {
  readonly spend: number;
  readonly impressions: number;
  readonly purchases: number;
}

/** Purchases as Ads Manager counts them (all channels). */
const purchasesOf = (row: GraphRow) =>
  Number(
    (row.actions as { action_type: string; value: string }[] | undefined)?.find(
      (action) => action.action_type === 'omni_purchase',
    )?.value ?? 0,
  );

/** Spend (yen), impressions and purchases per segment in one period of the answer. */
function segmentTotals(
  rows: readonly GraphRow[],
  since: string,
  segmentOf: (row: GraphRow) => string,
): Map<string, Totals> {
  const bySegment = new Map<string, Totals>();
  for (const row of rows.filter((candidate) => candidate.date_start === since)) {
    const key = segmentOf(row);
    const sum = bySegment.get(key) ?? { spend: 0, impressions: 0, purchases: 0 };
    bySegment.set(key, {
      spend: sum.spend + Number(row.spend ?? 0),
      impressions: sum.impressions + Number(row.impressions ?? 0),
      purchases: sum.purchases + purchasesOf(row),
    });
  }
  return bySegment;
}

function whole(bySegment: Map<string, Totals>): Totals {
  return [...bySegment.values()].reduce(
    (sum, each) => ({
      spend: sum.spend + each.spend,
      impressions: sum.impressions + each.impressions,
      purchases: sum.purchases + each.purchases,
    }),
    { spend: 0, impressions: 0, purchases: 0 },
  );
}

const placementOf = (row: GraphRow) =>
  `${String(row.publisher_platform)}/${String(row.platform_position)}`;
const cpm = ({ spend, impressions }: Totals) => (spend / impressions) * 1000;
const cpa = ({ spend, purchases }: Totals) => spend / purchases;

/** Yen as an American reader sees them: no minor unit, thousands with commas. */
const yen = (amount: number) => `¥${Math.round(amount).toLocaleString('en-US')}`;

describe('Explain a finding by the segment that moved', () => {
  it('names the planted placement behind a CPM surge, with the simulator’s shares for those days', async () => {
    const { anomaly, entity: campaign } = ongoing('cpm_surge');
    const planted = plantedSegment(anomaly)!;
    expect(planted.breakdown).toBe('platform_position');
    // Breakdowns are never synced: nothing has read them before the user asks.
    expect(breakdownRequests()).toEqual([]);

    const tab = await AdsManagerTab.open(chromium.browser, {
      accountId: account.accountId,
      tab: 'campaigns',
    });
    await openPanelFromBadge(tab, campaign);
    const shown = await explain(tab.page, await explainButton(tab.page, campaign, /CPM/));

    // Three requests, each with both periods: placement with device, age with gender, region.
    const requests = breakdownRequests(campaign.id);
    expect(
      requests.map((call) => new URLSearchParams(call.query).get('breakdowns')).sort(),
    ).toEqual([
      '["age","gender"]',
      '["publisher_platform","platform_position","device_platform"]',
      '["region"]',
    ]);
    expect(tokenOutsideAuthorization(requests, sim.control.demoToken)).toEqual([]);
    const { baseline, affected, group } = explainReads(campaign.id);
    // The finding's days: the surge is going on; the baseline is the two weeks before it began.
    expect(affected.since >= anomaly.startDate).toBe(true);
    expect(shown.note).toContain(
      `${day(affected.since)} – ${day(affected.until)} against ${day(baseline.since)} – ${day(baseline.until)}`,
    );
    expect(shown.note).toContain('(3 requests)');

    const answer = await simulatorAnswer(group('platform_position'));
    const before = segmentTotals(answer, baseline.since, placementOf);
    const after = segmentTotals(answer, affected.since, placementOf);
    const [wholeBefore, wholeAfter] = [whole(before), whole(after)];
    const share = (bySegment: Map<string, Totals>, total: Totals, key: string) =>
      (bySegment.get(key)?.impressions ?? 0) / total.impressions;

    // The head: the campaign's CPM over the finding's days against its baseline.
    const rise = cpm(wholeAfter) / cpm(wholeBefore) - 1;
    expect(rise).toBeGreaterThan(0);
    expect(shown.sentence).toMatch(new RegExp(`^CPM up ${Math.round(rise * 100)} %: `));

    // The planted placement is named first, in words and as the chart's first, named bar.
    const name = PLACEMENT_NAMES[planted.value]!;
    expect(name).toBe('Instagram Stories');
    expect(shown.sentence).toMatch(
      new RegExp(`^CPM up \\d+ %: \\d+ % of the rise comes from ${name}, `),
    );
    expect(shown.bars[0]).toMatchObject({ label: name, named: true });
    const segmentBefore = before.get(planted.value)!;
    const segmentAfter = after.get(planted.value)!;
    const shareBefore = percent(share(before, wholeBefore, planted.value));
    const shareAfter = percent(share(after, wholeAfter, planted.value));
    const times = (cpm(segmentAfter) / cpm(wholeAfter)).toFixed(1);
    const ownMove = Math.round((cpm(segmentAfter) / cpm(segmentBefore) - 1) * 100);
    expect([
      `whose share of impressions went from ${shareBefore} to ${shareAfter} at ${times} × the campaign's CPM.`,
      `whose own CPM moved up ${ownMove} % (at ${times} × the campaign's CPM, ${shareAfter} of impressions).`,
    ]).toContain(shown.sentence.replace(/^.*?comes from [^,]+, /, ''));

    // Every bar's share of impressions and its own CPM, before → after, are the simulator's for
    // that placement; the CPM in yen, Meta's spend over its impressions, to the yen.
    expect(shown.caption).toBe('Share of impressions and CPM, before → after');
    const byName = new Map(Object.entries(PLACEMENT_NAMES).map(([value, label]) => [label, value]));
    expect(shown.bars.length).toBeGreaterThan(1);
    for (const bar of shown.bars) {
      const value = byName.get(bar.label);
      expect(value, bar.label).toBeDefined();
      expect(bar.shares, bar.label).toBe(
        `${percent(share(before, wholeBefore, value!))} → ${percent(share(after, wholeAfter, value!))}`,
      );
      expect(bar.values, bar.label).toBe(
        `${yen(cpm(before.get(value!)!))} → ${yen(cpm(after.get(value!)!))}`,
      );
      // The bars are drawn as long as the shares they stand for.
      const [drawnBefore, drawnAfter] = bar.drawn;
      expect(drawnBefore, bar.label).toBeCloseTo(share(before, wholeBefore, value!), 1);
      expect(drawnAfter, bar.label).toBeCloseTo(share(after, wholeAfter, value!), 1);
    }
    // The planted placement as the user reads it (the seeded world, the finding's days).
    expect(shown.bars[0]).toMatchObject({
      label: 'Instagram Stories',
      named: true,
      shares: '6 % → 45 %',
      values: '¥1,254 → ¥5,955',
    });
    expect(`${yen(cpm(segmentBefore))} → ${yen(cpm(segmentAfter))}`).toBe('¥1,254 → ¥5,955');
    expect(shown.bars.filter((bar) => bar.named).map((bar) => bar.label)).toContain(name);

    // Asked again, the answer is the one kept with the finding: Meta is not asked again.
    const again = await explain(tab.page, await explainButton(tab.page, campaign, /CPM/));
    expect(again.sentence).toBe(shown.sentence);
    expect(breakdownRequests(campaign.id)).toHaveLength(3);

    // The options page's API call log shows the three reads, as the user sees it there.
    await options.page.bringToFront();
    await options.page.locator('[data-testid="api-log-refresh"]').click();
    await options.waitForText('api-log', `/${campaign.id}/insights`);
    const logged = await options.page.$$eval('[data-testid="api-call"]', (rows) =>
      rows.map((row) => row.querySelector('code')?.textContent ?? ''),
    );
    expect(logged.filter((call) => call.endsWith(`/${campaign.id}/insights`))).toEqual([
      `GET /v26.0/${campaign.id}/insights`,
      `GET /v26.0/${campaign.id}/insights`,
      `GET /v26.0/${campaign.id}/insights`,
    ]);
    expect(logged.join('\n')).not.toContain(sim.control.demoToken);
    await tab.page.close();
  }, 120_000);

  it('Share snapshot after Explain: the viewer shows the answer and its top segment, the simulator’s shares and CPM', async () => {
    const { anomaly, entity: campaign } = ongoing('cpm_surge');
    const planted = plantedSegment(anomaly)!;
    const until = addDays(sim.world.today(account.accountId), -1);
    const tab = await AdsManagerTab.open(chromium.browser, {
      accountId: account.accountId,
      // Ads Manager writes the day after the range's last as the end of `date=`.
      date: `${addDays(until, -13)}_${addDays(until, 1)}`,
      params: { selected_campaign_ids: campaign.id },
    });
    await tab.openInsightPanel();
    const shown = await explain(tab.page, await explainButton(tab.page, campaign, /CPM/));
    await tab.page.waitForSelector(`${PANEL} [data-testid="insight-share"]:not([disabled])`);
    const opened = chromium.browser.waitForTarget((target) =>
      target.url().startsWith(`${EXTENSION_ORIGIN}/snapshot-viewer.html`),
    );
    await tab.page.locator(`${PANEL} [data-testid="insight-share"]`).click();
    const viewer = (await (await opened).page())!;
    await viewer.waitForSelector(
      '[data-testid="snapshot-explanation"] [data-testid="explain-bar"]',
    );
    const inViewer = await viewer.$eval('[data-testid="snapshot-explanation"]', (block) => {
      const text = (node: Element | null | undefined) =>
        (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        sentence: text(block.querySelector('[data-testid="snapshot-explanation-sentence"]')),
        caption: text(block.querySelector('caption')),
        bars: Array.from(block.querySelectorAll('[data-testid="explain-bar"]'), (row) => ({
          label: text(row.querySelector('th')),
          named: row.getAttribute('data-named') === 'true',
          shares: text(row.querySelector('.explain-shares')),
          values: text(row.querySelector('.explain-values')),
        })),
      };
    });
    // The sender's own copy: the panel's sentence, the planted placement first, its share of
    // impressions and its CPM before → after as the simulator's breakdown gives them, to the yen.
    expect(inViewer.sentence).toBe(shown.sentence);
    const { baseline, affected, group } = explainReads(campaign.id);
    const answer = await simulatorAnswer(group('platform_position'));
    const before = segmentTotals(answer, baseline.since, placementOf);
    const after = segmentTotals(answer, affected.since, placementOf);
    const share = (bySegment: Map<string, Totals>) =>
      percent(bySegment.get(planted.value)!.impressions / whole(bySegment).impressions);
    expect(inViewer.bars[0]).toEqual({
      label: PLACEMENT_NAMES[planted.value],
      named: true,
      shares: `${share(before)} → ${share(after)}`,
      values: `${yen(cpm(before.get(planted.value)!))} → ${yen(cpm(after.get(planted.value)!))}`,
    });
    expect(inViewer.caption).toBe('Share of impressions and CPM, before → after');
    // What the shared copy holds says so; the snapshot was built from the kept answer, not Meta.
    const facts = await viewer.$eval('[data-testid="snapshot-facts"]', (list) => list.textContent);
    expect(facts).toContain("with Explain's answer");
    expect(breakdownRequests(campaign.id)).toHaveLength(3);
    await viewer.close();
    await tab.page.close();
  }, 120_000);

  it('names the planted age group behind a CPA jump, with its share of spend and its CPA to the yen', async () => {
    const { anomaly, entity: adset } = ongoing('cpa_jump');
    expect(plantedSegment(anomaly)).toEqual({ breakdown: 'age', value: '18-24' });
    const tab = await AdsManagerTab.open(chromium.browser, {
      accountId: account.accountId,
      tab: 'adsets',
      params: { selected_campaign_ids: adset.campaignId! },
    });
    await openPanelFromBadge(tab, adset);
    const shown = await explain(
      tab.page,
      await explainButton(tab.page, adset, /CPA|cost per purchase/i),
    );
    const { requests, baseline, affected, group } = explainReads(adset.id);
    expect(requests).toHaveLength(3);
    expect(tokenOutsideAuthorization(requests, sim.control.demoToken)).toEqual([]);
    expect(shown.note).toContain(
      `${day(affected.since)} – ${day(affected.until)} against ${day(baseline.since)} – ${day(baseline.until)}`,
    );

    const answer = await simulatorAnswer(group('age'));
    const before = segmentTotals(answer, baseline.since, (row) => String(row.age));
    const after = segmentTotals(answer, affected.since, (row) => String(row.age));
    const [wholeBefore, wholeAfter] = [whole(before), whole(after)];
    const rise = cpa(wholeAfter) / cpa(wholeBefore) - 1;
    expect(rise).toBeGreaterThan(0);
    expect(shown.sentence).toMatch(
      new RegExp(`^CPA up ${Math.round(rise * 100)} %: \\d+ % of the rise comes from ages 18-24, `),
    );
    expect(shown.bars[0]).toMatchObject({ label: 'ages 18-24', named: true });

    // Every age group's share of spend and its own cost per purchase, to the yen.
    expect(shown.caption).toBe('Share of spend and Cost per purchase, before → after');
    const cpaText = (totals: Totals | undefined) =>
      totals && totals.purchases > 0 ? yen(cpa(totals)) : '—';
    for (const bar of shown.bars) {
      const age = bar.label.replace(/^ages /, '');
      expect(before.has(age) || after.has(age), bar.label).toBe(true);
      const spendShare = (bySegment: Map<string, Totals>, total: Totals) =>
        percent((bySegment.get(age)?.spend ?? 0) / total.spend);
      expect(bar.shares, bar.label).toBe(
        `${spendShare(before, wholeBefore)} → ${spendShare(after, wholeAfter)}`,
      );
      expect(bar.values, bar.label).toBe(
        `${cpaText(before.get(age))} → ${cpaText(after.get(age))}`,
      );
    }
    await tab.page.close();
  }, 120_000);

  it('says nothing stands out for a finding with no segment planted behind it', async () => {
    const { entity: ad } = ongoing('delivery_stop');
    const tab = await AdsManagerTab.open(chromium.browser, {
      accountId: account.accountId,
      tab: 'ads',
      params: { selected_adset_ids: ad.adsetId! },
    });
    await openPanelFromBadge(tab, ad);
    const shown = await explain(tab.page, await explainButton(tab.page, ad, /./));
    expect(shown.sentence).toMatch(/nothing stands out/);
    expect(shown.bars.filter((bar) => bar.named)).toEqual([]);
    expect(breakdownRequests(ad.id)).toHaveLength(3);
    await tab.page.close();
  }, 120_000);

  it('the options page lists breakdowns under what Adlens fetches: on Explain only, kept with the finding', async () => {
    await options.page.bringToFront();
    const text = await options.waitForText('breakdowns', /Explain/);
    expect(text).toBe(
      'Breakdowns (placement, device, age, gender, region) are read only on request: when you ' +
        'press Explain in the insight panel, never by the sync. They are kept with the finding ' +
        'they explain, at most as long as the daily insights below, and deleted with it.',
    );
    const heading = await options.page.$eval(
      '[data-testid="breakdowns"]',
      (paragraph) => paragraph.closest('section')?.querySelector('h2')?.textContent ?? '',
    );
    expect(heading).toBe('What Adlens fetches');
  });
});
