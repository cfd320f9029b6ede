import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

/** The element the last `mount` rendered into; `unmount` (run it after each test) clears it. */
export let container: HTMLElement;

export async function mount(node: ComponentChild) {
  container = document.createElement('div');
  document.body.append(container);
  await act(() => render(node, container));
}

export function unmount() {
  render(null, container);
  container.remove();
}

/** The element a test id names in what `mount` rendered last, or null. */
export function byTestId(id: string): HTMLElement | null {
  return container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
}
