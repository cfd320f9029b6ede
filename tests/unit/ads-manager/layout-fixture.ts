/**
 * Markup rebuilt from a layout report (lib/ads-manager/layout-report.ts), so a report a user sent becomes a
 * recognition test: elements and attributes as reported, each row's `#` ids replaced by an id of
 * its own, tooltips and text by made-up names.
 */
const LINE = /^( *)([a-z][a-z0-9]*)(.*)$/;

export function markupFromReport(report: string): Element {
  const root = document.createElement('div');
  const stack: { depth: number; element: Element }[] = [{ depth: -1, element: root }];
  let rowId = 100_000_000_000_000_000n;
  let currentId = '';
  let names = 0;
  for (const line of report.split('\n')) {
    if (/^(Adlens layout report|page |rows found by|no |\()/.test(line)) continue;
    const text = /^( *)"…"$/.exec(line);
    const match = LINE.exec(line);
    if (!text && !match) continue;
    const depth = (text?.[1] ?? match?.[1] ?? '').length / 2;
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)!.element;
    if (text) {
      parent.append(`Text ${(names += 1)}`);
      continue;
    }
    const [, , tag = 'div', rest = ''] = match!;
    const element = document.createElement(tag);
    for (const part of rest.trim().split(' ').filter(Boolean)) {
      if (part === '(no' || part === 'box)') continue;
      const [name = '', value = ''] = part.split(/=(.*)/s);
      let filled = value;
      if (name === 'data-surface' && /table_row:#unit$/.test(value)) {
        currentId = String((rowId += 1n));
      }
      if (name === 'data-surface') filled = value.replace('table_row:#', `table_row:${currentId}`);
      if (name === 'data-tooltip-content') filled = `Name ${(names += 1)}`;
      if (name === 'style' && rest.includes('(no box)')) filled = 'display: contents';
      element.setAttribute(name, filled);
    }
    parent.append(element);
    stack.push({ depth, element });
  }
  return root.firstElementChild ?? root;
}
