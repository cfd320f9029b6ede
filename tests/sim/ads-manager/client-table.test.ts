// @vitest-environment happy-dom
/**
 * The virtual table in a DOM without layout (happy-dom assumes a 720 px viewport): recycling, the
 * data-surface contract and its variant, and inert hostile names. Chromium checks the real layout
 * (dev/check-chromium.ts).
 */
import { describe, expect, it } from 'vitest';
import type { PageVariant } from './control';
import { configureDom } from './client/dom';
import { VirtualTable } from './client/table';
import { compileStyles } from './styles';
import { summarize } from './table-data';
import type { TableRow } from './wire';

function rows(count: number): TableRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `1202${String(i).padStart(14, '0')}`,
    name: i === 1 ? '<img src=x onerror="window.__pwned=1">' : `Campaign ${i}`,
    status: 'ACTIVE',
    effectiveStatus: 'ACTIVE',
    budget: 'daily',
    budgetMinor: 5000,
    campaignId: null,
    adsetId: null,
    stats: {
      spendMinor: 100_000 - i,
      impressions: 10_000,
      reach: 8_000,
      clicks: 100,
      inlineLinkClicks: 70,
      purchases: 3,
      purchaseValueMinor: 30_000,
    },
  }));
}

function mount(variant: PageVariant, data: TableRow[]): VirtualTable {
  configureDom({
    buildId: 1,
    variant,
    locale: 'en',
    classes: compileStyles(1).classes,
    accounts: [],
  });
  const table = new VirtualTable({
    level: 'campaign',
    currency: 'USD',
    onToggleSelect: () => undefined,
    onOpen: () => undefined,
  });
  document.body.replaceChildren(table.element);
  table.reset(data, summarize(data), data.length, false);
  table.setBusy(false);
  return table;
}

const rowSelector = '[data-surface^="/am/table/table_row:"][data-surface$="unit"]';

describe('VirtualTable', () => {
  it('keeps only a screenful of rows in the DOM for 5,000 rows', () => {
    mount('data-surface', rows(5000));
    const shown = document.querySelectorAll(rowSelector);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(30);
    expect(document.querySelector('[role="table"]')?.getAttribute('aria-rowcount')).toBe('5002');
  });

  it('gives every row and cell its data-surface, with cells in a first div', () => {
    mount('data-surface', rows(3));
    const id = '120200000000000002';
    const row = document.querySelector(`[data-surface="/am/table/table_row:${id}unit"]`);
    expect(row?.getAttribute('role')).toBe('row');
    const spend = row?.querySelector(
      `[data-surface="/am/table/table_row:${id}unit/table_cell:spend"]`,
    );
    expect(spend?.firstElementChild?.tagName).toBe('DIV');
    expect(spend?.textContent).toBe('$999.98');
    expect(
      row?.querySelector('div[role="presentation"] [data-surface$="table_cell:name"]')?.textContent,
    ).toBe('Campaign 2');
  });

  it('recycles row elements in place when the data changes, keeping foreign nodes', () => {
    const data = rows(50);
    const table = mount('data-surface', data);
    const row = document.querySelector('[aria-rowindex="2"]');
    const cellDiv = row?.querySelector('[data-surface$="table_cell:spend"] > div');
    const badge = document.createElement('adlens-badge');
    cellDiv?.append(badge);
    const reversed = [...data].reverse().map((r) => ({ ...r }));
    table.reset(reversed, summarize(reversed), reversed.length, false);
    const same = document.querySelector('[aria-rowindex="2"]');
    expect(same).toBe(row);
    expect(same?.getAttribute('data-surface')).toBe(`/am/table/table_row:${reversed[0]?.id}unit`);
    expect(badge.isConnected).toBe(true);
  });

  it('renders no data-surface at all in the no-data-surface variant', () => {
    mount('no-data-surface', rows(30));
    expect(document.querySelectorAll('[data-surface]')).toHaveLength(0);
    const names = [...document.querySelectorAll('[role="row"] a[role="link"]')].map(
      (a) => a.textContent,
    );
    expect(names).toContain('Campaign 0');
    // No entity id anywhere in an attribute: the extension has only the visible names to go on.
    const values = [...document.querySelectorAll('*')].flatMap((n) =>
      [...n.attributes].map((a) => a.value),
    );
    expect(values.filter((v) => /1202\d{14}/.test(v))).toEqual([]);
  });

  it('numbers no row and marks none with data-surface in the unmarked-rows variant', () => {
    mount('unmarked-rows', rows(30));
    expect(document.querySelectorAll('[data-surface], [aria-rowindex]')).toHaveLength(0);
    const names = [...document.querySelectorAll('[role="row"] a[role="link"]')].map(
      (a) => a.textContent,
    );
    expect(names).toContain('Campaign 0');
  });

  it('shows hostile names as text', () => {
    mount('data-surface', rows(3));
    expect(document.querySelector('img')).toBeNull();
    const link = document.querySelector('[data-surface$="0001unit/table_cell:name"] a');
    expect(link?.textContent).toBe('<img src=x onerror="window.__pwned=1">');
  });

  it('uses only hashed class names', () => {
    mount('data-surface', rows(3));
    const classes = new Set(
      [...document.querySelectorAll('[class]')].flatMap((n) => [...n.classList]),
    );
    for (const name of classes) expect(name).toMatch(/^x[0-9a-z]+$/);
  });
});
