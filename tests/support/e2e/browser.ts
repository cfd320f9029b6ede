import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, {
  TargetType,
  type Browser,
  type Page,
  type Target,
  type WebWorker,
} from 'puppeteer';
import { EXTENSION_ID } from '../../../lib/config/extension-identity';
import { isFirefox, openFirefoxExtensionPage } from './firefox';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The production build: tests load exactly what users install. */
export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../../.output/chrome-mv3');
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

/** What the harness may touch of the worker's globals: the browser's own API, nothing of ours. */
type ExtensionGlobals = { chrome?: { runtime?: { id?: string } } };

export interface NetworkRouting {
  readonly hostResolverRules: string;
  readonly spkiSha256: string;
}

export interface AdlensBrowser {
  readonly browser: Browser;
  readonly userDataDir: string;
  close(): Promise<void>;
}

/**
 * Debian's Chromium with the built extension in a fresh profile. The simulator's hosts resolve to
 * loopback and every other host fails to resolve, so nothing can reach the internet; only the test
 * certificate is trusted, by its SPKI pin.
 */
export async function launchAdlensBrowser(
  routing: NetworkRouting,
  options: { headless?: boolean; lang?: string } = {},
): Promise<AdlensBrowser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'adlens-profile-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    pipe: true,
    enableExtensions: [EXTENSION_DIR],
    userDataDir,
    defaultViewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--host-resolver-rules=${routing.hostResolverRules}`,
      `--ignore-certificate-errors-spki-list=${routing.spkiSha256}`,
      // The browser's language: extension pages, Accept-Language and so the simulated page's.
      ...(options.lang ? [`--lang=${options.lang}`, `--accept-lang=${options.lang}`] : []),
    ],
  });
  return {
    browser,
    userDataDir,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The extension's service worker, once its globals are ready. The first evaluate can race the
 * worker's start, and right after a stop the old target may still be listed: each attempt looks
 * the target up again, so a worker between lives is simply "not ready yet".
 */
export async function serviceWorker(browser: Browser): Promise<WebWorker> {
  const isBackground = (candidate: Target) =>
    candidate.type() === TargetType.SERVICE_WORKER &&
    candidate.url() === `${EXTENSION_ORIGIN}/background.js`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    // A stopped worker's target can linger in the list beside the new one: try the newest first.
    const candidates = browser.targets().filter(isBackground).reverse();
    if (candidates.length === 0) {
      const started = await browser
        .waitForTarget(isBackground, { timeout: Math.max(1, deadline - Date.now()) })
        .catch(() => undefined);
      if (started) candidates.push(started);
    }
    for (const target of candidates) {
      const worker = await target.worker().catch(() => null);
      const ready = await worker
        ?.evaluate(() => Boolean((globalThis as ExtensionGlobals).chrome?.runtime?.id))
        .catch(() => false);
      if (worker && ready) return worker;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The service worker never became ready');
}

/**
 * Stops the extension's service worker the way Chromium does when it idles out (closing its DevTools
 * target; CDP's ServiceWorker.stopAllWorkers leaves an attached worker running), so tests can prove
 * nothing lives only in its memory. The next message or event starts a fresh instance.
 */
export async function stopServiceWorker(browser: Browser): Promise<void> {
  const worker = await serviceWorker(browser);
  await worker.close();
}

/**
 * When the running worker instance started: its `performance.timeOrigin`, a browser global. A
 * worker that was really stopped and started again has a later one, so tests can tell a new
 * instance from the old one still answering. It asks through a DevTools session of its own that it
 * closes again: a debugger left attached would keep the worker from stopping.
 */
export async function workerStartTime(browser: Browser): Promise<number> {
  const session = await browser.target().createCDPSession();
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    const worker = targetInfos.find(
      (info) => info.type === 'service_worker' && info.url === `${EXTENSION_ORIGIN}/background.js`,
    );
    if (!worker) throw new Error('No service worker is running');
    const { sessionId } = await session.send('Target.attachToTarget', {
      targetId: worker.targetId,
      flatten: true,
    });
    try {
      const child = session.connection()?.session(sessionId);
      if (!child) throw new Error('No session to the service worker');
      const { result } = await child.send('Runtime.evaluate', {
        expression: 'performance.timeOrigin',
        returnByValue: true,
      });
      if (typeof result.value !== 'number') throw new Error('The worker has no time origin');
      return result.value;
    } finally {
      await session.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Waits until a worker instance started after `previousStart` answers; returns its start time. */
export async function waitForNewWorker(browser: Browser, previousStart: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const started = await workerStartTime(browser).catch(() => previousStart);
    if (started > previousStart) return started;
    if (Date.now() > deadline) throw new Error('No new service worker started after the stop');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function openExtensionPage(browser: Browser, file: string): Promise<Page> {
  if (await isFirefox(browser)) return openFirefoxExtensionPage(browser, file);
  const page = await browser.newPage();
  await page.goto(`${EXTENSION_ORIGIN}/${file}`, { waitUntil: 'domcontentloaded' });
  return page;
}
