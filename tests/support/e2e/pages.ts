import type { Browser, Page, WebWorker } from 'puppeteer';
import { openExtensionPage, serviceWorker, stopServiceWorker } from './browser';

/** The options page as a user drives it: labels and visible text, through stable test ids. */
export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser): Promise<OptionsPage> {
    return new OptionsPage(await openExtensionPage(browser, 'options.html'));
  }

  async connectWithToken(token: string): Promise<void> {
    await this.page.locator('[data-testid="token-input"]').fill(token);
    await this.page.locator('[data-testid="connect-button"]').click();
  }

  async waitForStatus(text: string): Promise<string> {
    const handle = await this.page.waitForFunction(
      (expected) => {
        const status = document.querySelector('[data-testid="connection-status"]');
        return status?.textContent?.includes(expected) ? status.textContent : false;
      },
      {},
      text,
    );
    return (await handle.jsonValue()) as string;
  }

  async errorText(): Promise<string> {
    const error = await this.page.waitForSelector('[data-testid="connection-error"]');
    return (await error?.evaluate((node) => node.textContent ?? '')) ?? '';
  }

  async accountRows(): Promise<string[]> {
    await this.page.waitForSelector('[data-testid="account-row"]');
    return this.page.$$eval('[data-testid="account-row"]', (rows) =>
      rows.map((row) => row.textContent ?? ''),
    );
  }

  async disconnect(): Promise<void> {
    await this.page.locator('[data-testid="disconnect-button"]').click();
  }

  /** Starts Facebook Login; the dialog window opens (see FacebookLoginDialog). */
  async logInWithFacebook(appId: string): Promise<void> {
    const field = this.page.locator('[data-testid="app-id-input"]');
    await field.fill(appId);
    await this.page.locator('[data-testid="login-button"]').click();
  }

  /** Waits until the element holds the expected text, and returns all of it. */
  async waitForText(testId: string, expected: string | RegExp): Promise<string> {
    const handle = await this.page.waitForFunction(
      (id, source, flags) => {
        const text = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
        return new RegExp(source, flags).test(text) ? text : false;
      },
      {},
      testId,
      typeof expected === 'string'
        ? expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        : expected.source,
      typeof expected === 'string' ? '' : expected.flags,
    );
    return (await handle.jsonValue()) as string;
  }

  async isPresent(testId: string): Promise<boolean> {
    return (await this.page.$(`[data-testid="${testId}"]`)) !== null;
  }

  /** Sets a checkbox and waits until the page shows it settled (the background has answered). */
  async setChecked(testId: string, checked: boolean): Promise<void> {
    const selector = `[data-testid="${testId}"]`;
    const box = await this.page.waitForSelector(`${selector}:not([disabled])`);
    if ((await box?.evaluate((input) => (input as HTMLInputElement).checked)) !== checked) {
      await box?.click();
    }
    await this.page.waitForFunction(
      (css, wanted) => {
        const input = document.querySelector<HTMLInputElement>(css);
        return input !== null && !input.disabled && input.checked === wanted;
      },
      {},
      selector,
      checked,
    );
  }
}

export interface AdsManagerLocation {
  readonly host?: 'adsmanager.facebook.com' | 'business.facebook.com' | 'www.facebook.com';
  readonly accountId: string;
  readonly tab?: 'campaigns' | 'adsets' | 'ads';
  readonly date?: string;
  /** Any other query parameters, such as `selected_campaign_ids`. */
  readonly params?: Readonly<Record<string, string>>;
}

export function adsManagerUrl(location: AdsManagerLocation): string {
  const url = new URL(
    `https://${location.host ?? 'adsmanager.facebook.com'}/adsmanager/manage/${location.tab ?? 'campaigns'}`,
  );
  url.searchParams.set('act', location.accountId);
  if (location.date) url.searchParams.set('date', location.date);
  for (const [key, value] of Object.entries(location.params ?? {}))
    url.searchParams.set(key, value);
  return url.href;
}

/** Adlens's badge on a row, as a user sees it: severity colour, count, tooltip sentence. */
export interface BadgeView {
  readonly entityId: string;
  readonly severity: string;
  readonly count: string;
  readonly sentence: string;
}

/** A body row of the Ads Manager table: the entity the page says it shows, its name, its badge. */
export interface RowView {
  /** From the row's `data-surface` id; null on a page without them. */
  readonly entityId: string | null;
  readonly name: string;
  readonly badges: readonly BadgeView[];
}

/**
 * How the simulator's two table markups show a row: the live page's (rows `role="presentation"`
 * in `display: contents` surface wrappers, the name in `data-tooltip-content`) and our first guess
 * (`role="row"` rows carrying the surface, the name in the cell).
 */
