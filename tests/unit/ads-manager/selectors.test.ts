// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import * as selectors from '@/lib/ads-manager/selectors';
import { rowIdFromSurface, surfaceCell } from '@/lib/ads-manager/selectors';

describe('rowIdFromSurface', () => {
  it('reads the id of a row surface', () => {
    expect(rowIdFromSurface('/am/table/table_row:23851234567890123unit')).toBe('23851234567890123');
  });

  it.each([
    null,
    '',
    '/am/table',
    '/am/table/table_row:123unit/table_cell:spend',
    '/am/table/table_row:unit',
    '/am/table/table_row:12a3unit',
    '/am/table/table_row:12345678901234567890123456unit',
    'x/am/table/table_row:123unit',
  ])('rejects %j', (surface) => {
    expect(rowIdFromSurface(surface)).toBeUndefined();
  });
});

describe('selectors module', () => {
  it('gives every selector a fixtures sibling, and every fixtures list a selector', () => {
    const names = Object.keys(selectors);
    const fixtureOwners = names.filter((n) => n.endsWith('Fixtures')).map((n) => n.slice(0, -8));
    const selectorNames = names.filter(
      (name) =>
        !name.endsWith('Fixtures') && name !== 'rowIdFromSurface' && name !== 'isNameCellSurface',
    );
    expect(fixtureOwners.sort()).toEqual(selectorNames.sort());
  });

  it('quotes field keys so parentheses, commas and quotes stay inside the attribute value', () => {
    const key = 'forAttributionWindow(purchase_roas:omni_purchase,default)';
    expect(surfaceCell(key)).toBe(
      `[data-surface*="table_row:"][data-surface$="unit/table_cell:${key}"]`,
    );
    expect(surfaceCell('a"b\\c')).toContain('table_cell:a\\"b\\\\c"]');
  });

  it('parses in a real selector engine', () => {
    document.body.replaceChildren();
    for (const [name, value] of Object.entries(selectors)) {
      if (typeof value === 'string')
        expect(() => document.querySelectorAll(value), name).not.toThrow();
    }
  });
});
