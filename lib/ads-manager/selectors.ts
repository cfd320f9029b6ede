/**
 * Every Ads Manager selector the overlay relies on, each with the counts it must match on the
 * simulator's page. The page built to the evidence of the live one (ads-manager-dom.md; its DOM
 * contract is the top comment of tests/sim/ads-manager/client/fixed-data-table.ts) comes first; the
 * simulator's earlier guess (tests/sim/ads-manager/index.ts) is kept working. Nothing here names a
 * class, and nothing relies on `role="row"`, `aria-rowindex`, column order or a cell's visible
 * text except the earlier guess's fallback. tests/e2e/selectors.e2e.ts checks each `<name>Fixtures`
 * in Chromium, on its page variants and two builds, and names the selector that broke.
 */

/** A simulator page a selector is checked on, and how many elements it must match there. */
export interface SelectorFixture {
  /** The simulator's page variant (tests/sim/ads-manager/control.ts). */
  readonly variant:
    'evidence' | 'evidence-no-ids' | 'evidence-recycled' | 'data-surface' | 'no-data-surface';
  readonly tab: 'campaigns' | 'adsets' | 'ads';
  /** Matches in the whole document, once the table has loaded, scrolled to the top. */
  readonly count: SelectorCount;
  /** For selectors that take an argument (a cell's field key). */
  readonly argument?: string;
}

/**
 * An exact count, or one relative to the body rows the virtualized table keeps in the DOM at the
 * fixture's viewport (the e2e spec counts those from `aria-rowindex`, so the viewport may change):
 * `{ rowsPlus: 2 }` is every body row plus the header and totals rows.
 */
export type SelectorCount = number | { readonly rowsPlus: number; readonly rowsTimes?: number };
const ROWS = { rowsPlus: 0 } as const;

/** The data table; Ads Manager has one per page. */
export const table = '[role="table"]';
export const tableFixtures: readonly SelectorFixture[] = [
  { variant: 'evidence', tab: 'campaigns', count: 1 },
  { variant: 'evidence-no-ids', tab: 'ads', count: 1 },
  { variant: 'data-surface', tab: 'campaigns', count: 1 },
  { variant: 'no-data-surface', tab: 'ads', count: 1 },
];

/** Every row of the table, header and totals rows included: the fallback's starting point. */
export const anyRow = '[role="table"] [role="row"]';
export const anyRowFixtures: readonly SelectorFixture[] = [
  { variant: 'data-surface', tab: 'campaigns', count: { rowsPlus: 2 } },
  { variant: 'no-data-surface', tab: 'adsets', count: { rowsPlus: 2 } },
];

/** A body row by its `data-surface` id: `/am/table/table_row:<id>unit`. */
export const surfaceRow = '[data-surface*="table_row:"][data-surface$="unit"]';
export const surfaceRowFixtures: readonly SelectorFixture[] = [
  { variant: 'evidence', tab: 'campaigns', count: ROWS },
  { variant: 'evidence-recycled', tab: 'adsets', count: ROWS },
  { variant: 'evidence-no-ids', tab: 'campaigns', count: 0 },
  { variant: 'data-surface', tab: 'campaigns', count: ROWS },
  { variant: 'data-surface', tab: 'ads', count: ROWS },
  { variant: 'no-data-surface', tab: 'campaigns', count: 0 },
];

/**
 * A body row without `data-surface`: ARIA grids number their rows from 1, the header being 1; the
 * totals row carries no index.
 */
export const indexedBodyRow = '[role="table"] [role="row"][aria-rowindex]:not([aria-rowindex="1"])';
export const indexedBodyRowFixtures: readonly SelectorFixture[] = [
  { variant: 'data-surface', tab: 'campaigns', count: ROWS },
  { variant: 'no-data-surface', tab: 'campaigns', count: ROWS },
  { variant: 'no-data-surface', tab: 'ads', count: ROWS },
];

/** The body rows on either variant. */
export const bodyRow = `${surfaceRow}, ${indexedBodyRow}`;
export const bodyRowFixtures: readonly SelectorFixture[] = [
  { variant: 'data-surface', tab: 'adsets', count: ROWS },
  { variant: 'no-data-surface', tab: 'adsets', count: ROWS },
];

/** Quotes a value for an attribute selector: field keys hold parentheses, commas and colons. */
function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** A body cell by its field key (`spend`, `forAttributionWindow(results,default)`, `name`…). */
export function surfaceCell(fieldKey: string): string {
  return `[data-surface*="table_row:"][data-surface$=${quoted(`unit/table_cell:${fieldKey}`)}]`;
}
export const surfaceCellFixtures: readonly SelectorFixture[] = [
  { variant: 'data-surface', tab: 'campaigns', argument: 'name', count: ROWS },
  { variant: 'data-surface', tab: 'ads', argument: 'spend', count: ROWS },
  {
    variant: 'data-surface',
    tab: 'adsets',
    argument: 'forAttributionWindow(purchase_roas:omni_purchase,default)',
    count: ROWS,
  },
  { variant: 'no-data-surface', tab: 'campaigns', argument: 'spend', count: 0 },
];

