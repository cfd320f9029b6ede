import type { Page } from 'puppeteer';
import { launchAdlensFirefox, type AdlensFirefox } from '../../support/e2e/firefox';
import { AdsManagerTab, OptionsPage } from '../../support/e2e/pages';
import { findingRecord, putCacheRecordsIn } from '../../support/e2e/worker-cache';
import type { RunningSimulator } from '../../sim/start';

/**
 * The overlay's cost per table update in Firefox (issue 9), for run.ts to print next to Chromium's.
 * WebDriver BiDi offers no trace of a content script's CPU time, so the page measures from outside:
 * after each scroll step a probe posts back-to-back tasks for a fixed window and adds up the time
 * it could not run (the main thread was busy). The same steps in a Firefox without Adlens give the
 * page's own share. On a loaded machine the two runs' noise is of the order of the overlay's cost:
 * both are printed, not only their difference.
 */
const PROBE_WINDOW_MS = 80;
/** A free main thread runs the next posted task within microseconds; a gap over this was work. */
const BUSY_GAP_MS = 0.5;
const MAX_STEPS = 200;
const ROW_HEIGHT = 48;

export interface FirefoxOverlayCost {
  readonly version: string;
  /** The page's main-thread busy time per scroll step (ms), with Adlens and without it. */
  readonly withMs: number[];
  readonly withoutMs: number[];
}

export async function measureFirefoxOverlay(
  sim: RunningSimulator,
  planted: ReadonlySet<string>,
  rowsPerStep: number,
): Promise<FirefoxOverlayCost> {
  const withAdlens = await launchAdlensFirefox(sim);
  let withMs: number[];
  let version: string;
  try {
    version = await withAdlens.browser.version();
    await plantFindings(withAdlens, sim, planted);
    withMs = await busyPerStep(withAdlens, sim, rowsPerStep, true);
  } finally {
    await withAdlens.close();
  }
  const without = await launchAdlensFirefox(sim, { withExtension: false });
  try {
    return { version, withMs, withoutMs: await busyPerStep(without, sim, rowsPerStep, false) };
  } finally {
    await without.close();
  }
}

/** The same findings as the Chromium pass, written through an extension page of Firefox. */
async function plantFindings(
  firefox: AdlensFirefox,
  sim: RunningSimulator,
  planted: ReadonlySet<string>,
): Promise<void> {
  const options = await OptionsPage.open(firefox.browser);
  // The background creates its cache when it starts; the page waits for it rather than racing.
  await options.page.waitForFunction(
    async () => (await indexedDB.databases()).some((database) => database.name === 'adlens'),
    { polling: 100 },
  );
  const records = [...planted].map((entityId) => {
    const entity = sim.world.entity(entityId)!;
    return findingRecord({ entity, severity: 'warning' });
  });
  await putCacheRecordsIn(options.page, 'findings', records);
  await options.page.close();
}

async function busyPerStep(
  firefox: AdlensFirefox,
  sim: RunningSimulator,
  rowsPerStep: number,
  withAdlens: boolean,
): Promise<number[]> {
  const { page } = await AdsManagerTab.open(firefox.browser, {
    accountId: sim.largeAccount.accountId,
    tab: 'ads',
  });
  await page.waitForSelector('[role="table"][aria-busy="false"] [role="row"]');
  const busy: number[] = [];
  let badges = 0;
  for (let step = 0; step < MAX_STEPS; step++) {
    const measured = await scrollAndProbe(page, step * rowsPerStep * ROW_HEIGHT);
    if (measured === undefined) break;
    busy.push(measured.busyMs);
    badges += measured.badges;
  }
  await page.close();
  if (withAdlens && badges === 0) throw new Error('The overlay showed no badge in Firefox');
  return busy;
}

/** Scrolls the table to `top`; the main thread's busy time in the probe window, and the badges. */
function scrollAndProbe(
  page: Page,
  top: number,
): Promise<{ busyMs: number; badges: number } | undefined> {
  return page.evaluate(
    (y, windowMs, gapMs) => {
      const table = document.querySelector('[role="table"]');
      const scroller = [...(table?.querySelectorAll('div') ?? [])].find(
        (element) => getComputedStyle(element).overflowY === 'auto',
      );
      if (!scroller) throw new Error('No scroll container in the table');
      if (y > scroller.scrollHeight - scroller.clientHeight) return undefined;
      scroller.scrollTop = y;
      const channel = new MessageChannel();
      const start = performance.now();
      let last = start;
      let busy = 0;
      return new Promise<{ busyMs: number; badges: number }>((resolve) => {
        channel.port1.onmessage = () => {
          const now = performance.now();
          if (now - last > gapMs) busy += now - last;
          last = now;
          if (now - start < windowMs) channel.port2.postMessage(null);
          else resolve({ busyMs: busy, badges: table!.querySelectorAll('adlens-badge').length });
        };
        channel.port2.postMessage(null);
      });
    },
    top,
    PROBE_WINDOW_MS,
    BUSY_GAP_MS,
  );
}
