/**
 * Mounts UI into Ads Manager inside an open shadow root, so Meta's styles cannot reach it and ours
 * cannot leak out. Bundled CSS goes into a `<style>` element, which keeps the manifest free of
 * web-accessible resources. Keyboard events stop at the shadow root, so Meta's shortcuts never
 * capture typing in our UI.
 */
export interface ShadowUiOptions {
  /** The host element's tag: also the marker that prevents a second copy. */
  readonly tagName: string;
  readonly css: string;
  /** The host is removed when this aborts. */
  readonly signal: AbortSignal;
}

const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;
/** Inheritable page styles (font, colour) would otherwise pierce the shadow root. */
const HOST_RESET = ':host { all: initial; }';

/** Returns the element to render into, or undefined when `signal` has already aborted. */
export function mountShadowUi({ tagName, css, signal }: ShadowUiOptions): HTMLElement | undefined {
  if (signal.aborted) return undefined;
  for (const stale of document.querySelectorAll(tagName)) stale.remove();

  const host = document.createElement(tagName);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${HOST_RESET}\n${css}`;
  const root = document.createElement('div');
  shadow.append(style, root);
  for (const type of ISOLATED_EVENTS) {
    shadow.addEventListener(type, (event) => event.stopPropagation());
  }

  (document.body ?? document.documentElement).append(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });
  return root;
}
