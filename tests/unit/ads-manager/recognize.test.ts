// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutReport } from '@/lib/ads-manager/layout-report';
import { findRowElements, readRow } from '@/lib/ads-manager/recognize';
import { evidenceTable, TOOLBAR_EN, TOOLBAR_ZH } from './evidence-markup';
import { markupFromReport } from './layout-fixture';

const ROWS = [
  {
    id: '120212345678901234',
    name: 'Prospecting | DE | Broad – Winter Sale 2026 (very long name cut by the page)',
  },
  { id: '120212345678901235', name: '再营销 | 中国 | 购物车' },
  { id: '120212345678901236', name: 'Brand | US | Evergreen' },
];

afterEach(() => document.body.replaceChildren());

function recognise(table: Element) {
  const found = findRowElements(table);
  return { found, rows: (found?.rows ?? []).map((row) => readRow(row, found!.way)) };
}

describe.each([
  ['campaigns', 'English', TOOLBAR_EN],
  ['adsets', 'Chinese', TOOLBAR_ZH],
  ['ads', 'English', TOOLBAR_EN],
  ['ads', 'Chinese', TOOLBAR_ZH],
] as const)('the %s tab in %s', (tab, _language, toolbar) => {
  it('with ids: every row, its id, and its name cell; not the header or totals row', () => {
    const table = evidenceTable(ROWS, { tab, ids: true, toolbar });
    document.body.append(table.element);
    const { found, rows } = recognise(table.element);
    expect(found?.way).toBe('surface');
    expect(rows.map((row) => row.entityId).sort()).toEqual(ROWS.map((row) => row.id).sort());
    for (const row of rows) {
      const index = table.rows.indexOf(row.element);
      expect(row.anchor).toBe(table.nameCells[index]);
    }
  });

  it('without ids: every row by its full name, not the toolbar’s words, and its name cell', () => {
    const table = evidenceTable(ROWS, { tab, ids: false, toolbar });
    document.body.append(table.element);
    const { found, rows } = recognise(table.element);
    expect(found?.way).toBe('tooltip');
    expect(rows.map((row) => row.name).sort()).toEqual(ROWS.map((row) => row.name).sort());
    for (const row of rows) {
      expect(row.entityId).toBeUndefined();
      expect(row.anchor).toBe(table.nameCells[table.rows.indexOf(row.element)]);
    }
  });
});

it('finds a lone row without ids, and nothing in a table without rows', () => {
  const one = evidenceTable(ROWS.slice(0, 1), {
    tab: 'campaigns',
    ids: false,
    toolbar: TOOLBAR_EN,
  });
  document.body.append(one.element);
  const { rows } = recognise(one.element);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.anchor).toBe(one.nameCells[0]);
  const none = evidenceTable([], { tab: 'ads', ids: true, toolbar: TOOLBAR_EN });
  expect(findRowElements(none.element)).toBeUndefined();
});

describe('the layout report', () => {
  it('keeps the structure and drops every name, number and id', () => {
    const table = evidenceTable(ROWS, { tab: 'campaigns', ids: true, toolbar: TOOLBAR_EN });
    const report = layoutReport(table.element, '/adsmanager/manage/campaigns');
    for (const { id, name } of ROWS) {
      expect(report).not.toContain(id);
      expect(report).not.toContain(name);
    }
    expect(report).not.toMatch(/Charts|1\.234|12\.345|€/);
    expect(report).toContain(
      'data-surface=/am/table/table_row:#unit/table_cell:forObjectType(name,CAMPAIGN_GROUP)',
    );
    expect(report).toContain('rows found by surface: 3');
  });

  it('becomes markup that recognition reads the same way (a sent report is a test)', () => {
    for (const ids of [true, false]) {
      const table = evidenceTable(ROWS, { tab: 'ads', ids, toolbar: TOOLBAR_ZH });
      const rebuilt = markupFromReport(layoutReport(table.element, '/adsmanager/manage/ads'));
      const { found, rows } = recognise(rebuilt);
      expect(found?.way).toBe(ids ? 'surface' : 'tooltip');
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.every((row) => row.anchor && (ids ? row.entityId : row.name))).toBe(true);
    }
  });

  const dir = path.join(import.meta.dirname, 'layout-reports');
  it.each(readdirSync(dir).filter((file) => file.endsWith('.txt')))('reads %s', (file) => {
    const report = readFileSync(path.join(dir, file), 'utf8');
    const [, way, count] = /rows found by (\w+): (\d+)/.exec(report) ?? [];
    const { found, rows } = recognise(markupFromReport(report));
    expect(found?.way).toBe(way);
    expect(rows.length).toBe(Math.min(Number(count), 2));
    expect(rows.every((row) => row.anchor !== undefined)).toBe(true);
  });
});
