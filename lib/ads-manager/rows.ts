import { normalizeName } from './name-match';
import { observe, onMutations, waitForElement } from './observe';
import { findRowElements, readRow, type FoundRow, type RowSet } from './recognize';
import { table as tableSelector } from './selectors';

/**
 * Follows the visible rows of Ads Manager's virtualized table and says which entity each shows
 * (how rows are found: lib/ads-manager/recognize.ts). The table may refill row elements with other
 * entities, and mounts a new table on a tab or account switch, so the tracker re-reads the rows
 * after every change the page makes to the table, in the same frame, before paint. Reading ~40
 * rows costs far less than a frame; only rows whose entity (or name cell) changed are reported.
 */
export interface TrackedRow extends FoundRow {
  /** The entity the row shows now; undefined when neither its id nor its name tells. */
  readonly entityId: string | undefined;
  /** Whether the row has no id, so only its name can tell its entity. */
  readonly byName: boolean;
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
const WATCHED_ATTRIBUTES = ['data-surface', 'data-tooltip-content', 'aria-rowindex', 'aria-busy'];
/** An empty table says so in a status message ("No campaigns to show"); that is not a failure. */
const EMPTY_MESSAGE = '[role="status"]';

export function trackRows(options: RowTrackerOptions): RowTracker {
  const { signal, onChange, onStatus, identifyByName } = options;
  const seen = new WeakMap<Element, TrackedRow>();
  let current: readonly TrackedRow[] = [];
  let table: Element | undefined;
  let found: RowSet | undefined;
  let status: RowTrackerStatus = 'searching';
  let tableRun: AbortController | undefined;

  function setStatus(next: RowTrackerStatus): void {
    if (next === status) return;
    status = next;
    onStatus?.(next);
  }

  function differs(before: TrackedRow | undefined, row: TrackedRow): boolean {
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
   * Reads every row; reports those that changed. A name two rows on screen show identifies neither
   * of them, whatever the cache says.
   */
  function scan(): void {
    if (!table) return;
    found = findRowElements(table, found);
    const readings = (found?.rows ?? []).map((element) =>
      readRow(element, found!.way, seen.get(element)),
    );
    const shown = new Map<string, number>();
    for (const { entityId, name } of readings) {
      const key = entityId === undefined && name ? normalizeName(name) : '';
      if (key) shown.set(key, (shown.get(key) ?? 0) + 1);
    }
    const changed: TrackedRow[] = [];
    const rows = readings.map((reading) => {
      const key = reading.name === undefined ? '' : normalizeName(reading.name);
      const entityId =
        reading.entityId ??
        (key && shown.get(key) === 1 && identifyByName ? identifyByName(key) : undefined);
      const before = seen.get(reading.element);
      const next = { ...reading, entityId, byName: reading.entityId === undefined };
      const row = before && !differs(before, next) ? before : next;
      if (row !== before) {
        seen.set(reading.element, row);
        changed.push(row);
      }
      return row;
    });
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
    found = undefined;
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
