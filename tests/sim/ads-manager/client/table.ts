/**
 * The virtualized table, built like Meta's FixedDataTable: one scroll container, fixed 48 px rows
 * positioned with transforms, only the visible rows plus a small overscan in the DOM, and a pool of
 * row elements recycled by index modulo the pool size. Scrolling by one row re-binds one element in
 * place (attributes and text updated, nothing else touched), so anything an extension appended
 * inside a cell stays there while the row now shows another entity.
 */
import type { Currency, Level } from '../../world/types';
import {
  COLUMNS,
  DEFAULT_SORT_KEY,
  FROZEN_CONTROLS_WIDTH,
  deliveryTone,
  levelPlural,
  nameLabel,
  rowCell,
  summaryCell,
  type CellContext,
  type CellText,
  type Column,
  type DeliveryTone,
} from '../columns';
import type { StyleRole } from '../styles';
import type { TableRow, TableSummary } from '../wire';
import { el, setAttr, setPx, setRole, setRowIndex, setSurface, setText } from './dom';

export const ROW_HEIGHT = 48;
const HEADER_HEIGHT = 56;
const FOOTER_HEIGHT = 56;
const OVERSCAN = 3;
const CHECKBOX_WIDTH = 40;
const TOGGLE_WIDTH = FROZEN_CONTROLS_WIDTH - CHECKBOX_WIDTH;
const SKELETON_ROWS = 8;
/** Viewport height assumed before layout (or in a DOM without layout). */
const FALLBACK_VIEWPORT = 720;

const TONE_ROLE: Readonly<Record<DeliveryTone, StyleRole>> = {
  active: 'dotActive',
  off: 'dotOff',
  warning: 'dotWarning',
  error: 'dotError',
};

interface CellView {
  readonly column: Column;
  readonly cell: HTMLElement;
  readonly text: HTMLElement;
  readonly sub: HTMLElement;
  readonly dot?: HTMLElement;
}

interface RowView {
  readonly element: HTMLElement;
  readonly checkbox: HTMLInputElement;
  readonly toggle: HTMLElement;
  readonly knob: HTMLElement;
  readonly cells: readonly CellView[];
  index: number;
  row: TableRow | undefined;
}

export interface TableOptions {
  readonly level: Level;
  readonly currency: Currency;
  readonly onToggleSelect: (row: TableRow, selected: boolean) => void;
  /** Name click: campaigns and ad sets drill down, ads do nothing. */
  readonly onOpen: (row: TableRow) => void;
}

export const rowSurface = (id: string): string => `/am/table/table_row:${id}unit`;

const totalWidth = FROZEN_CONTROLS_WIDTH + COLUMNS.reduce((sum, c) => sum + c.width, 0);

function cellRole(column: Column, header: boolean): StyleRole {
  if (header) return column.kind === 'metric' ? 'headerMetricCell' : 'headerCell';
  return column.kind === 'metric' ? 'metricCell' : column.kind === 'name' ? 'nameCell' : 'textCell';
}

