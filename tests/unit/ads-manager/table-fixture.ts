/**
 * A small Ads Manager table in the shape of the simulator's (tests/sim/ads-manager/index.ts): rows
 * with or without `data-surface`, a frozen `role="presentation"` block holding the name cell, a
 * header and a totals row, and rows re-bound in place the way the virtualized table recycles them.
 */
export interface FixtureRow {
  readonly id: string;
  readonly name: string;
}

export interface FixtureTable {
  readonly element: HTMLElement;
  readonly rows: HTMLElement[];
  /** Re-binds a row element in place to another entity, as the page does on scroll. */
  bind(row: HTMLElement, entity: FixtureRow, index: number): void;
  setBusy(busy: boolean): void;
}

function div(attributes: Record<string, string> = {}, children: Node[] = []): HTMLElement {
  const element = document.createElement('div');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function nameCell(surface: string | undefined, text: string): HTMLElement {
  const name = document.createElement('a');
  name.setAttribute('role', 'link');
  name.textContent = text;
  const cell = div({ role: 'cell' }, [div({}, [name, document.createElement('span')])]);
  if (surface) cell.setAttribute('data-surface', `${surface}/table_cell:name`);
  return cell;
}

export function createFixtureTable(
  entities: readonly FixtureRow[],
  { surfaces = true }: { surfaces?: boolean } = {},
): FixtureTable {
  const surfaceOf = (id: string) => (surfaces ? `/am/table/table_row:${id}unit` : undefined);
  const frozen = (cell: HTMLElement) =>
    div({}, [div({ role: 'presentation' }, [div({}, [document.createElement('input')]), cell])]);

  function bind(row: HTMLElement, entity: FixtureRow, index: number): void {
    const surface = surfaceOf(entity.id);
    if (surface) row.setAttribute('data-surface', surface);
    row.setAttribute('aria-rowindex', String(index + 2));
    const cell = row.querySelector('[role="cell"]')!;
    if (surface) cell.setAttribute('data-surface', `${surface}/table_cell:name`);
    cell.querySelector('a')!.textContent = entity.name;
  }

  const rows = entities.map((entity, index) => {
    const row = div({ role: 'row' }, [frozen(nameCell(undefined, ''))]);
    bind(row, entity, index);
    return row;
  });
  const header = div({ role: 'row', 'aria-rowindex': '1' }, [
    frozen(div({ role: 'columnheader' }, [document.createTextNode('Campaign')])),
  ]);
  const totals = div({ role: 'row' }, [frozen(nameCell(undefined, 'Results from 3 campaigns'))]);
  const element = div({ role: 'table', 'aria-busy': 'false' }, [
    div({ role: 'rowgroup' }, [header]),
    div({ role: 'rowgroup' }, rows),
    div({ role: 'rowgroup' }, [totals]),
  ]);
  if (surfaces) element.setAttribute('data-surface', '/am/table');
  return {
    element,
    rows,
    bind,
    setBusy: (busy) => element.setAttribute('aria-busy', String(busy)),
  };
}
