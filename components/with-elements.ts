import type { ComponentChildren } from 'preact';

/**
 * Whole sentences with markup in them: a translator moves `$1` where the language wants it, and
 * the element (a `<code>`, a link) goes there. `t('tokenHelp', slot(0))` marks the place;
 * `withElements(text, <code>ads_read</code>)` puts the element in. Text stays text.
 */
export function slot(index: number): string {
  return `\uE000${index}\uE001`;
}

export function withElements(text: string, ...elements: ComponentChildren[]): ComponentChildren[] {
  return text
    .split(/\uE000(\d)\uE001/)
    .map((part, index) => (index % 2 === 1 ? elements[Number(part)] : part));
}