function writeCell(view: CellView, value: CellText): void {
  setText(view.text, value.text);
  setText(view.sub, value.sub ?? '');
  setRole(view.sub, value.sub ? 'cellSub' : 'hidden');
}

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly body: HTMLElement;
  private readonly loadingLine: HTMLElement;
  private readonly footerCells: readonly CellView[];
  private readonly views = new WeakMap<Element, RowView>();
  private readonly ctx: CellContext;
  private pool: RowView[] = [];
  private rows: TableRow[] = [];
  private readonly ids = new Set<string>();
  private selection = new Set<string>();
  private placeholder: HTMLElement | undefined;
  private frame = 0;
  private readonly resizeObserver: ResizeObserver | undefined;

  constructor(private readonly options: TableOptions) {
    this.ctx = { currency: options.currency, level: options.level };
    this.loadingLine = el('div', 'hidden');
    this.body = el('div', 'rowGroup', { role: 'rowgroup' });
    setPx(this.body, 'width', totalWidth);
    const footer = this.buildFooter();
    this.footerCells = footer.cells;
    this.scroller = el('div', 'scroller', {}, [this.buildHeader(), this.body, footer.group]);
    this.element = el('div', 'table', { role: 'table', 'aria-busy': 'true' }, [
      this.loadingLine,
      this.scroller,
    ]);
    setSurface(this.element, '/am/table');
    this.scroller.addEventListener('scroll', () => this.scheduleRender(), { passive: true });
    this.body.addEventListener('click', (event) => this.onClick(event));
    this.body.addEventListener('change', (event) => this.onChange(event));
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => this.scheduleRender());
      this.resizeObserver.observe(this.scroller);
    }
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.resizeObserver?.disconnect();
    this.element.remove();
  }

  setBusy(busy: boolean): void {
    setAttr(this.element, 'aria-busy', String(busy));
    setRole(this.loadingLine, busy ? 'loadingLine' : 'hidden');
  }

  /** Grey placeholder rows while the first chunk is on its way (only when no rows are shown yet). */
  showSkeleton(): void {
    if (this.rows.length > 0) return;
    const bars = (): HTMLElement[] =>
      [220, 90, 110, 80, 80, 90].map((w) => {
        const bar = el('div', 'skeletonBar');
        setPx(bar, 'width', w);
        return bar;
      });
    const rows = Array.from({ length: SKELETON_ROWS }, () => el('div', 'skeletonRow', {}, bars()));
    this.setPlaceholder(el('div', undefined, { 'aria-hidden': 'true' }, rows));
  }

  showMessage(text: string): void {
    this.replaceRows([], undefined);
    this.setPlaceholder(el('div', 'message', { role: 'status' }, [text]));
  }

  /** Replaces the data (a new load), keeping the row elements: they are re-bound in place. */
  reset(
    rows: readonly TableRow[],
    summary: TableSummary,
    total: number,
    includesDeleted: boolean,
  ): void {
    this.setPlaceholder(undefined);
    this.replaceRows(rows, total);
    this.writeFooter(summary, includesDeleted);
    if (total === 0) {
      this.setPlaceholder(
        el('div', 'message', { role: 'status' }, [`No ${levelPlural(this.ctx.level)} to show`]),
      );
    }
    this.render();
  }

  /** The next chunk of a load; rows already shown are skipped. */
  append(rows: readonly TableRow[]): void {
    for (const row of rows) {
      if (this.ids.has(row.id)) continue;
      this.ids.add(row.id);
      this.rows.push(row);
    }
    this.render();
  }

  setSelection(ids: readonly string[]): void {
    this.selection = new Set(ids);
    for (const view of this.pool) if (view.row) this.applySelection(view);
  }

  private replaceRows(rows: readonly TableRow[], total: number | undefined): void {
    this.rows = [];
    this.ids.clear();
    this.append(rows);
    setAttr(this.element, 'aria-rowcount', total === undefined ? null : String(total + 2));
  }

  private setPlaceholder(node: HTMLElement | undefined): void {
    this.placeholder?.remove();
    this.placeholder = node;
    if (node) this.body.append(node);
  }

  private scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private viewportHeight(): number {
    return this.scroller.clientHeight || FALLBACK_VIEWPORT;
  }

  private render(): void {
    const count = this.rows.length;
    const placeholderHeight = this.placeholder ? SKELETON_ROWS * ROW_HEIGHT : 0;
    setPx(this.body, 'height', Math.max(count * ROW_HEIGHT, placeholderHeight));
    const viewport = this.viewportHeight();
    this.ensurePool(Math.ceil(viewport / ROW_HEIGHT) + 2 * OVERSCAN + 1);
    const top = this.scroller.scrollTop;
    const bodyHeight = Math.max(viewport - HEADER_HEIGHT - FOOTER_HEIGHT, ROW_HEIGHT);
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(count, Math.ceil((top + bodyHeight) / ROW_HEIGHT) + OVERSCAN);
    const used = new Set<RowView>();
    for (let index = first; index < last; index++) {
      const view = this.pool[index % this.pool.length];
      const row = this.rows[index];
      if (!view || !row) continue;
      used.add(view);
      if (view.index !== index || view.row !== row) this.bind(view, index, row);
      if (!view.element.isConnected) this.body.append(view.element);
    }
    for (const view of this.pool) {
      if (used.has(view)) continue;
      view.element.remove();
      view.index = -1;
      view.row = undefined;
    }
  }

  /** Grows or shrinks the pool when the viewport changes; existing elements are kept. */
  private ensurePool(size: number): void {
    if (this.pool.length === size) return;
    while (this.pool.length < size) this.pool.push(this.createRowView());
    for (const view of this.pool.splice(size)) view.element.remove();
    for (const view of this.pool) view.index = -1;
  }

  private bind(view: RowView, index: number, row: TableRow): void {
    view.index = index;
    view.row = row;
    const surface = rowSurface(row.id);
    setSurface(view.element, surface);
    setRowIndex(view.element, index + 2);
    const transform = `translateY(${index * ROW_HEIGHT}px)`;
    if (view.element.style.transform !== transform) view.element.style.transform = transform;
    const on = row.status === 'ACTIVE';
    setAttr(view.toggle, 'aria-checked', String(on));
    setRole(view.toggle, on ? 'toggleOn' : 'toggle');
    setRole(view.knob, on ? 'toggleKnobOn' : 'toggleKnob');
    for (const cell of view.cells) {
      setSurface(cell.cell, `${surface}/table_cell:${cell.column.key}`);
      writeCell(cell, rowCell(cell.column, row, this.ctx));
      if (cell.dot) setRole(cell.dot, TONE_ROLE[deliveryTone(row.effectiveStatus)]);
    }
    this.applySelection(view);
  }

  private applySelection(view: RowView): void {
    const selected = view.row !== undefined && this.selection.has(view.row.id);
    setRole(view.element, selected ? 'rowSelected' : 'row');
    setAttr(view.element, 'aria-selected', String(selected));
    if (view.checkbox.checked !== selected) view.checkbox.checked = selected;
  }

  private createRowView(): RowView {
    const checkbox = el('input', 'checkbox', { type: 'checkbox', 'aria-label': 'Select row' });
    const knob = el('div', 'toggleKnob');
    const toggle = el(
      'div',
      'toggle',
      { role: 'switch', 'aria-label': 'On/Off', 'aria-readonly': 'true' },
      [knob],
    );
    const cells = COLUMNS.map((column) => this.createCell(column));
    const [nameCell, ...rest] = cells;
    const frozen = el('div', 'frozen', {}, [
      el('div', 'presentation', { role: 'presentation' }, [
        this.controlCell(CHECKBOX_WIDTH, checkbox),
        this.controlCell(TOGGLE_WIDTH, toggle),
        ...(nameCell ? [nameCell.cell] : []),
      ]),
    ]);
    const element = el('div', 'row', { role: 'row' }, [frozen, ...rest.map((c) => c.cell)]);
    setPx(element, 'width', totalWidth);
    const view: RowView = { element, checkbox, toggle, knob, cells, index: -1, row: undefined };
    this.views.set(element, view);
    return view;
  }

  private controlCell(width: number, child: HTMLElement): HTMLElement {
    const cell = el('div', 'controlCell', {}, [child]);
    setPx(cell, 'width', width);
    return cell;
  }

  private createCell(column: Column): CellView {
    const drillable = column.kind === 'name' && this.options.level !== 'ad';
    const text =
      column.kind !== 'name'
        ? el('span', 'cellText')
        : drillable
          ? el('a', 'nameLink', { role: 'link', tabindex: '0' })
          : el('span', 'nameText');
    const sub = el('span', 'hidden');
    const dot = column.key === 'delivery' ? el('span', 'dotOff') : undefined;
    const line = dot ? el('div', 'deliveryLine', {}, [dot, text]) : text;
    const cell = el('div', cellRole(column, false), { role: 'cell' }, [
      el('div', 'cellContent', {}, [line, sub]),
    ]);
    setPx(cell, 'width', column.width);
    return dot ? { column, cell, text, sub, dot } : { column, cell, text, sub };
  }

  private buildHeader(): HTMLElement {
    const headerCell = (column: Column): HTMLElement => {
      const label = column.kind === 'name' ? nameLabel(this.options.level) : column.label;
      const sorted = column.key === DEFAULT_SORT_KEY;
      const cell = el(
        'div',
        cellRole(column, true),
        { role: 'columnheader', 'aria-sort': sorted ? 'descending' : 'none' },
        [el('span', 'cellText', { title: label }, [sorted ? `${label} ↓` : label])],
      );
      setPx(cell, 'width', column.width);
      return cell;
    };
    const [name, ...rest] = COLUMNS;
    const frozen = el('div', 'frozen', {}, [
      el('div', 'presentation', { role: 'presentation' }, [
        this.controlCell(CHECKBOX_WIDTH, el('span')),
        this.controlCell(TOGGLE_WIDTH, el('span', 'cellSub', {}, ['Off/On'])),
        ...(name ? [headerCell(name)] : []),
      ]),
    ]);
    const row = el('div', 'headerRow', { role: 'row' }, [frozen, ...rest.map(headerCell)]);
    setRowIndex(row, 1);
    const group = el('div', 'headerGroup', { role: 'rowgroup' }, [row]);
    setPx(group, 'width', totalWidth);
    return group;
  }

  private buildFooter(): { group: HTMLElement; cells: CellView[] } {
    const cells = COLUMNS.map((column) => {
      const text = el('span', column.kind === 'name' ? 'strong' : 'cellText');
      const sub = el('span', 'hidden');
      const cell = el('div', cellRole(column, false), { role: 'cell' }, [
        el('div', 'cellContent', {}, [text, sub]),
      ]);
      setPx(cell, 'width', column.width);
      return { column, cell, text, sub };
    });
    const [name, ...rest] = cells;
    const spacer = el('div', 'controlCell');
    setPx(spacer, 'width', FROZEN_CONTROLS_WIDTH);
    const frozen = el('div', 'frozen', {}, [
      el('div', 'presentation', { role: 'presentation' }, [spacer, ...(name ? [name.cell] : [])]),
    ]);
    const row = el('div', 'headerRow', { role: 'row' }, [frozen, ...rest.map((c) => c.cell)]);
    const group = el('div', 'footerGroup', { role: 'rowgroup' }, [row]);
    setPx(group, 'width', totalWidth);
    return { group, cells };
  }

  private writeFooter(summary: TableSummary, includesDeleted: boolean): void {
    for (const view of this.footerCells) {
      writeCell(view, summaryCell(view.column, summary, this.ctx, includesDeleted));
    }
  }

  private viewOf(target: EventTarget | null): RowView | undefined {
    let node = target instanceof Element ? target : null;
    while (node && node !== this.body) {
      const view = this.views.get(node);
      if (view) return view;
      node = node.parentElement;
    }
    return undefined;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    const view = this.viewOf(target);
    if (!view?.row || !target?.closest('a')) return;
    event.preventDefault();
    this.options.onOpen(view.row);
  }

  private onChange(event: Event): void {
    const view = this.viewOf(event.target);
    if (view?.row && event.target === view.checkbox) {
      this.options.onToggleSelect(view.row, view.checkbox.checked);
    }
  }
}
