import {
  bodyRow,
  cellControls,
  cellSurface,
  footerRow,
  isNameCellSurface,
  nameTooltip,
  otherCellControls,
  rowIdFromSurface,
  rowName,
  surfaceRow,
} from './selectors';

/**
 * Finds the body rows of Ads Manager's table and, in each, the entity id, the full name and the
 * name cell's box, on the page as public evidence shows it (ads-manager-dom.md) and on pages it
 * has not seen. Three ways, the first that finds rows wins:
 * 1. `data-surface` row ids (`/am/table/table_row:<id>unit`), the name cell by its exact surface;
 * 2. without ids, the rows holding a full name in `data-tooltip-content`: the rows are the
 *    children of the element that holds every name (rows may be wrappers without a box);
 * 3. the simulator's earlier guess: ARIA-indexed rows with the name in the frozen block.
 * Nothing relies on `role="row"`, class names, column order or a cell's visible text (the hover
 * toolbar's labels are part of it). The totals row is never a row of an entity.
 */
export interface FoundRow {
  /** The element that stands for the row (maybe a `display: contents` wrapper). */
  readonly element: Element;
  /** The entity id from the row's surface; undefined without one. */
  readonly entityId: string | undefined;
  /** The full name, read for rows without an id. */
  readonly name: string | undefined;
  /** The name cell's box, where a badge goes; undefined when the row has no place for one. */
  readonly anchor: Element | undefined;
}

/** An element without a box (`display: contents` wrapper) stands for its first child. */
export function boxOf(element: Element): Element | undefined {
  const contents =
    element.hasAttribute('data-surface-wrapper') ||
    (element as HTMLElement).style?.display === 'contents';
  return contents ? (element.firstElementChild ?? undefined) : element;
}

function isFooter(element: Element): boolean {
  return element.closest(footerRow) !== null || /table_row:-1\//.test(surfaceOf(element));
}

function surfaceOf(element: Element): string {
  return element.getAttribute('data-surface') ?? '';
}

/** Text of an element without what its controls (toolbar, buttons) say. */
function ownText(element: Element): string {
  let text = element.textContent ?? '';
  for (const control of element.querySelectorAll(cellControls)) {
    text = text.replace(control.textContent ?? '', '');
  }
  return text.replace(/\s+/g, '');
}

/**
 * The name cell around `name`: the largest ancestor inside the row holding nothing of another cell
 * (no checkbox or switch, no text beyond the name and the cell's controls), as a box.
 */
function nameCellAround(name: Element, row: Element): Element | undefined {
  const text = ownText(name);
  let cell = name;
  for (let parent = name.parentElement; parent && parent !== row && row.contains(parent);) {
    if (parent.querySelector(otherCellControls) || ownText(parent) !== text) break;
    cell = parent;
    parent = parent.parentElement;
  }
  return boxOf(cell);
}

/** The element with the row's full name: a tooltip source holding a link first. */
function nameElementIn(scope: Element): Element | undefined {
  const tooltips = [...scope.querySelectorAll(nameTooltip)].filter(
    (element) => !element.closest(cellControls),
  );
  return tooltips.find((element) => element.querySelector('a')) ?? tooltips[0];
}

function fullName(element: Element | undefined): string | undefined {
  if (!element) return undefined;
  return element.getAttribute('data-tooltip-content') ?? element.textContent ?? undefined;
}

/** How the rows of a table were found: by surface id, by full name, or by ARIA index. */
export type RowWay = 'surface' | 'tooltip' | 'index';

export interface RowSet {
  readonly way: RowWay;
  readonly rows: readonly Element[];
  /** The element holding the rows side by side, checked first on the next look. */
  readonly container: Element | undefined;
}

/** The nearest element holding all of `elements`. */
function commonAncestor(elements: readonly Element[]): Element | undefined {
  let common: Element | null = elements[0]?.parentElement ?? null;
  for (const element of elements.slice(1)) {
    while (common && !common.contains(element)) common = common.parentElement;
  }
  return common ?? undefined;
}

const BEYOND_BODY = `[role="columnheader"], ${footerRow}`;

function nameElements(scope: Element): Element[] {
  return [...scope.querySelectorAll(nameTooltip)].filter(
    (element) => !element.closest(cellControls) && !isFooter(element),
  );
}

/**
 * The rows holding names: children of the element that holds every name. A lone name's row is the
 * largest ancestor holding neither header nor totals.
 */
function rowsOfNames(table: Element, names: readonly Element[]): RowSet | undefined {
  let container = names.length > 1 ? commonAncestor(names) : undefined;
  if (names.length === 1) {
    let row = names[0]!;
    while (
      row.parentElement &&
      row.parentElement !== table &&
      !row.parentElement.querySelector(BEYOND_BODY)
    ) {
      row = row.parentElement;
    }
    container = row.parentElement ?? undefined;
  }
  if (!container) return undefined;
  const rows = new Set<Element>();
  for (const name of names) {
    let row: Element = name;
    while (row.parentElement && row.parentElement !== container) row = row.parentElement;
    rows.add(row);
  }
  return { way: 'tooltip', rows: [...rows], container };
}

const hasId = (row: Element) => rowIdFromSurface(row.getAttribute('data-surface')) !== undefined;
const holdsName = (row: Element) => nameElements(row).length > 0;

/** The rows of `table` now, by the first way that finds any; the previous set's container first. */
export function findRowElements(table: Element, previous?: RowSet): RowSet | undefined {
  const container = previous?.container;
  if (previous && container?.isConnected && table.contains(container)) {
    const test =
      previous.way === 'surface' ? hasId : previous.way === 'tooltip' ? holdsName : undefined;
    const rows = test ? [...container.children].filter(test) : [];
    if (rows.length > 0) return { ...previous, rows };
  }
  const surfaced = [...table.querySelectorAll(surfaceRow)].filter(hasId);
  if (surfaced.length > 0) {
    return { way: 'surface', rows: surfaced, container: surfaced[0]!.parentElement ?? undefined };
  }
  const names = nameElements(table);
  if (names.length > 0) return rowsOfNames(table, names);
  const indexed = [...table.querySelectorAll(bodyRow)];
  return indexed.length > 0 ? { way: 'index', rows: indexed, container: undefined } : undefined;
}

/** What `row` shows now; `known` (the last reading of the same element) spares the cell search. */
export function readRow(row: Element, way: RowWay, known?: FoundRow): FoundRow {
  const entityId =
    way === 'surface' ? rowIdFromSurface(row.getAttribute('data-surface')) : undefined;
  if (way === 'surface') {
    if (known && known.entityId === entityId && known.anchor && row.contains(known.anchor)) {
      return known;
    }
    const cell = [...row.querySelectorAll(cellSurface)].find((element) =>
      isNameCellSurface(element.getAttribute('data-surface')),
    );
    const name = nameElementIn(cell ?? row) ?? (cell ?? row).querySelector(rowName) ?? undefined;
    const anchor = cell ? boxOf(cell) : name && nameCellAround(name, row);
    return { element: row, entityId, name: fullName(name), anchor };
  }
  const name = way === 'tooltip' ? nameElementIn(row) : (row.querySelector(rowName) ?? undefined);
  const text = fullName(name);
  if (known && known.name === text && known.anchor && row.contains(known.anchor)) return known;
  return {
    element: row,
    entityId: undefined,
    name: text,
    anchor: name && nameCellAround(name, row),
  };
}
