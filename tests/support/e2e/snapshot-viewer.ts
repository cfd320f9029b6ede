import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { EXTENSION_ORIGIN } from './browser';

/**
 * On the options page's snapshot form: picks the account and the subject ('' for the whole
 * account), waits for the synced days to fill the range, and returns the range offered.
 */
export async function chooseSnapshotSubject(
  page: Page,
  accountId: string,
  subjectId: string,
): Promise<{ since: string; until: string }> {
  await page.waitForSelector(`[data-testid="snapshot-account"] option[value="${accountId}"]`);
  await page.select('[data-testid="snapshot-account"]', accountId);
  await page.waitForSelector(`[data-testid="snapshot-subject"] option[value="${subjectId}"]`);
  await page.select('[data-testid="snapshot-subject"]', subjectId);
  // The days appear once the account's synced days have loaded.
  await page.waitForFunction(() =>
    ['snapshot-since', 'snapshot-until'].every(
      (testId) => document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)?.value,
    ),
  );
  const value = (testId: string) =>
    page.$eval(`[data-testid="${testId}"]`, (input) => (input as HTMLInputElement).value);
  return { since: await value('snapshot-since'), until: await value('snapshot-until') };
}

/** The viewer page as a user drives it, through its test ids. */
export class SnapshotViewer {
  constructor(readonly page: Page) {}

  static async open(browser: Browser, fragment = ''): Promise<SnapshotViewer> {
    const page = await browser.newPage();
    await page.goto(`${EXTENSION_ORIGIN}/snapshot-viewer.html${fragment}`, {
      waitUntil: 'domcontentloaded',
    });
    await page.waitForSelector('[data-testid="snapshot-file-input"]');
    return new SnapshotViewer(page);
  }

  async uploadFile(file: string): Promise<void> {
    const input = await this.page.waitForSelector('input[data-testid="snapshot-file-input"]');
    await input!.uploadFile(file);
  }

  async pasteLink(link: string): Promise<void> {
    // Typing a long link key by key takes minutes; the field is set as a paste would.
    await this.page.$eval(
      '[data-testid="snapshot-link-input"]',
      (input, value) => {
        const field = input as HTMLInputElement;
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      },
      link,
    );
    await this.page.locator('[data-testid="snapshot-link-open"]').click();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.page.locator('[data-testid="passphrase-input"]').fill(passphrase);
    await this.page.locator('[data-testid="passphrase-submit"]').click();
  }

  async errorText(): Promise<string> {
    const error = await this.page.waitForSelector('[data-testid="snapshot-error"]');
    return error!.evaluate((node) => node.textContent ?? '');
  }

  /** Each KPI row's cells, once a snapshot is shown. */
  async kpiRows(): Promise<string[][]> {
    await this.page.waitForSelector(
      '[data-testid="snapshot-preview"] [data-testid="snapshot-kpi"]',
    );
    return this.page.$$eval('[data-testid="snapshot-kpi"]', (rows) =>
      rows.map((row) => Array.from(row.children, (cell) => cell.textContent ?? '')),
    );
  }

  async text(testId: string): Promise<string> {
    const element = await this.page.waitForSelector(`[data-testid="${testId}"]`);
    return element!.evaluate((node) => node.textContent ?? '');
  }

  async findings(): Promise<string[]> {
    return this.page.$$eval('[data-testid="snapshot-finding"]', (items) =>
      items.map((item) => item.textContent ?? ''),
    );
  }

  async hasPreview(): Promise<boolean> {
    return (await this.page.$('[data-testid="snapshot-preview"]')) !== null;
  }

  async setRedaction(choice: 'aliasNames' | 'dropIds' | 'indexMoney', on: boolean): Promise<void> {
    const box = await this.page.waitForSelector(`[data-testid="redaction-${choice}"]`);
    if ((await box!.evaluate((input) => (input as HTMLInputElement).checked)) !== on)
      await box!.click();
  }

  /** Clicks an export button and returns the file it downloads. */
  async download(
    button: 'export-file' | 'export-csv' | 'export-png',
    folder: string,
  ): Promise<Buffer> {
    rmSync(folder, { recursive: true, force: true });
    const session = await this.page.browser().target().createCDPSession();
    try {
      // Named by its id and read once Chromium says it is complete: the file's own name appears
      // empty before its bytes do.
      await session.send('Browser.setDownloadBehavior', {
        behavior: 'allowAndName',
        downloadPath: folder,
        eventsEnabled: true,
      });
      const finished = new Promise<string>((resolve, reject) => {
        session.on('Browser.downloadProgress', ({ guid, state }) => {
          if (state === 'completed') resolve(guid);
          if (state === 'canceled') reject(new Error(`${button}: the download was cancelled`));
        });
      });
      await this.page.locator(`[data-testid="${button}"]`).click();
      return readFileSync(path.join(folder, await finished));
    } finally {
      await session.detach();
    }
  }

  /** Creates a link (protected when a passphrase is given) and returns it. */
  async createLink(passphrase = ''): Promise<string> {
    await this.page.locator('[data-testid="share-passphrase-input"]').fill(passphrase);
    await this.page.locator('[data-testid="export-link"]').click();
    const handle = await this.page.waitForFunction(
      (kind) => {
        const output = document.querySelector<HTMLTextAreaElement>('[data-testid="share-output"]');
        return output?.value.includes(`#s=1.${kind}.`) ? output.value : false;
      },
      {},
      passphrase ? 'e' : 'd',
    );
    return (await handle.jsonValue()) as string;
  }
}
