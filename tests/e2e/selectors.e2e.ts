import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as selectors from '../../lib/ads-manager/selectors';
import type { SelectorFixture } from '../../lib/ads-manager/selectors';
import type { RunningSimulator } from '../sim/start';
import type { AdlensBrowser } from '../support/e2e/browser';
import { launchAdlens, type RunningAdlens } from '../support/e2e/fixture';
import { AdsManagerTab } from '../support/e2e/pages';

/**
 * Every selector of lib/ads-manager/selectors.ts against the simulator's Ads Manager page in Chromium: on
 * each page its fixtures name, in two builds (all class names differ between them). A failure names
 * the selector, the page and the build, so a change in Meta's markup points at one line.
 */
let adlens: RunningAdlens | undefined;
let sim: RunningSimulator;
let chromium: AdlensBrowser;

beforeAll(async () => {
  adlens = await launchAdlens();
  ({ sim, chromium } = adlens);
});

afterAll(() => adlens?.close());

interface Case {
  readonly name: string;
  readonly selector: string;
  readonly fixture: SelectorFixture;
}

const exported = selectors as unknown as Record<string, unknown>;
const cases: Case[] = Object.entries(exported).flatMap(([key, value]) => {
  if (!key.endsWith('Fixtures')) return [];
  const name = key.slice(0, -'Fixtures'.length);
  const definition = exported[name];
  return (value as readonly SelectorFixture[]).map((fixture) => ({
    name: fixture.argument === undefined ? name : `${name}(${fixture.argument})`,
    selector:
      typeof definition === 'function'
        ? (definition as (argument: string) => string)(fixture.argument ?? '')
        : String(definition),
    fixture,
  }));
});

const pageKey = ({ variant, tab }: SelectorFixture) => `${variant} ${tab}`;
const pages = [...new Set(cases.map((c) => pageKey(c.fixture)))];

/**
 * Body rows in the DOM, counted without any selector of ours: elements with an ARIA row index on
 * the earlier page, the name links (`a[href="#"]`, one a row) on the page built to the evidence.
 */
function countBodyRows(): number {
  const table = document.querySelector('[role="table"]');
  let indexed = 0;
  let links = 0;
  for (const element of table?.getElementsByTagName('*') ?? []) {
    const index = element.getAttribute('aria-rowindex');
    if (element.getAttribute('role') === 'row' && index !== null && index !== '1') indexed += 1;
    if (element.tagName === 'A' && element.getAttribute('href') === '#') links += 1;
  }
  return indexed || links;
}

describe.each([1, 2])('selectors on build %i', (buildId) => {
  describe.each(pages)('%s', (key) => {
    const pageCases = cases.filter((c) => pageKey(c.fixture) === key);
    let tab: AdsManagerTab;
    let bodyRows: number;

    beforeAll(async () => {
      const { variant, tab: level } = pageCases[0]!.fixture;
      sim.control.page.variant = variant;
      sim.control.page.buildId = buildId;
      tab = await AdsManagerTab.open(chromium.browser, {
        accountId: sim.largeAccount.accountId,
        tab: level,
      });
      await tab.page.waitForSelector('[role="table"][aria-busy="false"]');
      bodyRows = await tab.page.evaluate(countBodyRows);
    });

    afterAll(async () => {
      await tab?.page.close();
    });

    it('shows a screenful of rows (the reference for relative counts)', () => {
      expect(bodyRows).toBeGreaterThan(10);
    });

    it.each(pageCases.map((c) => [c.name, c] as const))(
      '%s',
      async (_name, { name, selector, fixture }) => {
        const count = await tab.page.evaluate(
          (query) => document.querySelectorAll(query).length,
          selector,
        );
        const expected =
          typeof fixture.count === 'number'
            ? fixture.count
            : bodyRows * (fixture.count.rowsTimes ?? 1) + fixture.count.rowsPlus;
        expect(count, `selector ${name} on ${key}, build ${buildId}: ${selector}`).toBe(expected);
      },
    );
  });
});

describe('what the row selectors read', () => {
  it('data-surface ids are the level’s entities, and each row’s name element shows its name', async () => {
    sim.control.page.variant = 'data-surface';
    sim.control.page.buildId = 1;
    const account = sim.largeAccount;
    const tab = await AdsManagerTab.open(chromium.browser, {
      accountId: account.accountId,
      tab: 'adsets',
    });
    await tab.page.waitForSelector('[role="table"][aria-busy="false"]');
    const rows = await tab.page.evaluate(
      (row, name) =>
        [...document.querySelectorAll(row)].map((element) => ({
          surface: element.getAttribute('data-surface'),
          name: element.querySelector(name)?.textContent,
        })),
      selectors.surfaceRow,
      selectors.rowName,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const { surface, name } of rows) {
      const id = selectors.rowIdFromSurface(surface);
      const entity = id === undefined ? undefined : sim.world.entity(id);
      expect(entity?.level, `row ${surface}`).toBe('adset');
      expect(entity?.accountId).toBe(account.accountId);
      expect(name).toBe(entity?.name);
    }
    await tab.page.close();
  });
});
