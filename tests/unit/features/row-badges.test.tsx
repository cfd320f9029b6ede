// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { rowBadges } from '@/entrypoints/ads-manager.content/features/row-badges';
import { pageQueryClient } from '@/entrypoints/ads-manager.content/page-query-client';
import type { RowFindings } from '@/lib/schema/row-findings';
import { createFixtureTable } from '../meta/table-fixture';

const PAGE = new URL('https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=7');
const ENTITIES = [
  { id: '11', name: 'Prospecting | US | Broad' },
  { id: '12', name: 'Retargeting | US | Broad' },
  { id: '13', name: 'Brand | DE | Evergreen' },
];
const HOSTILE = 'Spend on <img src=x onerror=alert(1)> tripled';
const FINDINGS: Record<string, RowFindings> = {
  '12': { entityId: '12', severity: 'critical', count: 2, topSentence: HOSTILE },
  '14': { entityId: '14', severity: 'info', count: 1, topSentence: 'CPM rose 40 %.' },
};

/** A stand-in background: answers findings.forRows from FINDINGS and records what was asked. */
function answerFindings(asked: string[][] = []) {
  fakeBrowser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const { entityIds } = (message as { payload: { entityIds: string[] } }).payload;
    asked.push(entityIds);
    const findings = entityIds.flatMap((id) => FINDINGS[id] ?? []);
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
    expect(badge.getAttribute('aria-label')).toBe(`Adlens: 2 findings, critical. ${HOSTILE}`);
    expect(badge.getAttribute('title')).toBe(HOSTILE);
    expect(badge.querySelector('img')).toBeNull();
    expect(chipText()).toBeUndefined();
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

  it('removes its badges when its run is torn down', async () => {
    answerFindings();
    document.body.append(createFixtureTable(ENTITIES).element);
    start();
    await vi.waitFor(() => expect(badges()).toHaveLength(1));
    controller.abort();
    expect(badges()).toHaveLength(0);
  });

  it('leaves the page alone when the background cannot answer', async () => {
    fakeBrowser.runtime.sendMessage = () =>
      Promise.reject(new Error('Extension context invalidated.'));
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

  it('says so when rows without ids cannot be identified by name', async () => {
    answerFindings();
    document.body.append(createFixtureTable(ENTITIES, { surfaces: false }).element);
    start();
    await vi.waitFor(() =>
      expect(chipText()).toBe('Adlens can’t tell which items these table rows show.'),
    );
    expect(badges()).toHaveLength(0);
  });
});
