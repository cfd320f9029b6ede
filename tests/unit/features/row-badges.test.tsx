// @vitest-environment happy-dom
import { message } from '@/lib/anomaly/format';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { rowBadges } from '@/entrypoints/ads-manager.content/features/row-badges';
import { pageQueryClient } from '@/entrypoints/ads-manager.content/page-query-client';
import {
  onInsightPanelRequest,
  type InsightPanelTarget,
} from '@/entrypoints/ads-manager.content/panel-requests';
import { sparklineValues } from '@/entrypoints/ads-manager.content/row-sparklines';
import { INSIGHT_METRICS } from '@/lib/schema/insights';
import type { RowFindings } from '@/lib/schema/row-findings';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import type { SeriesGetResponse } from '@/lib/schema/series';
import { updateSparkline } from '@/lib/settings/overlay';
import { createFixtureTable } from '../ads-manager/table-fixture';
import { englishFinding, useEnglishCatalogue } from '@/tests/unit/components/catalogue';

beforeEach(useEnglishCatalogue);

const PAGE = new URL('https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=7');
const ENTITIES = [
  { id: '11', name: 'Prospecting | US | Broad' },
  { id: '12', name: 'Retargeting | US | Broad' },
  { id: '13', name: 'Brand | DE | Evergreen' },
];
/** Markup where a sentence takes a value (a currency code is 8 characters at most). */
const HOSTILE = message('findingSpendSpikeBudgetNext', {
  type: 'money',
  value: 5_000,
  currency: '<img x>',
});
const FINDINGS: Record<string, RowFindings> = {
  '12': { entityId: '12', severity: 'critical', count: 2, topSentence: HOSTILE },
  '14': {
    entityId: '14',
    severity: 'info',
    count: 1,
    topSentence: message('findingCpmSurgeNext', { type: 'date', value: '2026-03-02' }),
  },
  '16': {
    entityId: '16',
    severity: 'warning',
    count: 1,
    topSentence: message('findingCreativeFatigueAdNext'),
  },
};

/** Names as the cache knows them: one name two entities share. */
const CACHED = [
  ...ENTITIES,
  { id: '15', name: 'Retargeting | US | Broad' },
  { id: '16', name: 'Lone finding' },
];

type Message = {
  command: string;
  payload: { entityIds?: string[]; names?: string[]; since?: string; until?: string };
};

/** Clicks per day for the sparkline window; day 3 had no delivery (no row). */
const CLICKS = [5, 9, 0, 12, 7, 3, 8];

function insightsAnswer(payload: Message['payload']): SeriesGetResponse {
  const column = (metric: string) => (metric === 'clicks' ? CLICKS : CLICKS.map(() => 1));
  return {
    accountId: 'act_7',
    level: 'campaign',
    currency: 'EUR',
    since: payload.since!,
    until: payload.until!,
    coverage: { since: '2026-11-16', until: payload.until! },
    today: '2026-11-22',
    series: (payload.entityIds ?? []).map((entityId) => ({
      entityId,
      hasRow: CLICKS.map((_, index) => index !== 2),
      metrics: Object.fromEntries(INSIGHT_METRICS.map((metric) => [metric, column(metric)])),
    })) as SeriesGetResponse['series'],
    truncated: false,
  };
}

/** What the stand-in background has stored: a sync replaces it. */
let stored = { findings: FINDINGS, lastSyncAt: 1_700_000_000_000 };

/** A stand-in background: answers from `stored` and CACHED, and records the ids asked about. */
function answerFindings(asked: string[][] = []) {
  fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const { command, payload } = message as Message;
    if (command === 'sync.status') {
      const account: AccountSyncSummary = {
        accountId: 'act_7',
        state: 'synced',
        lastSyncAt: stored.lastSyncAt,
        nextRunAt: null,
        rows: 10,
        progress: null,
        problem: null,
        partial: false,
      };
      sendResponse({ ok: true, data: { accounts: [account] } });
      return true;
    }
    if (command === 'rows.identifyByName') {
      const matches = (payload.names ?? []).map((name) => {
        const ids = CACHED.filter((entity) => entity.name === name).map((entity) => entity.id);
        return { name, entityId: ids.length === 1 ? ids[0]! : null };
      });
      sendResponse({ ok: true, data: { matches } });
      return true;
    }
    if (command === 'accounts.get') {
      const account = { accountId: 'act_7', name: 'Shop', currency: 'EUR', timezoneName: 'UTC' };
      sendResponse({ ok: true, data: { account } });
      return true;
    }
    if (command === 'series.get') {
      asked.push(['insights', ...(payload.entityIds ?? [])]);
      sendResponse({ ok: true, data: insightsAnswer(payload) });
      return true;
    }
    const entityIds = payload.entityIds ?? [];
    asked.push(entityIds);
    const findings = entityIds.flatMap((id) => stored.findings[id] ?? []);
    sendResponse({ ok: true, data: { findings } });
    return true;
  });
  return asked;
}

