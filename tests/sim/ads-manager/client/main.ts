/**
 * The page controller: reads the boot configuration, renders the shell, and turns every URL state
 * into a table. Account or tab changes mount a new table; a new date range or filter reloads the
 * data into the same row elements; a selection change only updates checkboxes. Data arrives in
 * chunks (a screenful first, then the rest in three parts) to imitate the real page's streaming.
 */
import type { Level } from '../../world/types';
import {
  DEFAULT_PRESET,
  LEVEL_TAB,
  SELECTION_KEY,
  SHOW_ALL_FILTER_SET,
  TAB_LEVEL,
  parseDateParam,
  presetRange,
  statusFilterOf,
  tableApiHref,
  formatDateParam,
  type DateRange,
  type ManageState,
  type TableQuery,
} from '../url-scheme';
import {
  decodeRow,
  type BootAccount,
  type BootConfig,
  type TablePage,
  type TableRow,
} from '../wire';
import { isEvidenceVariant } from '../control';
import { configureDom, el, sleep } from './dom';
import { FixedDataTable } from './fixed-data-table';
import { currentState, navigate, onRouteChange } from './router';
import { createShell, type Shell } from './shell';
import { VirtualTable } from './table';
import { tabTitle } from './tabs';

/** Streaming timings (ms): shell → table skeleton → first chunk → each further chunk. */
const SKELETON_DELAY = 150;
const FIRST_CHUNK_DELAY = 300;
const NEXT_CHUNK_DELAY = 200;
const FIRST_CHUNK_ROWS = 40;
const LATER_CHUNKS = 3;

function readBoot(): BootConfig {
  const node = document.querySelector('script[type="application/json"][data-sjs]');
  return JSON.parse(node?.textContent ?? '{}') as BootConfig;
}