const TABLE_MARKUP = {
  evidenceName: '[role="table"] [data-tooltip-content]',
  evidenceRow: '[role="presentation"]',
  bodyRow: '[role="table"] [role="row"][aria-rowindex]:not([aria-rowindex="1"])',
  surfaceId: 'table_row:(\\d+)unit$',
  nameCell: '[role="presentation"] > [role="cell"] > div > *',
} as const;

/** An Ads Manager tab with Adlens's overlay, read through the open shadow root. */
export class AdsManagerTab {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, location: AdsManagerLocation): Promise<AdsManagerTab> {
    return AdsManagerTab.attach(await browser.newPage(), location);
  }

  /** Ads Manager in a page the test prepared (its headers, its media features). */
  static async attach(page: Page, location: AdsManagerLocation): Promise<AdsManagerTab> {
    await page.goto(adsManagerUrl(location), { waitUntil: 'domcontentloaded' });
    return new AdsManagerTab(page);
  }

  /** Waits for the simulated page's streaming first render to finish. */
  async waitForTableRows(): Promise<void> {
    await this.page.waitForSelector('[role="table"][aria-busy="false"] [role="row"]');
  }

  /** Every body row in view, with the Adlens badges in it, once the table has loaded. */
  async rows(): Promise<RowView[]> {
    await this.waitForTableRows();
    return this.page.evaluate((markup) => {
      const text = (node: Element | null | undefined) =>
        (node?.textContent ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
      const surfaceId = (node: Element | null | undefined) =>
        new RegExp(markup.surfaceId).exec(node?.getAttribute('data-surface') ?? '')?.[1] ?? null;
      const names = [...document.querySelectorAll(markup.evidenceName)];
      const rows =
        names.length > 0
          ? names.map((name) => {
              const row = name.closest(markup.evidenceRow);
              return {
                row,
                entityId: surfaceId(row?.parentElement),
                name: (name.getAttribute('data-tooltip-content') ?? '')
                  .normalize('NFC')
                  .replace(/\s+/g, ' ')
                  .trim(),
              };
            })
          : [...document.querySelectorAll(markup.bodyRow)].map((row) => ({
              row,
              entityId: surfaceId(row),
              name: text(row.querySelector(markup.nameCell)),
            }));
      return rows.map(({ row, entityId, name }) => ({
        entityId,
        name,
        badges: [...(row?.querySelectorAll('adlens-badge') ?? [])]
          // A recycled row's badge the overlay hid is not shown to the user.
          .filter((host) => (host as HTMLElement).style.display !== 'none')
          .map((host) => {
            const face = host.shadowRoot?.querySelector('[data-testid="adlens-badge"]');
            return {
              entityId: host.getAttribute('data-adlens-entity') ?? '',
              severity: face?.getAttribute('data-severity') ?? '',
              count: text(face),
              sentence: text(host.shadowRoot?.querySelector('[role="tooltip"]')),
            };
          }),
      }));
    }, TABLE_MARKUP);
  }

  /** Waits until the row showing `entityId` carries a badge for it, and returns that badge. */
  async waitForBadge(entityId: string, timeout = 30_000): Promise<BadgeView> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const row = (await this.rows()).find((candidate) => candidate.entityId === entityId);
      const badge = row?.badges.find((candidate) => candidate.entityId === entityId);
      if (badge) return badge;
      if (Date.now() > deadline) {
        throw new Error(
          row ? `The row of ${entityId} got no badge` : `No row of ${entityId} is in view`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async openPanel(): Promise<void> {
    const toggle = await this.page.waitForSelector('adlens-panel >>> button[aria-expanded]');
    if ((await toggle?.evaluate((button) => button.getAttribute('aria-expanded'))) === 'false') {
      await toggle?.click();
    }
    await this.page.waitForSelector('adlens-panel >>> button[aria-expanded="true"]');
  }

  async panelScreenshot(file: string): Promise<void> {
    const panel = await this.page.waitForSelector('adlens-panel >>> [data-testid="adlens-panel"]');
    await panel?.screenshot({ path: file });
  }

  /**
   * Opens the insight panel from the launcher's Insights button and waits for its data; fails with
   * what the panel says when that is not data.
   */
  async openInsightPanel(): Promise<void> {
    // A user's click through the browser's input, not one the page synthesises.
    await this.page.locator('adlens-panel >>> [data-testid="open-insights"]').click();
    await this.insightPanelReady();
  }

  /** Opens the insight panel with the keyboard alone: focus on the Insights button, then Enter. */
  async openInsightPanelByKeyboard(): Promise<void> {
    const opener = await this.page.waitForSelector(
      'adlens-panel >>> [data-testid="open-insights"]',
    );
    await opener?.focus();
    // Enter goes to whatever has focus: wait until it is the button, not the page around it.
    await this.page.waitForFunction(
      () =>
        document
          .querySelector('adlens-panel')
          ?.shadowRoot?.activeElement?.getAttribute('data-testid') === 'open-insights',
    );
    await this.page.keyboard.press('Enter');
    await this.insightPanelReady();
  }

  /**
   * Waits for the open insight panel's data (polled: changes inside the overlay's shadow root are
   * not mutations of the document); fails with what the panel says when that is not data.
   */
  async insightPanelReady(): Promise<void> {
    const state = await this.page.waitForFunction(
      () => {
        const panel = document
          .querySelector('adlens-panel')
          ?.shadowRoot?.querySelector('[data-testid="insight-panel"]');
        const kind = panel?.getAttribute('data-state');
        return kind && kind !== 'loading' ? `${kind}: ${panel?.textContent ?? ''}` : false;
      },
      { timeout: 30_000 },
    );
    const text = String(await state.jsonValue());
    if (!text.startsWith('ready')) throw new Error(`The panel says: ${text.slice(0, 300)}`);
  }

  async insightPanelScreenshot(file: string): Promise<void> {
    const panel = await this.page.waitForSelector('adlens-panel >>> [data-testid="insight-panel"]');
    await panel?.screenshot({ path: file });
  }

  /** Waits until the panel's element holds the expected text, and returns it. */
  async panelText(testId: string, expected?: string): Promise<string> {
    const selector = `adlens-panel >>> [data-testid="${testId}"]`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const element = await this.page.$(selector);
      const text = (await element?.evaluate((node) => node.textContent ?? '')) ?? '';
      if (element && (expected === undefined || text.includes(expected))) return text;
      if (Date.now() > deadline) {
        throw new Error(
          `Panel ${testId} never showed ${JSON.stringify(expected)}; last: ${JSON.stringify(text)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Where the extension's storage can be read: its service worker, or one of its pages. */
export type ExtensionContext = Pick<WebWorker, 'evaluate'>;

/** The background as tests may inspect it: browser storage and IndexedDB, never our own globals. */
export class BackgroundWorker {
  private constructor(
    private readonly browser: Browser,
    private worker: ExtensionContext,
  ) {}

  static async attach(browser: Browser): Promise<BackgroundWorker> {
    return new BackgroundWorker(browser, await serviceWorker(browser));
  }

  /** Firefox lists no target for its background page: its storage is read from an extension page. */
  static throughPage(browser: Browser, page: Page): BackgroundWorker {
    return new BackgroundWorker(browser, page);
  }

  async storageArea(area: 'local' | 'sync' | 'session'): Promise<Record<string, unknown>> {
    return this.worker.evaluate(
      (name) => (globalThis as unknown as ChromeStorageGlobals).chrome.storage[name].get(null),
      area,
    );
  }

  /** Every IndexedDB database of the extension origin, as JSON text of each store's records. */
  async indexedDbDump(): Promise<Record<string, Record<string, string>>> {
    return this.worker.evaluate(async () => {
      const dump: Record<string, Record<string, string>> = {};
      for (const info of await indexedDB.databases()) {
        if (!info.name) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(info.name!);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
        });
        const stores: Record<string, string> = {};
        for (const storeName of Array.from(db.objectStoreNames)) {
          const records = await new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(storeName).objectStore(storeName).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
          });
          // Binary values become Latin-1 text so a test can search ciphertext for plaintext.
          stores[storeName] = JSON.stringify(records, (_key, value: unknown) => {
            if (!(value instanceof ArrayBuffer || ArrayBuffer.isView(value))) return value;
            const bytes =
              value instanceof ArrayBuffer
                ? new Uint8Array(value)
                : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
            return `bytes:${Array.from(bytes, (byte) => String.fromCharCode(byte)).join('')}`;
          });
        }
        db.close();
        dump[info.name] = stores;
      }
      return dump;
    });
  }

  /**
   * Kills the worker as Chromium's idle timeout would. It starts again on the next event (a
   * message from a page, an alarm); call reattach() after causing one.
   */
  async stop(): Promise<void> {
    await stopServiceWorker(this.browser);
  }

  async reattach(): Promise<void> {
    this.worker = await serviceWorker(this.browser);
  }
}

type ChromeStorageGlobals = {
  chrome: {
    storage: Record<
      'local' | 'sync' | 'session',
      { get(keys: null): Promise<Record<string, unknown>> }
    >;
  };
};
