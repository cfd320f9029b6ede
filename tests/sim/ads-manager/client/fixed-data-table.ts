/**
 * The table built to the evidence of the live page (/work/shared/docs/ads-manager-dom.md, "The
 * table"). DOM contract, each fact marked E (evidence: seen in rows copied from the live page,
 * Meta's logging library or automation scripts) or G (the simulator's guess where the evidence is
 * silent):
 * - E `[role="table"]` container; one header row `[role="row"]` whose cells are
 *   `[role="columnheader"]`; body rows `[role="presentation"]`, cells without a role; no
 *   `aria-rowindex`, `aria-colindex` or `data-testid` on rows. G `aria-busy` on the container while
 *   chunks load, `aria-rowcount`.
 * - E FixedDataTable shape: class names `_1gda` (row), `_1gd4` (row body), `_1gd5`, `_3pzj` (cell
 *   group), `_4lg0 _4h2m` (cell); G which element carries which, and the styling.
 * - E each body row is wrapped in `<span data-surface-wrapper="1" data-surface=
 *   "/am/table/table_row:<ID>unit" style="display: contents">`, each cell in its own wrapper
 *   `…/table_row:<ID>unit/table_cell:<key>`; wrappers have no box. E nested surfaces:
 *   `…/table_cell:spend/spend_sla`, `…/table_cell:forObjectType(name,…)/maiba:ad_object_overflow_menu_entrypoint`.
 * - E cell keys wrapped by object type per tab: `forObjectType(name|toggle|delivery|budget|end_time,
 *   CAMPAIGN_GROUP|CAMPAIGN|ADGROUP)`, `row_selector`, `spend`, `impressions`, `reach`,
 *   `forAttributionWindow(results|cost_per_result,default)`. G the column set and its order (build 2
 *   reverses the scrolling columns: never address a column by index).
 * - E the name cell: `div[data-hover="tooltip"][data-tooltip-content=<full name>]` holding
 *   `a[href="#"] > span` (the link carries no id), the visible text cut with an ellipsis; beside it
 *   in the same cell a hover toolbar `[role="toolbar"]` (Charts, Edit, Duplicate, Compare and a
 *   `role="button"` menu) whose localised labels are part of the cell's text. E "ad rows build the
 *   name cell a little differently": G how (a thumbnail and one more wrapper level here).
 * - E the totals row is a footer `[data-pagelet="FixedDataTableNew_footerRow"]` whose cells use row
 *   id `-1` (`/am/table/table_row:-1/table_cell:spend`). G its name cell's text has no tooltip.
 * - E virtualised: visible rows plus a buffer, positioned by `transform: translate(0px, Npx)`, 46 px
 *   high; DOM order is not screen order. E (inference) a row node may be refilled with another
 *   entity: the `evidence-recycled` variant keys nodes by buffer slot, `evidence` by entity.
 * - E custom scrolling: the native `scrollTop` stays 0 and no `scroll` event fires; the wheel
 *   scrolls (vertically, and horizontally with Shift or a horizontal delta); the fixed group
 *   (checkbox, toggle, name) stays put while the others scroll sideways.
 * - E loading cells `[role="progressbar"][aria-busy="true"]` (G: the metric cells while the table
 *   streams its chunks) and "—" for no value.
 * - E `evidence-no-ids`: no ids anywhere (G: no row or cell surfaces at all; the evidence only says
 *   the ids went missing).
 * - G the row's entity changes only through React-like minimal updates: attributes and text
 *   changed in place, nodes an extension appended inside a cell are left alone.
 */
import type { Level } from '../../world/types';
import { deliveryLabel, deriveMetrics } from '../columns';
import type { PageLocale, PageVariant } from '../control';
import type { TableRow, TableSummary } from '../wire';
import { el, setAttr, setText } from './dom';
import { pageText, type PageText } from './locale';
import type { TableOptions } from './table';