async function fetchPage(query: TableQuery, signal: AbortSignal): Promise<TablePage> {
  const response = await fetch(tableApiHref(query), { signal, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`table endpoint answered ${response.status}`);
  return (await response.json()) as TablePage;
}

const decode = (page: TablePage): TableRow[] => page.rows.map(decodeRow);

/** What the controller needs of either table: the earlier guess or the evidence-based one. */
type Table = Pick<
  VirtualTable,
  | 'element'
  | 'destroy'
  | 'setBusy'
  | 'showSkeleton'
  | 'showMessage'
  | 'reset'
  | 'append'
  | 'setSelection'
>;

class Controller {
  private readonly shell: Shell;
  /** The evidence pages' `date=` end is exclusive; the earlier guess's inclusive. */
  private readonly exclusiveEnd: boolean;
  private table: Table | undefined;
  private tableKey = '';
  private dataKey = '';
  private state: ManageState | undefined;
  private loading: AbortController | undefined;

  constructor(private readonly boot: BootConfig) {
    this.exclusiveEnd = isEvidenceVariant(boot.variant);
    this.shell = createShell(boot, {
      pickAccount: (account) =>
        this.go({ act: account.accountId, businessId: account.businessId, ...NO_SELECTION }),
      pickRange: (range) => this.go({ date: formatDateParam(range, this.exclusiveEnd) }),
      pickTab: (tab) => this.go({ tab }),
      clearSelection: (level) => this.go({ [SELECTION_KEY[level]]: [] }),
      toggleShowAll: () => {
        const on = statusFilterOf(this.state?.filterSet ?? null).deleted;
        this.go({ filterSet: on ? null : SHOW_ALL_FILTER_SET });
      },
    });
  }

  mount(): void {
    document.body.append(this.shell.root);
    onRouteChange(() => this.apply());
    setTimeout(() => this.apply(), SKELETON_DELAY);
  }

  private go(change: Partial<ManageState>, mode: 'push' | 'replace' = 'push'): void {
    if (this.state) navigate({ ...this.state, ...change }, mode);
  }

  private apply(): void {
    const state = currentState();
    if (!state) return;
    this.state = state;
    const account = this.boot.accounts.find((a) => a.accountId === state.act);
    const range = account ? resolveRange(state, account, this.exclusiveEnd) : undefined;
    this.shell.update(state, account, range);
    this.shell.setShowAll(statusFilterOf(state.filterSet).deleted);
    document.title = `Ads Manager - Manage ads - ${tabTitle(state.tab)}`;
    if (!account || !range) return this.showProblem(state);
    const level = TAB_LEVEL[state.tab];
    const tableKey = `${account.accountId}/${level}`;
    const dataKey = JSON.stringify([
      tableKey,
      range.since,
      range.until,
      state.filterSet,
      scopeOf(state, level),
    ]);
    if (tableKey !== this.tableKey) this.mountTable(level, account);
    const table = this.table;
    if (!table) return;
    table.setSelection(state[SELECTION_KEY[level]]);
    if (dataKey !== this.dataKey) {
      this.dataKey = dataKey;
      void this.load(table, this.queryOf(state, account, level, range));
    }
  }

  private showProblem(state: ManageState): void {
    this.loading?.abort();
    this.table?.destroy();
    this.table = undefined;
    this.tableKey = '';
    this.dataKey = '';
    const text =
      this.boot.accounts.length === 0
        ? 'You don’t have any ad accounts yet.'
        : `You don’t have permission to view ad account ${state.act ?? ''}.`;
    this.shell.pane.replaceChildren(el('div', 'message', { role: 'alert' }, [text]));
  }

  private mountTable(level: Level, account: BootAccount): void {
    this.loading?.abort();
    this.table?.destroy();
    this.tableKey = `${account.accountId}/${level}`;
    this.dataKey = '';
    const options = {
      level,
      currency: account.currency,
      onToggleSelect: (row: TableRow, selected: boolean) => this.toggleSelect(level, row, selected),
      onOpen: (row: TableRow) => this.drillDown(level, row),
    };
    const { variant, locale, buildId } = this.boot;
    const table = isEvidenceVariant(variant)
      ? new FixedDataTable({ ...options, variant, locale, buildId })
      : new VirtualTable(options);
    this.table = table;
    this.shell.pane.replaceChildren(table.element);
  }

  private toggleSelect(level: Level, row: TableRow, selected: boolean): void {
    const key = SELECTION_KEY[level];
    const ids = (this.state?.[key] ?? []).filter((id) => id !== row.id);
    this.go({ [key]: selected ? [...ids, row.id] : ids }, 'replace');
  }

  /** A campaign name opens its ad sets, an ad set name its ads (selection narrowed to that row). */
  private drillDown(level: Level, row: TableRow): void {
    if (level === 'campaign') {
      this.go({ tab: LEVEL_TAB.adset, selectedCampaignIds: [row.id], ...NO_CHILD_SELECTION });
    } else if (level === 'adset') {
      this.go({ tab: LEVEL_TAB.ad, selectedAdsetIds: [row.id], selectedAdIds: [] });
    }
  }

  private queryOf(
    state: ManageState,
    account: BootAccount,
    level: Level,
    range: DateRange,
  ): TableQuery {
    return {
      act: account.accountId,
      level,
      since: range.since,
      until: range.until,
      selectedCampaignIds: level === 'campaign' ? [] : state.selectedCampaignIds,
      selectedAdsetIds: level === 'ad' ? state.selectedAdsetIds : [],
      filterSet: state.filterSet,
    };
  }

  private async load(table: Table, query: TableQuery): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    const { signal } = controller;
    const includesDeleted = statusFilterOf(query.filterSet ?? null).deleted;
    table.setBusy(true);
    table.showSkeleton();
    try {
      await sleep(FIRST_CHUNK_DELAY, signal);
      const first = await fetchPage({ ...query, offset: 0, limit: FIRST_CHUNK_ROWS }, signal);
      table.reset(decode(first), first.summary, first.total, includesDeleted);
      const rest = first.total - first.rows.length;
      const size = Math.max(1, Math.ceil(rest / LATER_CHUNKS));
      const later = { ...query, ...(first.snapshot ? { snapshot: first.snapshot } : {}) };
      for (let offset = first.rows.length; offset < first.total; offset += size) {
        await sleep(NEXT_CHUNK_DELAY, signal);
        table.append(decode(await fetchPage({ ...later, offset, limit: size }, signal)));
      }
      table.setBusy(false);
    } catch (error) {
      if (signal.aborted) return;
      console.error('[ads manager] table load failed', error);
      table.showMessage('Something went wrong. Try reloading the page.');
      table.setBusy(false);
    }
  }
}

const NO_CHILD_SELECTION = { selectedAdsetIds: [], selectedAdIds: [] } as const;
const NO_SELECTION = { selectedCampaignIds: [], ...NO_CHILD_SELECTION } as const;

/** The selection that narrows a level's rows (see table-data.ts). */
function scopeOf(state: ManageState, level: Level): readonly string[] {
  if (level === 'campaign') return [];
  if (level === 'ad' && state.selectedAdsetIds.length > 0) return state.selectedAdsetIds;
  return state.selectedCampaignIds;
}

function resolveRange(state: ManageState, account: BootAccount, exclusiveEnd: boolean): DateRange {
  return (
    parseDateParam(state.date, account.today, account.earliest, exclusiveEnd) ??
    presetRange(DEFAULT_PRESET, account.today, account.earliest)
  );
}

function start(): void {
  const boot = readBoot();
  configureDom(boot);
  new Controller(boot).mount();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
