import { observe, onMutations, waitForElement } from './observe';
import {
  bodyRow,
  rowIdFromSurface,
  rowName,
  rowNameContent,
  table as tableSelector,
} from './selectors';

/**
 * Follows the visible rows of Ads Manager's virtualized table and says which entity each shows.
 * The table recycles row elements (same element, new `data-surface` and text) and mounts a new
 * table on a tab or account switch, so the tracker re-reads the rows after every change the page
 * makes to the table, in the same frame, before paint. Reading ~40 rows costs far less than a
 * frame; only rows whose entity (or name cell) changed are reported.
 */
export interface TrackedRow {
  readonly element: Element;
  /** The entity the row shows now; undefined when neither its id nor its name tells. */
  readonly entityId: string | undefined;
  /** The visible name, read only for rows without a `data-surface` id. */
  readonly name: string | undefined;
  /** The name cell's content div, where a badge goes; undefined when the row has none. */
  readonly anchor: Element | undefined;
}

/**
 * `searching` until the table is there and loaded; `tracking` while rows are found; `no-table`
 * when no table appeared in time; `no-rows` when a loaded table shows rows the selectors miss.
 */
export type RowTrackerStatus = 'searching' | 'tracking' | 'no-table' | 'no-rows';

export interface RowTrackerOptions {
  readonly signal: AbortSignal;
  /**
   * Rows whose entity, name or name cell changed (a new row, a recycled one, a re-rendered cell), and
   * all the rows in the table now. May run before `trackRows` returns.
   */
  readonly onChange: (changed: readonly TrackedRow[], rows: readonly TrackedRow[]) => void;
  readonly onStatus?: (status: RowTrackerStatus) => void;
  /** The entity a visible name identifies, for rows without a `data-surface` id. */
  readonly identifyByName?: (name: string) => string | undefined;
  /** How long to wait for a table before saying there is none. */
  readonly tableTimeoutMs?: number;
}

export interface RowTracker {
  /** The rows in the table now. */
  rows(): readonly TrackedRow[];
  /** Identifies every row again (say, when names became matchable) and reports the changes. */
  refresh(): void;
}

export const DEFAULT_TABLE_TIMEOUT_MS = 20_000;
/** The attributes the page changes when it re-binds a row or finishes loading. */
const WATCHED_ATTRIBUTES = ['data-surface', 'aria-rowindex', 'aria-busy'];
/** An empty table says so in a status message ("No campaigns to show"); that is not a failure. */
const EMPTY_MESSAGE = '[role="status"]';

type Seen = Omit<TrackedRow, 'element'>;

export function trackRows(options: RowTrackerOptions): RowTracker {
  const { signal, onChange, onStatus, identifyByName } = options;
  const seen = new WeakMap<Element, Seen>();
  let current: readonly TrackedRow[] = [];
  let table: Element | undefined;
  let rowContainer: Element | undefined;
  let status: RowTrackerStatus = 'searching';
  let tableRun: AbortController | undefined;

  function setStatus(next: RowTrackerStatus): void {
    if (next === status) return;
    status = next;
    onStatus?.(next);
  }

  /** The row's name cell content, reused while it is still inside the row (recycling keeps it). */
  function anchorOf(element: Element): Element | undefined {
    const known = seen.get(element)?.anchor;
    if (known && element.contains(known)) return known;
    return element.querySelector(rowNameContent) ?? undefined;
  }

  function read(element: Element): TrackedRow {
    const anchor = anchorOf(element);
    const byId = rowIdFromSurface(element.getAttribute('data-surface'));
    if (byId !== undefined) return { element, entityId: byId, name: undefined, anchor };
    const name = element.querySelector(rowName)?.textContent ?? undefined;
    const entityId = name && identifyByName ? identifyByName(name) : undefined;
    return { element, entityId, name, anchor };
  }

  function differs(before: Seen | undefined, row: TrackedRow): boolean {
    return (
      before?.entityId !== row.entityId ||
      before?.name !== row.name ||
      before?.anchor !== row.anchor
    );
  }

  function updateStatus(scanned: Element, rowCount: number): void {
    if (rowCount > 0) return setStatus('tracking');
    if (scanned.getAttribute('aria-busy') === 'true') return;
    setStatus(scanned.querySelector(EMPTY_MESSAGE) ? 'tracking' : 'no-rows');
  }

  /**
   * The body rows now. A virtualized table keeps its rows side by side in one container, so once
   * found, only that container's children are checked: a query over the whole table (thousands of
   * cells) on every update was the tracker's largest cost.
   */
  function bodyRows(within: Element): readonly Element[] {
    if (rowContainer?.isConnected && within.contains(rowContainer)) {
      const rows = [...rowContainer.children].filter((child) => child.matches(bodyRow));
      if (rows.length > 0) return rows;
    }
    const rows = [...within.querySelectorAll(bodyRow)];
    rowContainer = rows[0]?.parentElement ?? undefined;
    return rows;
  }

  /** Reads every row; reports those that changed. */
  function scan(): void {
    if (!table) return;
    const changed: TrackedRow[] = [];
    const rows: TrackedRow[] = [];
    for (const element of bodyRows(table)) {
      const row = read(element);
      rows.push(row);
      if (differs(seen.get(element), row)) {
        seen.set(element, row);
        changed.push(row);
      }
    }
    current = rows;
    updateStatus(table, rows.length);
    if (changed.length > 0) onChange(changed, rows);
  }

  function attach(element: Element): void {
    tableRun?.abort();
    const run = new AbortController();
    tableRun = run;
    signal.addEventListener('abort', () => run.abort(), { once: true });
    table = element;
    // characterData: React updates a text node in place where this page replaces it.
    const init = {
      childList: true,
      subtree: true,
      characterData: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    };
    onMutations(
      element,
      init,
      (_records, observer) => {
        scan();
        // What onChange wrote (badges) is ours: no need to scan again for it.
        observer.takeRecords();
      },
      run.signal,
    );
    scan();
  }

  // While the table it follows is on the page, the tracker does not look for another: a query of
  // the whole document on every frame the page changes costs more than all the rest.
  observe((root) => (table?.isConnected ? [] : root.querySelectorAll(tableSelector)), attach, {
    signal,
  });
  void waitForElement(tableSelector, {
    signal,
    timeoutMs: options.tableTimeoutMs ?? DEFAULT_TABLE_TIMEOUT_MS,
  }).then((found) => {
    if (!found && !signal.aborted) setStatus('no-table');
  });

  return {
    rows: () => current,
    refresh: scan,
  };
}