export const FDT_ROW_HEIGHT = 46;
const BUFFER = 4;
const FIXED_WIDTHS = { selector: 40, toggle: 52, name: 320 } as const;
const FIXED_WIDTH = FIXED_WIDTHS.selector + FIXED_WIDTHS.toggle + FIXED_WIDTHS.name;

const OBJECT_TYPE: Readonly<Record<Level, string>> = {
  campaign: 'CAMPAIGN_GROUP',
  adset: 'CAMPAIGN',
  ad: 'ADGROUP',
};

type MetricKind =
  | 'delivery'
  | 'budget'
  | 'results'
  | 'reach'
  | 'impressions'
  | 'cost_per_result'
  | 'spend'
  | 'end_time';

interface ScrollColumn {
  readonly kind: MetricKind;
  readonly key: string;
  readonly width: number;
}

export const rowSurfaceOf = (id: string): string => `/am/table/table_row:${id}unit`;

/** The scrolling columns of a tab, in the order of the page's build. */
export function scrollColumns(level: Level, buildId: number): ScrollColumn[] {
  const type = OBJECT_TYPE[level];
  const columns: ScrollColumn[] = [
    { kind: 'delivery', key: `forObjectType(delivery,${type})`, width: 140 },
    ...(level === 'ad'
      ? []
      : [{ kind: 'budget' as const, key: `forObjectType(budget,${type})`, width: 150 }]),
    { kind: 'results', key: 'forAttributionWindow(results,default)', width: 130 },
    { kind: 'reach', key: 'reach', width: 120 },
    { kind: 'impressions', key: 'impressions', width: 130 },
    { kind: 'cost_per_result', key: 'forAttributionWindow(cost_per_result,default)', width: 140 },
    { kind: 'spend', key: 'spend', width: 140 },
    { kind: 'end_time', key: `forObjectType(end_time,${type})`, width: 120 },
  ];
  return buildId % 2 === 0 ? columns.reverse() : columns;
}

export interface FixedDataTableOptions extends TableOptions {
  readonly variant: PageVariant;
  readonly locale: PageLocale;
  readonly buildId: number;
}

interface CellView {
  readonly wrapper: HTMLElement;
  readonly cell: HTMLElement;
  readonly key: string;
}

interface ScrollCellView extends CellView {
  readonly column: ScrollColumn;
}

interface RowView {
  readonly wrapper: HTMLElement;
  readonly element: HTMLElement;
  readonly scrollGroup: HTMLElement;
  readonly checkbox: HTMLInputElement;
  readonly toggle: HTMLElement;
  readonly tooltip: HTMLElement;
  readonly nameText: HTMLElement;
  readonly overflowWrapper: HTMLElement;
  readonly fixedCells: readonly CellView[];
  readonly cells: readonly ScrollCellView[];
  index: number;
  row: TableRow | undefined;
  loading: boolean;
}

function cellBox(left: number, width: number, extra = ''): HTMLElement {
  const cell = el('div');
  cell.className = `_4lg0 _4h2m ${extra}`.trim();
  cell.style.left = `${left}px`;
  cell.style.width = `${width}px`;
  return cell;
}

function wrapper(surface: string | undefined, child: HTMLElement): HTMLElement {
  if (surface === undefined) return child;
  const span = el('span', undefined, {
    'data-surface-wrapper': '1',
    'data-surface': surface,
    style: 'display: contents',
  });
  span.append(child);
  return span;
}

export class FixedDataTable {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly headerScroll: HTMLElement;
  private readonly footerScroll: HTMLElement;
  private readonly footerName: HTMLElement;
  private readonly footerCells: Map<MetricKind, HTMLElement> = new Map();
  private readonly text: PageText;
  private readonly type: string;
  private readonly columns: ScrollColumn[];
  private readonly scrollWidth: number;
  private readonly ids: boolean;
  private readonly recycled: boolean;
  private readonly views = new WeakMap<Element, RowView>();
  /** A cell's content → the span holding its value (absent while it shows a loading bar). */
  private readonly values = new WeakMap<Element, HTMLElement>();
  private readonly byId = new Map<string, RowView>();
  private pool: RowView[] = [];
  private rows: TableRow[] = [];
  private readonly known = new Set<string>();
  private selection = new Set<string>();
  private placeholder: HTMLElement | undefined;
  private busy = true;
  private scrollY = 0;
  private scrollX = 0;
  private frame = 0;
  private readonly resizeObserver: ResizeObserver | undefined;

