/**
 * Mounts UI into Ads Manager inside an open shadow root, so Meta's styles cannot reach it and ours
 * cannot leak out. Bundled CSS goes into a `<style>` element, which keeps the manifest free of
 * web-accessible resources. Keyboard events stop at the shadow root, so Meta's shortcuts never
 * capture typing in our UI, and events the page synthesizes (`isTrusted` false) never reach our
 * controls.
 */
export interface ShadowUiOptions {
  /** The host element's tag: also the marker that prevents a second copy. */
  readonly tagName: string;
  readonly css: string;
  /** The host is removed when this aborts. */
  readonly signal: AbortSignal;
}

const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;
/** Events that make our controls act: synthetic ones from the page are dropped before they land. */
const ACTIVATION_EVENTS = ['click', 'submit', 'change', 'input', 'keydown', 'pointerdown'] as const;

function dropUntrusted(event: Event): void {
  // Browsers always set it; a DOM without it (no page to fear) is let through.
  if (event.isTrusted !== false) return;
  event.stopImmediatePropagation();
  event.preventDefault();
}
/** Inheritable page styles (font, colour) would otherwise pierce the shadow root. */
const HOST_RESET = ':host { all: initial; }';

export interface ShadowHost {
  readonly host: HTMLElement;
  /** The element to render into, inside the shadow root. */
  readonly root: HTMLElement;
}

const sharedSheets = new Map<string, CSSStyleSheet | undefined>();

/**
 * One parsed stylesheet per CSS text, adopted by every shadow root that uses it: a table can hold
 * dozens of badges, each in its own root. Undefined where constructable stylesheets are missing.
 */
function sharedSheet(css: string): CSSStyleSheet | undefined {
  if (!sharedSheets.has(css)) {
    let sheet: CSSStyleSheet | undefined;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch {
      sheet = undefined;
    }
    sharedSheets.set(css, sheet);
  }
  return sharedSheets.get(css);
}

/** Styles a shadow root: the shared sheet when the browser lets us adopt it, else a `<style>`. */
function applyStyles(shadow: ShadowRoot, css: string, share: boolean): void {
  const text = `${HOST_RESET}\n${css}`;
  const sheet = share ? sharedSheet(text) : undefined;
  if (sheet) {
    try {
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // COMPAT(firefox): a content script's sheet may not be adoptable across compartments.
    }
  }
  const style = document.createElement('style');
  style.textContent = text;
  shadow.prepend(style);
}

function createShadowHost(tagName: string, css: string, share = false): ShadowHost {
  const host = document.createElement(tagName);
  const shadow = host.attachShadow({ mode: 'open' });
  const root = document.createElement('div');
  shadow.append(root);
  applyStyles(shadow, css, share);
  for (const type of ISOLATED_EVENTS) {
    shadow.addEventListener(type, (event) => event.stopPropagation());
  }
  // A script in Ads Manager can dispatch events into an open shadow root (press Share every 2 s,
  // close the overlay); only the person's own input reaches our controls.
  for (const type of ACTIVATION_EVENTS) {
    shadow.addEventListener(type, dropUntrusted, { capture: true });
  }
  return { host, root };
}

/** Returns the element to render into, or undefined when `signal` has already aborted. */
export function mountShadowUi({ tagName, css, signal }: ShadowUiOptions): HTMLElement | undefined {
  if (signal.aborted) return undefined;
  for (const stale of document.querySelectorAll(tagName)) stale.remove();

  const { host, root } = createShadowHost(tagName, css);
  (document.body ?? document.documentElement).append(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });
  return root;
}

/** Where an inline host keeps the render root, so a second call finds the first one's. */
const inlineRoots = new WeakMap<Element, ShadowHost>();

/**
 * A small shadow-root UI inside a page element (a badge in a table cell). The tag name is the
 * marker: at most one such host is a child of `anchor`, however often the page re-renders around
 * it and however often this is called. The host's own CSS (`:host`) must keep it out of the
 * page's layout.
 */
export function ensureInlineShadowUi(anchor: Element, tagName: string, css: string): ShadowHost {
  const [existing, ...extra] = anchor.querySelectorAll(`:scope > ${tagName}`);
  for (const duplicate of extra) duplicate.remove();
  const mounted = existing && inlineRoots.get(existing);
  if (mounted) return mounted;
  // A host we did not create (a stale copy from an older script) cannot be rendered into.
  existing?.remove();
  const created = createShadowHost(tagName, css, true);
  inlineRoots.set(created.host, created);
  anchor.append(created.host);
  return created;
}

/** Removes the inline hosts `ensureInlineShadowUi` put under `anchor`. */
export function removeInlineShadowUi(anchor: Element, tagName: string): void {
  for (const host of anchor.querySelectorAll(`:scope > ${tagName}`)) host.remove();
}
