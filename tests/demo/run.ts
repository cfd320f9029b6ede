/**
 * The main job: Adlens in Chromium against the simulated Meta world. With a display the browser
 * stays open for a person; headless, it saves screenshots of the options page, the synced account's
 * Ads Manager table with its badges (one showing its finding), and the insight panel in the light
 * and the dark theme, and prints their paths.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startSimulator } from '../sim/start';
import { launchAdlensBrowser } from '../support/e2e/browser';
import { AdsManagerTab, OptionsPage } from '../support/e2e/pages';
import { SyncSection } from '../support/e2e/sync';

const OUTPUT_DIR = path.resolve(import.meta.dirname, '../../demo-output');
const headless = !process.env.DISPLAY;

const sim = await startSimulator();
const chromium = await launchAdlensBrowser(sim.routing, { headless });
const shutdown = async () => {
  await chromium.close().catch(() => undefined);
  await sim.close();
};

try {
  const options = await OptionsPage.open(chromium.browser);
  await options.connectWithToken(sim.control.demoToken);
  const status = await options.waitForStatus('Connected as');
  await options.accountRows();
  console.log(`Options page: ${status.trim()}`);
  // The insight panel shows a synced account: the EUR one syncs in seconds.
  const synced = sim.world.accounts.find((account) => account.currency === 'EUR')!;
  await new SyncSection(options.page).sync(`act_${synced.accountId}`);
  console.log(`Synced ${synced.name}`);

  // The synced account's table: its rows with findings carry badges.
  const adsManager = await AdsManagerTab.open(chromium.browser, { accountId: synced.accountId });
  await adsManager.panelText('account-name', synced.name);
  await adsManager.waitForTableRows();
  const badgeCentre = await adsManager.page.waitForFunction(() => {
    const button = document
      .querySelector('[role="table"] adlens-badge')
      ?.shadowRoot?.querySelector('[data-testid="adlens-badge"]');
    const box = button?.getBoundingClientRect();
    return box && { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  });
  console.log(`Ads Manager: ${adsManager.page.url()}`);

  if (headless) {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const shots = {
      options: path.join(OUTPUT_DIR, 'options.png'),
      adsManager: path.join(OUTPUT_DIR, 'ads-manager.png'),
      panel: path.join(OUTPUT_DIR, 'panel.png'),
      panelDark: path.join(OUTPUT_DIR, 'panel-dark.png'),
    };
    await options.page.bringToFront();
    await options.page.screenshot({ path: shots.options, fullPage: true });
    await adsManager.page.bringToFront();
    // Hovering a badge shows its top finding's sentence.
    const { x, y } = (await badgeCentre.jsonValue())!;
    await adsManager.page.mouse.move(x, y);
    await adsManager.page.waitForFunction(() =>
      document
        .querySelector('[role="table"] adlens-badge')
        ?.shadowRoot?.querySelector('[role="tooltip"]:popover-open'),
    );
    await adsManager.page.screenshot({ path: shots.adsManager });
    const insights = await AdsManagerTab.open(chromium.browser, { accountId: synced.accountId });
    await insights.waitForTableRows();
    await insights.openInsightPanel();
    await insights.insightPanelScreenshot(shots.panel);
    await insights.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await insights.insightPanelScreenshot(shots.panelDark);
    console.log('Screenshots:');
    for (const file of Object.values(shots)) console.log(`  ${file}`);
  } else {
    await adsManager.page.bringToFront();
    console.log(
      'Adlens is running against the simulator. Close the browser or press Ctrl-C to stop.',
    );
    await new Promise<void>((resolve) => {
      chromium.browser.once('disconnected', resolve);
      process.once('SIGINT', resolve);
    });
  }
} finally {
  await shutdown();
}
