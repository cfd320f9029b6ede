/**
 * Static Ads Manager table markup written from /work/shared/docs/ads-manager-dom.md (not from the
 * simulator): FixedDataTable rows (`role="presentation"`) in `display: contents` surface wrappers,
 * cell keys wrapped by object type per tab, the full name in `data-tooltip-content` over
 * `a[href="#"] > span`, a localised hover toolbar in the name cell, nested surfaces, the footer row
 * `-1`, rows positioned by transforms in an order that is not the screen's. `ids: false` is the
 * same page with no surface ids at all.
 */
export type EvidenceTab = 'campaigns' | 'adsets' | 'ads';

export interface EvidenceRow {
  readonly id: string;
  readonly name: string;
}

export interface EvidenceOptions {
  readonly tab: EvidenceTab;
  readonly ids: boolean;
  /** The hover toolbar's labels, in the page's language. */
  readonly toolbar: readonly string[];
}

export const TOOLBAR_EN = ['Charts', 'Edit', 'Duplicate', 'Compare'];
export const TOOLBAR_ZH = ['图表', '编辑', '复制', '比较'];

const OBJECT_TYPE = { campaigns: 'CAMPAIGN_GROUP', adsets: 'CAMPAIGN', ads: 'ADGROUP' } as const;

function h(tag: string, attributes: Record<string, string> = {}, children: (Node | string)[] = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function wrap(surface: string | undefined, child: Element): Element {
  if (surface === undefined) return child;
  return h(
    'span',
    { 'data-surface-wrapper': '1', 'data-surface': surface, style: 'display: contents' },
    [child],
  );
}

export interface EvidenceTable {
  readonly element: HTMLElement;
  /** The element standing for each row, in the order given. */
  readonly rows: Element[];
  /** Each row's name cell box, where a badge belongs. */
  readonly nameCells: Element[];
}

export function evidenceTable(
  rows: readonly EvidenceRow[],
  options: EvidenceOptions,
): EvidenceTable {
  const type = OBJECT_TYPE[options.tab];
  const surface = (id: string, key?: string) =>
    options.ids
      ? `/am/table/table_row:${id}unit${key === undefined ? '' : `/table_cell:${key}`}`
      : undefined;
  const nameCells: Element[] = [];
  const rowElements = rows.map((row, index) => {
    const link = h('a', { href: '#', class: 'x1i10hfl' }, [h('span', {}, [row.name])]);
    const tooltip = h('div', { 'data-hover': 'tooltip', 'data-tooltip-content': row.name }, [link]);
    const menu = h('div', { role: 'button', 'aria-haspopup': 'menu' }, ['…']);
    const toolbar = h('div', { role: 'toolbar' }, [
      ...options.toolbar.map((label) =>
        h('div', { role: 'button', tabindex: '0' }, [h('span', {}, [label])]),
      ),
      wrap(
        options.ids
          ? `${surface(row.id, `forObjectType(name,${type})`)}/maiba:ad_object_overflow_menu_entrypoint`
          : undefined,
        menu,
      ),
    ]);
    // "Ad rows build the name cell a little differently": a thumbnail before the name here.
    const name =
      options.tab === 'ads'
        ? h('div', { class: 'x78zum5' }, [h('img', { alt: '' }), h('div', {}, [tooltip])])
        : tooltip;
    const nameCell = h('div', { class: '_4lg0 _4h2m', style: 'left: 92px; width: 320px' }, [
      h('div', {}, [name, toolbar]),
    ]);
    nameCells.push(nameCell);
    const cell = (key: string, content: Element | string, left: number) =>
      wrap(
        surface(row.id, key),
        h('div', { class: '_4lg0 _4h2m', style: `left: ${left}px` }, [content]),
      );
    const fixed = h('div', { class: '_3pzj' }, [
      cell('row_selector', h('input', { type: 'checkbox' }), 0),
      cell(`forObjectType(toggle,${type})`, h('input', { type: 'checkbox', role: 'switch' }), 40),
      wrap(surface(row.id, `forObjectType(name,${type})`), nameCell),
    ]);
    const spend = wrap(
      options.ids ? `${surface(row.id, 'spend')}/spend_sla` : undefined,
      h('span', {}, ['1.234,56 €']),
    );
    const scrolling = h('div', { class: '_3pzj' }, [
      cell(`forObjectType(delivery,${type})`, h('span', {}, ['Active']), 0),
      cell(
        'forAttributionWindow(results,default)',
        h('div', { role: 'progressbar', 'aria-busy': 'true' }),
        140,
      ),
      cell('spend', spend, 280),
      cell('reach', h('span', {}, ['—']), 420),
    ]);
    const element = h(
      'div',
      { role: 'presentation', class: '_1gda', style: `transform: translate(0px, ${index * 46}px)` },
      [h('div', { class: '_1gd5' }, [fixed, scrolling])],
    );
    return options.ids ? wrap(surface(row.id), element) : element;
  });
  // DOM order is not screen order.
  const body = h('div', { class: '_1gd4' }, [...rowElements].reverse());
  const header = h('div', { role: 'row' }, [
    h('div', { role: 'columnheader' }, ['Name']),
    h('div', { role: 'columnheader' }, ['Amount spent']),
  ]);
  const footer = h('div', { 'data-pagelet': 'FixedDataTableNew_footerRow' }, [
    wrap(
      options.ids ? '/am/table/table_row:-1/table_cell:spend' : undefined,
      h('div', { class: '_4lg0 _4h2m' }, ['12.345,67 €']),
    ),
  ]);
  const element = h('div', { role: 'table' }, [header, body, footer]);
  return { element, rows: rowElements, nameCells };
}
