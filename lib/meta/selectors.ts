/**
 * Every Ads Manager selector the overlay relies on, each with the counts it must match on the
 * simulator's page (meta-graph-api.md §10; the simulator's DOM contract is the top comment of
 * tests/sim/ads-manager/index.ts). Nothing here names a class: Meta's atomic class names change
 * with every build. tests/e2e/selectors.e2e.ts checks each `<name>Fixtures` in Chromium, on both
 * page variants and two builds, and names the selector that broke.
 */

/** A simulator page a selector is checked on, and how many elements it must match there. */
export interface SelectorFixture {
  /** Whether the page carries `data-surface` attributes (Meta has served both). */
  readonly variant: 'data-surface' | 'no-data-surface';
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
export type SelectorCount = number | { readonly rowsPlus: number };
const ROWS = { rowsPlus: 0 } as const;

/** The data table; Ads Manager has one per page. */
export const table = '[role="table"]';
export const tableFixtures: readonly SelectorFixture[] = [
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

/** The date picker's button; its text names the page's range (read by lib/meta/date-range.ts). */
export const dateRangeButton = 'button[aria-label="Date range"]';
export const dateRangeButtonFixtures: readonly SelectorFixture[] = [
  { variant: 'data-surface', tab: 'campaigns', count: 1 },
  { variant: 'no-data-surface', tab: 'ads', count: 1 },
];

const ROW_SURFACE = /^\/am\/table\/table_row:(\d{1,25})unit$/;

/** The entity id in a row's `data-surface`, or undefined when the value is anything else. */
export function rowIdFromSurface(surface: string | null): string | undefined {
  return surface === null ? undefined : ROW_SURFACE.exec(surface)?.[1];
}
