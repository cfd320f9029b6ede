import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';

/**
 * axe-core (WCAG 2.1 A and AA) run inside a page, as a user's assistive technology meets it. Its
 * source is evaluated through the DevTools protocol, which the page's CSP does not govern, so no
 * test code ships in the extension. Shadow roots are checked through their hosts.
 */
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeFinding {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/** The serious and critical violations in `include` (CSS selectors of hosts), or the whole page. */
export async function seriousViolations(
  page: Page,
  include?: readonly string[],
): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async (selectors) => {
      type AxeResult = {
        violations: {
          id: string;
          impact: string | null;
          help: string;
          nodes: { target: unknown[] }[];
        }[];
      };
      const axe = (
        globalThis as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<AxeResult> };
        }
      ).axe;
      const context = selectors ? { include: selectors.map((selector) => [selector]) } : document;
      const results = await axe.run(context, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          targets: violation.nodes.map((node) => JSON.stringify(node.target)),
        }));
    },
    include ? [...include] : null,
  );
}

/** The deep active element's test id (or tag), through open shadow roots. */
export async function focusedTestId(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute('data-testid') ?? active?.tagName.toLowerCase() ?? '';
  });
}

/**
 * Tabs through the page from the top and returns how many of its visible, enabled controls keyboard
 * focus reached, and the ones it never reached.
 */
export async function tabWalk(
  page: Page,
  maxSteps = 300,
): Promise<{ reached: number; missed: string[] }> {
  const total = await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    const marked = document.querySelectorAll('[data-adlens-walk]');
    for (const element of marked) element.removeAttribute('data-adlens-walk');
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])',
    );
    let index = 0;
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && !control.closest('[hidden], [inert]')) {
        control.setAttribute('data-adlens-walk', String(index++));
      }
    }
    return index;
  });
  const seen = new Set<string>();
  for (let step = 0; step < maxSteps && seen.size < total; step += 1) {
    await page.keyboard.press('Tab');
    const mark = await page.evaluate(
      () => document.activeElement?.getAttribute('data-adlens-walk') ?? null,
    );
    if (mark !== null) seen.add(mark);
  }
  return page.evaluate(
    (reachedMarks) => {
      const missed = [...document.querySelectorAll<HTMLElement>('[data-adlens-walk]')]
        .filter((control) => !reachedMarks.includes(control.getAttribute('data-adlens-walk')!))
        .map(
          (control) =>
            control.getAttribute('data-testid') ??
            `${control.tagName} ${control.textContent?.slice(0, 60) ?? ''}`,
        );
      return { reached: reachedMarks.length, missed };
    },
    [...seen],
  );
}
