/**
 * DOM building for the page bundle: createElement and textContent only, so advertiser-controlled
 * names (HTML and script payloads in the simulator) stay inert text, as on the real page.
 */
import type { StyleRole } from '../styles';
import type { BootConfig } from '../wire';

let classes: BootConfig['classes'] | undefined;
let surfaces = true;
let rowIndexes = true;

export function configureDom(boot: BootConfig): void {
  classes = boot.classes;
  surfaces = boot.variant !== 'no-data-surface' && boot.variant !== 'unmarked-rows';
  rowIndexes = boot.variant !== 'unmarked-rows';
}

export function cls(role: StyleRole): string {
  return classes?.[role] ?? '';
}

type Attrs = Readonly<Record<string, string>>;
type Child = Node | string;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  role?: StyleRole,
  attrs: Attrs = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (role) node.className = cls(role);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** Sets a role's class list, touching the DOM only on change (React-like minimal updates). */
export function setRole(node: Element, role: StyleRole): void {
  const value = cls(role);
  if (node.className !== value) node.className = value;
}

export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function setAttr(node: Element, name: string, value: string | null): void {
  if (value === null) node.removeAttribute(name);
  else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** The `data-surface` hook; the no-data-surface page variant renders none at all. */
export function setSurface(node: Element, value: string): void {
  if (surfaces) setAttr(node, 'data-surface', value);
}

/** ARIA's row number; the unmarked-rows page variant renders none. */
export function setRowIndex(node: Element, index: number): void {
  if (rowIndexes) setAttr(node, 'aria-rowindex', String(index));
}

export function setPx(node: HTMLElement, prop: 'width' | 'height', px: number): void {
  const value = `${px}px`;
  if (node.style[prop] !== value) node.style[prop] = value;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

/** Closes a popup on outside click or Escape; returns the function that stops listening. */
export function onDismiss(anchor: Element, close: () => void): () => void {
  const onClick = (event: MouseEvent): void => {
    if (!anchor.contains(event.target as Node)) close();
  };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') close();
  };
  document.addEventListener('mousedown', onClick, true);
  document.addEventListener('keydown', onKey, true);
  return () => {
    document.removeEventListener('mousedown', onClick, true);
    document.removeEventListener('keydown', onKey, true);
  };
}
