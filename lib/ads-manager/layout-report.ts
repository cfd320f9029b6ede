import { findRowElements } from './recognize';
import { footerRow } from './selectors';

/**
 * The table's structure with every text, number and id taken out, for a user to send with a bug
 * report when Meta changes the page (and for us to turn into a test: tests/unit/ads-manager). One line
 * per element: tag, role, the names of its other attributes, and `data-surface` / `data-pagelet`
 * with every digit run replaced by `#` and anything but a field-key vocabulary by `?`. Text nodes
 * show as `"…"`. Only the header, the first body rows and the totals row are kept. Nothing is sent
 * anywhere: the user copies it.
 */
const MAX_LINES = 400;
const BODY_ROWS_KEPT = 2;
const SAFE_VALUE = /^[A-Za-z_:/(),.#-]{0,200}$/;

function placeholder(value: string): string {
  const masked = value.replace(/\d+/g, '#');
  return SAFE_VALUE.test(masked) ? masked : '?';
}

function describe(element: Element): string {
  const parts = [element.tagName.toLowerCase()];
  const role = element.getAttribute('role');
  if (role !== null) parts.push(`role=${placeholder(role)}`);
  for (const { name } of element.attributes) {
    if (name === 'role' || name === 'class' || name.startsWith('data-adlens')) continue;
    const shown = name === 'data-surface' || name === 'data-pagelet';
    parts.push(shown ? `${name}=${placeholder(element.getAttribute(name) ?? '')}` : name);
  }
  if ((element as HTMLElement).style?.display === 'contents') parts.push('(no box)');
  return parts.join(' ');
}

export function layoutReport(table: Element | null, path: string): string {
  const lines = [`Adlens layout report 1`, `page ${placeholder(path)}`];
  if (!table) return [...lines, 'no [role="table"] on the page'].join('\n');
  const found = findRowElements(table);
  lines.push(`rows found by ${found?.way ?? 'nothing'}: ${found?.rows.length ?? 0}`);
  const skipped = new Set((found?.rows ?? []).slice(BODY_ROWS_KEPT));
  const walk = (node: Element, depth: number): void => {
    if (lines.length >= MAX_LINES || node.tagName.includes('-')) return;
    if (skipped.has(node)) return;
    lines.push(`${'  '.repeat(depth)}${describe(node)}`);
    for (const child of node.childNodes) {
      if (child instanceof Element) walk(child, depth + 1);
      else if (child.nodeType === 3 && child.textContent?.trim()) {
        lines.push(`${'  '.repeat(depth + 1)}"…"`);
      }
    }
  };
  walk(table, 0);
  if (skipped.size > 0) lines.push(`(${skipped.size} more rows like the first left out)`);
  if (!table.querySelector(footerRow)) lines.push('no totals row found');
  return lines.join('\n');
}
