import { TargetType, type Browser, type Page } from 'puppeteer';

/**
 * The simulator's Facebook Login dialog as a person drives it: the window launchWebAuthFlow opens
 * on www.facebook.com, found by its address, answered by its visible buttons.
 */
export class FacebookLoginDialog {
  private constructor(readonly page: Page) {}

  /** Waits for the next dialog window the extension opens. */
  static async next(browser: Browser): Promise<FacebookLoginDialog> {
    const target = await browser.waitForTarget(
      (candidate) =>
        candidate.type() === TargetType.PAGE &&
        /www\.facebook\.com\/v2\d\.0\/dialog\/oauth/.test(candidate.url()),
      { timeout: 15_000 },
    );
    const page = await target.page();
    if (!page) throw new Error('The login dialog has no page');
    return new FacebookLoginDialog(page);
  }

  /** "Continue as …": the dialog redirects and the browser closes the window. */
  async continueAs(userName: string): Promise<void> {
    await this.press(`Continue as ${userName}`);
  }

  async cancel(): Promise<void> {
    await this.press('Cancel');
  }

  /** The logged-out step: logs in, after which the consent page shows. */
  async logIn(): Promise<void> {
    await this.press('Log in');
  }

  private async press(label: string): Promise<void> {
    const button = await this.page.waitForSelector(`button::-p-text(${label})`);
    // The window may close as the click navigates to the redirect; that is success.
    await button?.click().catch(() => undefined);
  }
}
