/**
 * Writes the layout reports of the simulator's evidence-based pages into tests/unit/ads-manager/layout-reports
 * (each becomes a recognition test): `npx tsx tests/sim/ads-manager/dev/layout-reports.ts`.
 */
import puppeteer from 'puppeteer';
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { startSimulator } from '../../start';
const bundled = await build({
  entryPoints: ['lib/ads-manager/layout-report.ts'],
  bundle: true,
  write: false,
  format: 'iife',
  globalName: 'LR',
  alias: { '@': '.' },
});
const code = bundled.outputFiles[0]!.text;
const sim = await startSimulator();
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  pipe: true,
  defaultViewport: { width: 1440, height: 900 },
  args: [
    '--no-sandbox',
    `--host-resolver-rules=${sim.routing.hostResolverRules}`,
    `--ignore-certificate-errors-spki-list=${sim.routing.spkiSha256}`,
  ],
});
for (const [variant, tab, locale] of [
  ['evidence', 'campaigns', 'en'],
  ['evidence-no-ids', 'ads', 'zh'],
  ['evidence-recycled', 'adsets', 'de'],
] as const) {
  sim.control.page.variant = variant;
  sim.control.page.locale = locale;
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  await page.goto(
    `https://adsmanager.facebook.com/adsmanager/manage/${tab}?act=${sim.largeAccount.accountId}`,
  );
  await page.waitForSelector('[role="table"][aria-busy="false"]');
  await page.addScriptTag({ content: code });
  type Global = { LR: { layoutReport(table: Element | null, path: string): string } };
  const report = await page.evaluate(() =>
    (globalThis as unknown as Global).LR.layoutReport(
      document.querySelector('[role="table"]'),
      location.pathname,
    ),
  );
  writeFileSync(
    `tests/unit/ads-manager/layout-reports/simulator-${variant}-${tab}-${locale}.txt`,
    report + '\n',
  );
  await page.close();
}
await browser.close();
await sim.close();