  constructor(private readonly options: FixedDataTableOptions) {
    this.text = pageText(options.locale);
    this.type = OBJECT_TYPE[options.level];
    this.columns = scrollColumns(options.level, options.buildId);
    this.scrollWidth = this.columns.reduce((sum, c) => sum + c.width, 0);
    this.ids = options.variant !== 'evidence-no-ids';
    this.recycled = options.variant === 'evidence-recycled';
    this.viewport = el('div');
    this.viewport.className = '_1gd4 fdt-viewport';
    const header = this.buildHeader();
    this.headerScroll = header.scroll;
    const footer = this.buildFooter();
    this.footerScroll = footer.scroll;
    this.footerName = footer.name;
    this.element = el('div', undefined, { role: 'table', 'aria-busy': 'true' }, [
      header.row,
      this.viewport,
      footer.element,
    ]);
    this.element.className = '_1gd3 fdt-table';
    this.element.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    this.viewport.addEventListener('click', (event) => this.onClick(event));
    this.viewport.addEventListener('change', (event) => this.onChange(event));
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.scheduleRender());
      this.resizeObserver.observe(this.element);
    }
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.resizeObserver?.disconnect();
    this.element.remove();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    setAttr(this.element, 'aria-busy', String(busy));
    for (const view of this.liveViews()) this.writeMetrics(view);
  }

  showSkeleton(): void {
    if (this.rows.length > 0) return;
    const bar = el('div', undefined, { role: 'progressbar', 'aria-busy': 'true' });
    bar.className = 'fdt-skeleton';
    this.setPlaceholder(bar);
  }

  showMessage(message: string): void {
    this.replaceRows([], undefined);
    this.setPlaceholder(el('div', undefined, { role: 'status' }, [message]));
    this.render();
  }

  reset(
    rows: readonly TableRow[],
    summary: TableSummary,
    total: number,
    includesDeleted: boolean,
  ): void {
    this.setPlaceholder(undefined);
    this.replaceRows(rows, total);
    this.writeFooter(summary, includesDeleted);
    this.scrollY = 0;
    if (total === 0) {
      const what = this.text.label(`${this.options.level}s`);
      this.setPlaceholder(el('div', undefined, { role: 'status' }, [`0 ${what}`]));
    }
    this.render();
  }

  append(rows: readonly TableRow[]): void {
    for (const row of rows) {
      if (this.known.has(row.id)) continue;
      this.known.add(row.id);
      this.rows.push(row);
    }
    this.scheduleRender();
  }

  setSelection(ids: readonly string[]): void {
    this.selection = new Set(ids);
    for (const view of this.liveViews()) this.applySelection(view);
  }

  private liveViews(): RowView[] {
    return this.recycled ? this.pool.filter((view) => view.row) : [...this.byId.values()];
  }

  private replaceRows(rows: readonly TableRow[], total: number | undefined): void {
    this.rows = [];
    this.known.clear();
    this.append(rows);
    setAttr(this.element, 'aria-rowcount', total === undefined ? null : String(total + 2));
  }

  private setPlaceholder(node: HTMLElement | undefined): void {
    this.placeholder?.remove();
    this.placeholder = node;
    if (node) {
      node.classList.add('fdt-placeholder');
      this.viewport.append(node);
    }
  }

  private viewportHeight(): number {
    return this.viewport.clientHeight || 600;
  }

  private maxScrollY(): number {
    return Math.max(0, this.rows.length * FDT_ROW_HEIGHT - this.viewportHeight());
  }

  private maxScrollX(): number {
    const visible = (this.element.clientWidth || 1200) - FIXED_WIDTH;
    return Math.max(0, this.scrollWidth - visible);
  }

  private onWheel(event: WheelEvent): void {
    const vertical = event.shiftKey ? 0 : event.deltaY;
    const horizontal = event.shiftKey ? event.deltaY : event.deltaX;
    const y = Math.min(this.maxScrollY(), Math.max(0, this.scrollY + vertical));
    const x = Math.min(this.maxScrollX(), Math.max(0, this.scrollX + horizontal));
    if (y === this.scrollY && x === this.scrollX) return;
    event.preventDefault();
    this.scrollY = y;
    this.scrollX = x;
    this.scheduleRender();
  }

  private scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    this.scrollY = Math.min(this.scrollY, this.maxScrollY());
    const shift = `translate(${-this.scrollX}px, 0px)`;
    this.headerScroll.style.transform = shift;
    this.footerScroll.style.transform = shift;
    const height = this.viewportHeight();
    const first = Math.max(0, Math.floor(this.scrollY / FDT_ROW_HEIGHT) - BUFFER);
    const last = Math.min(
      this.rows.length,
      Math.ceil((this.scrollY + height) / FDT_ROW_HEIGHT) + BUFFER,
    );
    if (this.recycled) this.renderSlots(first, last);
    else this.renderKeyed(first, last);
  }

  /** React keyed by entity: a row node stays with its entity; others mount and unmount. */
  private renderKeyed(first: number, last: number): void {
    const wanted = new Set<string>();
    for (let index = first; index < last; index++) {
      const row = this.rows[index];
      if (!row) continue;
      wanted.add(row.id);
      let view = this.byId.get(row.id);
      if (!view) {
        view = this.createRowView();
        this.byId.set(row.id, view);
      }
      this.place(view, index, row);
    }
    for (const [id, view] of this.byId) {
      if (wanted.has(id)) continue;
      view.wrapper.remove();
      this.byId.delete(id);
    }
  }

  /** FixedDataTable's default: nodes keyed by buffer slot, refilled with whatever row comes. */
  private renderSlots(first: number, last: number): void {
    const size = Math.ceil(this.viewportHeight() / FDT_ROW_HEIGHT) + 2 * BUFFER + 1;
    while (this.pool.length < size) this.pool.push(this.createRowView());
    const used = new Set<RowView>();
    for (let index = first; index < last; index++) {
      const view = this.pool[index % this.pool.length];
      const row = this.rows[index];
      if (!view || !row) continue;
      used.add(view);
      this.place(view, index, row);
    }
    for (const view of this.pool) {
      if (used.has(view)) continue;
      view.wrapper.remove();
      view.index = -1;
      view.row = undefined;
    }
  }

  private place(view: RowView, index: number, row: TableRow): void {
    if (view.row !== row) this.bind(view, row);
    view.index = index;
    const transform = `translate(0px, ${index * FDT_ROW_HEIGHT - this.scrollY}px)`;
    if (view.element.style.transform !== transform) view.element.style.transform = transform;
    const shift = `translate(${-this.scrollX}px, 0px)`;
    if (view.scrollGroup.style.transform !== shift) view.scrollGroup.style.transform = shift;
    if (view.loading !== this.busy) this.writeMetrics(view);
    if (!view.wrapper.isConnected) this.viewport.append(view.wrapper);
  }

  private surface(row: TableRow | undefined, key?: string): string | undefined {
    if (!this.ids || !row) return undefined;
    return key === undefined ? rowSurfaceOf(row.id) : `${rowSurfaceOf(row.id)}/table_cell:${key}`;
  }

  private bind(view: RowView, row: TableRow): void {
    view.row = row;
    if (this.ids) {
      setAttr(view.wrapper, 'data-surface', rowSurfaceOf(row.id));
      for (const cell of [...view.fixedCells, ...view.cells]) {
        setAttr(cell.wrapper, 'data-surface', this.surface(row, cell.key) ?? null);
      }
      setAttr(
        view.overflowWrapper,
        'data-surface',
        `${this.surface(row, `forObjectType(name,${this.type})`) ?? ''}/maiba:ad_object_overflow_menu_entrypoint`,
      );
    }
    setAttr(view.tooltip, 'data-tooltip-content', row.name);
    setText(view.nameText, row.name);
    const on = row.status === 'ACTIVE';
    setAttr(view.toggle, 'aria-checked', String(on));
    this.writeMetrics(view);
    this.applySelection(view);
  }

  private applySelection(view: RowView): void {
    const selected = view.row !== undefined && this.selection.has(view.row.id);
    view.element.classList.toggle('fdt-selected', selected);
    if (view.checkbox.checked !== selected) view.checkbox.checked = selected;
  }

  private writeMetrics(view: RowView): void {
    const row = view.row;
    view.loading = this.busy;
    if (!row) return;
    for (const { column, cell } of view.cells) {
      const loading = this.busy && column.kind !== 'delivery' && column.kind !== 'budget';
      const value = loading ? undefined : this.cellText(column.kind, row);
      this.writeCell(cell, column, value, row);
    }
  }

  private writeCell(
    cell: HTMLElement,
    column: ScrollColumn,
    value: string | undefined,
    row: TableRow | undefined,
  ): void {
    const content = cell.firstElementChild as HTMLElement;
    if (value === undefined) {
      if (!content.querySelector('[role="progressbar"]')) {
        const bar = el('div', undefined, {
          role: 'progressbar',
          'aria-busy': 'true',
          'aria-label': this.text.label('loading'),
        });
        bar.className = 'fdt-loading';
        content.replaceChildren(bar);
      }
      return;
    }
    const holder = this.values.get(content);
    if (holder?.isConnected) return setText(holder, value);
    const span = el('span', undefined, {}, [value]);
    this.values.set(content, span);
    const inner =
      column.kind === 'spend' && row && this.ids
        ? wrapper(`${this.surface(row, 'spend') ?? ''}/spend_sla`, span)
        : span;
    content.replaceChildren(inner);
  }

  private cellText(kind: MetricKind, row: TableRow): string {
    const { text } = this;
    const currency = this.options.currency;
    const stats = row.stats;
    const derived = stats ? deriveMetrics(stats) : undefined;
    switch (kind) {
      case 'delivery':
        return text.delivery(row.effectiveStatus, deliveryLabel(row.effectiveStatus));
      case 'budget':
        return row.budgetMinor === null || row.budget === 'none'
          ? '—'
          : text.money(row.budgetMinor, currency);
      case 'results':
        return stats && stats.purchases > 0 ? text.integer(stats.purchases) : '—';
      case 'reach':
        return stats ? text.integer(stats.reach) : '—';
      case 'impressions':
        return stats ? text.integer(stats.impressions) : '—';
      case 'cost_per_result':
        return text.money(derived?.costPerResultMinor, currency);
      case 'spend':
        return text.money(stats?.spendMinor ?? 0, currency);
      case 'end_time':
        return text.label('ongoing');
    }
  }

  private createRowView(): RowView {
    const { text } = this;
    const checkbox = el('input', undefined, {
      type: 'checkbox',
      'aria-label': text.label('select'),
    });
    const toggle = el('div', undefined, {
      role: 'switch',
      'aria-label': text.label('onoff'),
      'aria-checked': 'false',
    });
    toggle.className = 'fdt-switch';
    const nameText = el('span');
    const link = el('a', undefined, { href: '#' }, [nameText]);
    const tooltip = el('div', undefined, { 'data-hover': 'tooltip' }, [link]);
    tooltip.className = 'fdt-name';
    const menu = el(
      'div',
      undefined,
      {
        role: 'button',
        tabindex: '0',
        'aria-haspopup': 'menu',
        'aria-label': text.label('more'),
      },
      ['…'],
    );
    const overflowWrapper = el('span', undefined, {
      'data-surface-wrapper': '1',
      style: 'display: contents',
    });
    overflowWrapper.append(menu);
    const tool = (key: string): HTMLElement =>
      el('div', undefined, { role: 'button', tabindex: '0' }, [
        el('span', undefined, {}, [text.label(key)]),
      ]);
    const toolbar = el('div', undefined, { role: 'toolbar' }, [
      tool('charts'),
      tool('edit'),
      tool('duplicate'),
      tool('compare'),
      this.ids ? overflowWrapper : menu,
    ]);
    toolbar.className = 'fdt-toolbar';
    const nameBlock =
      this.options.level === 'ad'
        ? el('div', undefined, {}, [
            el('div', undefined, { 'aria-hidden': 'true', class: 'fdt-thumb' }),
            el('div', undefined, { class: 'fdt-grow' }, [tooltip]),
          ])
        : tooltip;
    nameBlock.classList.add('fdt-nameblock');
    const nameCell = cellBox(
      FIXED_WIDTHS.selector + FIXED_WIDTHS.toggle,
      FIXED_WIDTHS.name,
      'fdt-namecell',
    );
    nameCell.append(el('div', undefined, { class: 'fdt-cellcontent' }, [nameBlock, toolbar]));
    const selectorCell = cellBox(0, FIXED_WIDTHS.selector);
    selectorCell.append(checkbox);
    const toggleCell = cellBox(FIXED_WIDTHS.selector, FIXED_WIDTHS.toggle);
    toggleCell.append(toggle);
    const fixedCells: CellView[] = [
      ['row_selector', selectorCell],
      [`forObjectType(toggle,${this.type})`, toggleCell],
      [`forObjectType(name,${this.type})`, nameCell],
    ].map(([key, cell]) => this.cellView(key as string, cell as HTMLElement));
    let left = 0;
    const cells = this.columns.map((column) => {
      const cell = cellBox(left, column.width, 'fdt-metric');
      left += column.width;
      cell.append(el('div', undefined, { class: 'fdt-cellcontent' }));
      return { ...this.cellView(column.key, cell), column };
    });
    const fixedGroup = el(
      'div',
      undefined,
      { class: '_3pzj fdt-fixed' },
      fixedCells.map((c) => c.wrapper),
    );
    const scrollGroup = el(
      'div',
      undefined,
      { class: '_3pzj fdt-scroll' },
      cells.map((c) => c.wrapper),
    );
    scrollGroup.style.left = `${FIXED_WIDTH}px`;
    const element = el('div', undefined, { role: 'presentation', class: '_1gda fdt-row' }, [
      el('div', undefined, { class: '_1gd5 fdt-rowbody' }, [scrollGroup, fixedGroup]),
    ]);
    const rowWrapper = this.ids
      ? el('span', undefined, { 'data-surface-wrapper': '1', style: 'display: contents' }, [
          element,
        ])
      : element;
    const view: RowView = {
      wrapper: rowWrapper,
      element,
      scrollGroup,
      checkbox,
      toggle,
      tooltip,
      nameText,
      overflowWrapper,
      fixedCells,
      cells,
      index: -1,
      row: undefined,
      loading: false,
    };
    this.views.set(element, view);
    return view;
  }

  private cellView(key: string, cell: HTMLElement): CellView {
    const cellWrapper = this.ids
      ? el('span', undefined, { 'data-surface-wrapper': '1', style: 'display: contents' }, [cell])
      : cell;
    return { wrapper: cellWrapper, cell, key };
  }

  private buildHeader(): { row: HTMLElement; scroll: HTMLElement } {
    const header = (label: string, left: number, width: number): HTMLElement => {
      const cell = cellBox(left, width);
      cell.setAttribute('role', 'columnheader');
      cell.append(el('span', undefined, { title: label }, [label]));
      return cell;
    };
    const fixed = el('div', undefined, { class: '_3pzj fdt-fixed' }, [
      header('', 0, FIXED_WIDTHS.selector),
      header(this.text.label('onoff'), FIXED_WIDTHS.selector, FIXED_WIDTHS.toggle),
      header(
        this.text.levelName(this.options.level),
        FIXED_WIDTHS.selector + FIXED_WIDTHS.toggle,
        FIXED_WIDTHS.name,
      ),
    ]);
    let left = 0;
    const scroll = el(
      'div',
      undefined,
      { class: '_3pzj fdt-scroll' },
      this.columns.map((column) => {
        const cell = header(this.text.label(column.kind), left, column.width);
        left += column.width;
        return cell;
      }),
    );
    scroll.style.left = `${FIXED_WIDTH}px`;
    const row = el('div', undefined, { role: 'row', class: '_1gda fdt-header' }, [
      el('div', undefined, { class: '_1gd5 fdt-rowbody' }, [scroll, fixed]),
    ]);
    return { row, scroll };
  }

  private buildFooter(): { element: HTMLElement; scroll: HTMLElement; name: HTMLElement } {
    const footerSurface = (key: string): string | undefined =>
      this.ids ? `/am/table/table_row:-1/table_cell:${key}` : undefined;
    const name = el('span');
    const nameCell = cellBox(FIXED_WIDTHS.selector + FIXED_WIDTHS.toggle, FIXED_WIDTHS.name);
    nameCell.append(el('div', undefined, { class: 'fdt-cellcontent' }, [name]));
    const fixed = el('div', undefined, { class: '_3pzj fdt-fixed' }, [
      wrapper(footerSurface(`forObjectType(name,${this.type})`), nameCell),
    ]);
    let left = 0;
    const scroll = el(
      'div',
      undefined,
      { class: '_3pzj fdt-scroll' },
      this.columns.map((column) => {
        const cell = cellBox(left, column.width, 'fdt-metric');
        left += column.width;
        const content = el('div', undefined, { class: 'fdt-cellcontent' });
        cell.append(content);
        this.footerCells.set(column.kind, content);
        return wrapper(footerSurface(column.key), cell);
      }),
    );
    scroll.style.left = `${FIXED_WIDTH}px`;
    const row = el('div', undefined, { role: 'presentation', class: '_1gda fdt-row fdt-footer' }, [
      el('div', undefined, { class: '_1gd5 fdt-rowbody' }, [scroll, fixed]),
    ]);
    const element = el('div', undefined, { 'data-pagelet': 'FixedDataTableNew_footerRow' }, [row]);
    element.className = 'fdt-footerpagelet';
    return { element, scroll, name };
  }

  private writeFooter(summary: TableSummary, includesDeleted: boolean): void {
    setText(this.footerName, this.text.resultsFrom(summary.count, this.options.level));
    setAttr(this.footerName, 'title', includesDeleted ? 'Includes deleted items' : null);
    const stats = summary.count > 0 ? { ...summary, reach: undefined } : undefined;
    const derived = stats ? deriveMetrics(stats) : undefined;
    const values: Partial<Record<MetricKind, string>> = {
      results: stats && stats.purchases > 0 ? this.text.integer(stats.purchases) : '—',
      reach: '—',
      impressions: stats ? this.text.integer(stats.impressions) : '—',
      cost_per_result: this.text.money(derived?.costPerResultMinor, this.options.currency),
      spend: this.text.money(stats?.spendMinor ?? 0, this.options.currency),
    };
    for (const [kind, content] of this.footerCells) setText(content, values[kind] ?? '');
  }

  private viewOf(target: EventTarget | null): RowView | undefined {
    let node = target instanceof Element ? target : null;
    while (node && node !== this.viewport) {
      const view = this.views.get(node);
      if (view) return view;
      node = node.parentElement;
    }
    return undefined;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    if (!target?.closest('a')) return;
    event.preventDefault();
    const view = this.viewOf(target);
    if (view?.row) this.options.onOpen(view.row);
  }

  private onChange(event: Event): void {
    const view = this.viewOf(event.target);
    if (view?.row && event.target === view.checkbox) {
      this.options.onToggleSelect(view.row, view.checkbox.checked);
    }
  }
}
