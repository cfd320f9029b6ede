/**
 * Waiting for the page, centrally (architecture.md habit 3): features never poll and never set
 * timers; they call `observe()` or `waitForElement()` with their run's AbortSignal, and everything
 * stops when it aborts. All `observe()` calls share one MutationObserver on the document, and each
 * checks its query at most once per animation frame, however much the page mutates.
 */

/** A CSS selector, or a function that returns the matching elements under a root. */
export type ElementQuery = string | ((root: ParentNode) => Iterable<Element>);

export interface ObserveOptions {
  readonly signal: AbortSignal;
  /** Where to look; the document by default. */
  readonly root?: ParentNode;
}

interface Watcher {
  readonly query: ElementQuery;
  readonly root: ParentNode;
  readonly seen: WeakSet<Element>;
  readonly callback: (element: Element) => void;
}

const watchers = new Set<Watcher>();
let documentObserver: MutationObserver | undefined;
let frame = 0;

function matches(query: ElementQuery, root: ParentNode): Iterable<Element> {
  return typeof query === 'string' ? root.querySelectorAll(query) : query(root);
}

/** Calls the watcher back for elements it has not reported yet; its failure is its own. */
function check(watcher: Watcher): void {
  try {
    for (const element of matches(watcher.query, watcher.root)) {
      if (watcher.seen.has(element)) continue;
      watcher.seen.add(element);
      watcher.callback(element);
    }
  } catch (error) {
    console.error('Adlens: an observer callback failed', error);
  }
}

function checkAll(): void {
  frame = 0;
  for (const watcher of [...watchers]) if (watchers.has(watcher)) check(watcher);
}

function scheduleCheck(): void {
  frame ||= requestAnimationFrame(checkAll);
}

function startDocumentObserver(): void {
  if (documentObserver) return;
  documentObserver = new MutationObserver(scheduleCheck);
  documentObserver.observe(document, { childList: true, subtree: true });
}

function stopDocumentObserverWhenIdle(): void {
  if (watchers.size > 0 || !documentObserver) return;
  documentObserver.disconnect();
  documentObserver = undefined;
  cancelAnimationFrame(frame);
  frame = 0;
}

/**
 * Calls `callback` once for every element matching `query`, those present now (synchronously) and
 * those that appear later, until `signal` aborts.
 */
export function observe(
  query: ElementQuery,
  callback: (element: Element) => void,
  { signal, root = document }: ObserveOptions,
): void {
  if (signal.aborted) return;
  const watcher: Watcher = { query, root, seen: new WeakSet(), callback };
  watchers.add(watcher);
  startDocumentObserver();
  signal.addEventListener(
    'abort',
    () => {
      watchers.delete(watcher);
      stopDocumentObserverWhenIdle();
    },
    { once: true },
  );
  check(watcher);
}

export interface WaitOptions extends ObserveOptions {
  /** Give up after this many milliseconds (the page may never render it). */
  readonly timeoutMs?: number;
}

/** The first element matching `query`, or undefined when `signal` aborts or time runs out. */
export function waitForElement(
  query: ElementQuery,
  { signal, root, timeoutMs }: WaitOptions,
): Promise<Element | undefined> {
  return new Promise((resolve) => {
    const waiting = new AbortController();
    const finish = (element: Element | undefined) => {
      waiting.abort();
      resolve(element);
    };
    const stop = () => finish(undefined);
    signal.addEventListener('abort', stop, { once: true });
    waiting.signal.addEventListener('abort', () => signal.removeEventListener('abort', stop));
    if (timeoutMs !== undefined) {
      const timer = setTimeout(stop, timeoutMs);
      waiting.signal.addEventListener('abort', () => clearTimeout(timer));
    }
    if (signal.aborted) return stop();
    observe(query, finish, { signal: waiting.signal, ...(root ? { root } : {}) });
  });
}

/**
 * Calls `callback` with each batch of mutations under `target` (a MutationObserver that stops when
 * `signal` aborts). The callback runs in the same frame as the page's change, before paint.
 */
export function onMutations(
  target: Node,
  init: MutationObserverInit,
  callback: (records: MutationRecord[], observer: MutationObserver) => void,
  signal: AbortSignal,
): void {
  if (signal.aborted) return;
  const observer = new MutationObserver((records) => {
    try {
      callback(records, observer);
    } catch (error) {
      console.error('Adlens: a mutation callback failed', error);
    }
  });
  observer.observe(target, init);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

/**
 * Batches DOM work into the next animation frame: `schedule()` as often as you like, `flush` runs
 * once per frame, after the page's own frame callbacks were queued and before paint, outside the
 * page's task that asked for it. Nothing runs after `signal` aborts.
 */
export function frameBatch(flush: () => void, signal: AbortSignal): () => void {
  let frame = 0;
  signal.addEventListener('abort', () => cancelAnimationFrame(frame), { once: true });
  return () => {
    if (frame !== 0 || signal.aborted) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      try {
        flush();
      } catch (error) {
        console.error('Adlens: a frame callback failed', error);
      }
    });
  };
}