let controller = new AbortController();
function start(url = PAGE) {
  controller.abort();
  controller = new AbortController();
  void rowBadges.init(controller.signal, url);
}

afterEach(() => {
  stored = { findings: FINDINGS, lastSyncAt: 1_700_000_000_000 };
  controller.abort();
  document.body.replaceChildren();
  fakeBrowser.reset();
  pageQueryClient().clear();
});

const badges = () => [...document.querySelectorAll('adlens-badge')];
const badgeOf = (row: Element) => row.querySelector('adlens-badge');
const chipText = () =>
  document
    .querySelector('adlens-status')
    ?.shadowRoot?.querySelector('[data-testid="adlens-status-chip"]')?.textContent ?? undefined;

describe('row-badges feature', () => {
  it('badges exactly the rows whose entities have findings', async () => {
    answerFindings();
    const table = createFixtureTable(ENTITIES);
    document.body.append(table.element);
    start();
    await vi.waitFor(() => expect(badges()).toHaveLength(1));
    const host = badgeOf(table.rows[1]!)!;
    expect(host.getAttribute('data-adlens-entity')).toBe('12');
    const badge = host.shadowRoot!.querySelector('[data-testid="adlens-badge"]')!;
    expect(badge.textContent).toBe('2');
    expect(badge.getAttribute('data-severity')).toBe('critical');
    expect(badge.getAttribute('aria-label')).toBe('Adlens: 2 findings, critical. Open insights');
    const tooltip = host.shadowRoot!.querySelector('[data-testid="adlens-badge-tooltip"]')!;
    expect(tooltip.textContent).toBe(englishFinding(HOSTILE));
    expect(tooltip.textContent).toContain('<img x>');
    expect(host.shadowRoot!.querySelector('img')).toBeNull();
    expect(chipText()).toBeUndefined();
  });

  it('opens the insight panel on the entity of the badge clicked', async () => {
    answerFindings();
    const requests: InsightPanelTarget[] = [];
    const table = createFixtureTable(ENTITIES);
    document.body.append(table.element);
    start();
    onInsightPanelRequest((target) => requests.push(target), controller.signal);
    await vi.waitFor(() => expect(badges()).toHaveLength(1));
    const host = badgeOf(table.rows[1]!)!;
    host.shadowRoot!.querySelector<HTMLElement>('[data-testid="adlens-badge"]')!.click();
    expect(requests).toEqual([{ accountId: 'act_7', level: 'campaign', entityId: '12' }]);
  });

  it('moves with a recycled row, never doubles, and asks once per entity', async () => {
    const asked = answerFindings();
    const table = createFixtureTable(ENTITIES);
    document.body.append(table.element);
    start();
    await vi.waitFor(() => expect(badges()).toHaveLength(1));
    table.bind(table.rows[1]!, { id: '13', name: 'Brand | DE | Evergreen' }, 1);
    table.bind(table.rows[0]!, { id: '14', name: 'Sales | FR' }, 0);
    await vi.waitFor(() => expect(badgeOf(table.rows[0]!)).not.toBeNull());
    expect(badgeOf(table.rows[1]!)).toBeNull();
    table.bind(table.rows[2]!, { id: '12', name: 'Retargeting | US | Broad' }, 2);
    await vi.waitFor(() => expect(badgeOf(table.rows[2]!)).not.toBeNull());
    expect(badges()).toHaveLength(2);
    expect(asked.flat().sort()).toEqual(['11', '12', '13', '14']);
  });

  it('shows the new findings of the rows on screen when a sync of the account finishes', async () => {
    answerFindings();
    const table = createFixtureTable(ENTITIES);
    document.body.append(table.element);
    start();
    await vi.waitFor(() => expect(badges()).toHaveLength(1));
    await vi.waitFor(() =>
      expect(pageQueryClient().getQueryData(['sync', 'status', 'act_7'])).toBeDefined(),
    );
    const fresh: RowFindings = {
      entityId: '11',
      severity: 'warning',
      count: 1,
      topSentence: message('findingSpendSpikeNext'),
    };
    stored = { findings: { '11': fresh }, lastSyncAt: stored.lastSyncAt + 60_000 };
    await pageQueryClient().refetchQueries({ queryKey: ['sync', 'status'] });
    await vi.waitFor(() => expect(badgeOf(table.rows[1]!)).toBeNull());
    expect(badges()).toHaveLength(1);
    expect(badgeOf(table.rows[0]!)?.getAttribute('data-adlens-entity')).toBe('11');
  });

  it('removes its badges when its run is torn down', async () => {
    answerFindings();
    document.body.append(createFixtureTable(ENTITIES).element);
    start();
    await vi.waitFor(() => expect(badges()).toHaveLength(1));
    controller.abort();
    expect(badges()).toHaveLength(0);
  });

  it('leaves the page alone when the background cannot answer', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(
      new Error('Extension context invalidated.'),
    );
    const table = createFixtureTable(ENTITIES);
    document.body.append(table.element);
    start();
    table.bind(table.rows[0]!, { id: '12', name: 'x' }, 0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(badges()).toHaveLength(0);
    expect(chipText()).toBeUndefined();
  });

  it('says so when the table’s rows cannot be found', async () => {
    answerFindings();
    const table = createFixtureTable([]);
    document.body.append(table.element);
    start();
    await vi.waitFor(() =>
      expect(chipText()).toBe('Adlens can’t find the table rows on this page.'),
    );
  });

  it('badges rows without ids by their unique names, and leaves shared names alone', async () => {
    answerFindings();
    const table = createFixtureTable(ENTITIES, { surfaces: false });
    document.body.append(table.element);
    start();
    table.bind(table.rows[0]!, { id: '14', name: 'Sales | FR' }, 0);
    // '12' has findings but shares its name with '15': no badge rather than a wrong one.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(badges()).toHaveLength(0);
    table.bind(table.rows[2]!, { id: '12', name: 'Retargeting | US | Broad' }, 2);
    table.bind(table.rows[1]!, { id: '16', name: 'Lone finding' }, 1);
    await vi.waitFor(() => expect(badges()).toHaveLength(1));
    expect(badgeOf(table.rows[1]!)?.getAttribute('data-adlens-entity')).toBe('16');
  });

  it('says so when rows without ids cannot be identified by name', async () => {
    answerFindings();
    const unknown = [{ id: '91', name: 'Not in the cache' }];
    document.body.append(createFixtureTable(unknown, { surfaces: false }).element);
    start();
    await vi.waitFor(() =>
      expect(chipText()).toBe('Adlens can’t tell which items these table rows show.'),
    );
    expect(badges()).toHaveLength(0);
  });

  it('draws the 7-day sparkline of the chosen metric beside badges when the setting is on', async () => {
    await updateSparkline({ enabled: true, metric: 'clicks' });
    const asked = answerFindings();
    const table = createFixtureTable(ENTITIES);
    document.body.append(table.element);
    // The live page's date= end is exclusive: this is Nov 1 to Nov 21.
    start(new URL(`${PAGE.href}&date=2026-11-01_2026-11-22`));
    const sparkline = () => badgeOf(table.rows[1]!)?.shadowRoot?.querySelector('svg');
    await vi.waitFor(() => expect(sparkline()).toBeTruthy());
    expect(sparkline()!.getAttribute('aria-label')).toBe('Clicks, 2026-11-15 to 2026-11-21');
    // Only the badged row's entity is asked about.
    expect(asked.filter((ids) => ids[0] === 'insights')).toEqual([['insights', '12']]);
    expect(badges()).toHaveLength(1);
  });

  it('draws no sparkline while the setting is off', async () => {
    const asked = answerFindings();
    document.body.append(createFixtureTable(ENTITIES).element);
    start();
    await vi.waitFor(() => expect(badges()).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(badges()[0]!.shadowRoot!.querySelector('svg')).toBeNull();
    expect(asked.some((ids) => ids[0] === 'insights')).toBe(false);
  });
});

describe('sparklineValues', () => {
  it('reads a day without a row as no delivery and a day outside the synced days as unknown', () => {
    const answer = insightsAnswer({ entityIds: ['12'], since: '2026-11-15', until: '2026-11-21' });
    expect(sparklineValues(answer, answer.series[0]!, 'clicks')).toEqual([null, 9, 0, 12, 7, 3, 8]);
  });
});