/**
 * The name cell in a row, on either variant: the frozen (sticky) column block is a
 * `div[role="presentation"]` whose only cell is the name; checkbox and switch sit in plain divs.
 */
export const rowNameCell = `${surfaceCell('name')}, [role="row"] [role="presentation"] > [role="cell"]`;
export const rowNameCellFixtures: readonly SelectorFixture[] = [
  // The totals row's frozen block holds a name cell too ("Results from 200 campaigns").
  { variant: 'data-surface', tab: 'campaigns', count: { rowsPlus: 1 } },
  { variant: 'no-data-surface', tab: 'ads', count: { rowsPlus: 1 } },
];

/**
 * The name cell's content div: name, second line, and where the overlay appends a row's badge
 * (the simulator's contract: a node appended there survives recycling and shifts nothing).
 */
export const rowNameContent = `:is(${rowNameCell}) > div:first-child`;
export const rowNameContentFixtures: readonly SelectorFixture[] = [
  { variant: 'data-surface', tab: 'adsets', count: { rowsPlus: 1 } },
  { variant: 'no-data-surface', tab: 'campaigns', count: { rowsPlus: 1 } },
];

/** The element holding an entity's visible name: a link for campaigns and ad sets, text for ads. */
export const rowName = `${rowNameContent} > :first-child`;
export const rowNameFixtures: readonly SelectorFixture[] = [
  { variant: 'data-surface', tab: 'campaigns', count: { rowsPlus: 1 } },
  { variant: 'no-data-surface', tab: 'ads', count: { rowsPlus: 1 } },
];

/** The table's loading state: `aria-busy="true"` until the last chunk of a load arrived. */
export const busyTable = '[role="table"][aria-busy="true"]';
export const busyTableFixtures: readonly SelectorFixture[] = [
  { variant: 'data-surface', tab: 'campaigns', count: 0 },
];

/**
 * The date picker, whose text names the page's range in the page's language (read by
 * lib/ads-manager/date-range.ts): the live page's `stats_range` surface (it holds the button), or the
 * earlier guess's button.
 */
export const dateRangeControl =
  '[data-surface="/am/table/stats_range"], button[aria-label="Date range"]';
export const dateRangeControlFixtures: readonly SelectorFixture[] = [
  { variant: 'evidence', tab: 'campaigns', count: 2 },
  { variant: 'data-surface', tab: 'campaigns', count: 1 },
  { variant: 'no-data-surface', tab: 'ads', count: 1 },
];

/**
 * The element holding a row's full name: the live page's tooltip source, whatever the visible text
 * (cut with an ellipsis, or followed by the hover toolbar's labels).
 */
export const nameTooltip = '[data-tooltip-content]';
export const nameTooltipFixtures: readonly SelectorFixture[] = [
  { variant: 'evidence', tab: 'campaigns', count: ROWS },
  { variant: 'evidence-no-ids', tab: 'ads', count: ROWS },
  { variant: 'data-surface', tab: 'campaigns', count: 0 },
];

/** Cell surfaces of a row (exact name-cell match: `isNameCellSurface`). */
export const cellSurface = '[data-surface*="/table_cell:"]';
export const cellSurfaceFixtures: readonly SelectorFixture[] = [
  // Campaigns: 11 cells and 2 nested surfaces a row; the footer's 9 cells.
  { variant: 'evidence', tab: 'campaigns', count: { rowsTimes: 13, rowsPlus: 9 } },
  { variant: 'evidence-no-ids', tab: 'campaigns', count: 0 },
];

/** What sits in a name cell beside the name and is not part of it: the hover toolbar, buttons. */
export const cellControls = '[role="toolbar"], [role="button"], button';
export const cellControlsFixtures: readonly SelectorFixture[] = [
  // Six a row (four tools, the menu, the toolbar); the page's own 19 elsewhere.
  { variant: 'evidence', tab: 'ads', count: { rowsTimes: 6, rowsPlus: 19 } },
];

/** What belongs to another cell than the name: the row's checkbox and on/off switch. */
export const otherCellControls = 'input, [role="switch"], [role="checkbox"]';
export const otherCellControlsFixtures: readonly SelectorFixture[] = [
  { variant: 'evidence', tab: 'campaigns', count: { rowsTimes: 2, rowsPlus: 0 } },
];

/** The totals row (its cells use row id -1): never a row of an entity. */
export const footerRow = '[data-pagelet$="footerRow"]';
export const footerRowFixtures: readonly SelectorFixture[] = [
  { variant: 'evidence', tab: 'campaigns', count: 1 },
  { variant: 'evidence-no-ids', tab: 'adsets', count: 1 },
];

const ROW_SURFACE = /^\/am\/table\/table_row:(\d{1,25})unit$/;

/** The entity id in a row's `data-surface`, or undefined when the value is anything else. */
export function rowIdFromSurface(surface: string | null): string | undefined {
  return surface === null ? undefined : ROW_SURFACE.exec(surface)?.[1];
}

const NAME_CELL = /\/table_cell:(?:name|forObjectType\(name,[A-Z_]{1,40}\))$/;

/** Whether a surface is a name cell's own (not a surface nested in it, such as its menu). */
export function isNameCellSurface(surface: string | null): boolean {
  return surface !== null && NAME_CELL.test(surface);
}
