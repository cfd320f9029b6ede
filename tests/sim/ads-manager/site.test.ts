import { describe, expect, it } from 'vitest';
import { createClock } from '../clock';
import { DEFAULT_SEED } from '../index';
import { ACCOUNT_SPECS } from '../world/accounts';
import { createWorld } from '../world/create-world';
import { HOSTILE_NAMES } from '../world/names';
import {
  createAdsManagerSite,
  decodeRow,
  formatDateParam,
  isAdsManagerPath,
  LEVEL_TAB,
  presetRange,
  SHOW_ALL_FILTER_SET,
  tableApiHref,
  type AdsManagerControl,
  type TablePage,
} from './index';
import { compileStyles } from './styles';
import type { BootConfig } from './wire';
import { bootOf, get, jsonBody, text } from './test-helpers';

const HOSTS = ['adsmanager.facebook.com', 'business.facebook.com', 'www.facebook.com'] as const;
/**
 * The seeded world without its large account (nothing here needs it), the JPY account named with
 * markup that would end the boot JSON's script element: account names are advertiser text too.
 */
const world = createWorld({
  seed: DEFAULT_SEED,
  clock: createClock(),
  accounts: ACCOUNT_SPECS.filter((spec) => spec.ads < 1000).map((spec) =>
    spec.currency === 'JPY'
      ? { ...spec, name: `${spec.name} ${HOSTILE_NAMES.script_breakout}` }
      : spec,
  ),
});
const firstAccount = world.accounts[0]!;
const jpy = world.accounts.find((account) => account.currency === 'JPY')!;

function mutableControl(): {
  page: { variant: AdsManagerControl['page']['variant']; buildId: number };
} {
  return { page: { variant: 'data-surface', buildId: 1 } };
}

describe('routing', () => {
  const site = createAdsManagerSite({ world });

  it.each(HOSTS)('serves the three tabs on %s', async (host) => {
    const lastWeek = formatDateParam(
      presetRange(
        'last_7d',
        world.today(firstAccount.accountId),
        world.historyStart(firstAccount.accountId),
      ),
    );
    for (const tab of ['campaigns', 'adsets', 'ads']) {
      const response = await get(
        site,
        `https://${host}/adsmanager/manage/${tab}?act=${firstAccount.accountId}&date=${lastWeek}&nav_source=x`,
      );
      expect(response.status).toBe(200);
      expect(response.headers?.['content-type']).toMatch(/^text\/html/);
      expect(text(response)).toContain('<script src="/adsmanager/static/app.js" defer>');
    }
  });

  it.each(HOSTS)(
    'redirects the app root on %s to the first account, keeping host and port',
    async (host) => {
      for (const path of ['/adsmanager', '/adsmanager/', '/adsmanager/manage/']) {
        const response = await get(site, `https://${host}:4431${path}`);
        expect(response.status).toBe(302);
        expect(response.headers?.location).toBe(
          `https://${host}:4431/adsmanager/manage/campaigns?act=${firstAccount.accountId}&business_id=${firstAccount.businessId}`,
        );
      }
    },
  );

  it('adds the first account to a manage URL without act, keeping the rest', async () => {
    const response = await get(
      site,
      'https://adsmanager.facebook.com/adsmanager/manage/ads?date=last_7d',
    );
    expect(response.status).toBe(302);
    expect(response.headers?.location).toBe(
      `https://adsmanager.facebook.com/adsmanager/manage/ads?act=${firstAccount.accountId}&business_id=${firstAccount.businessId}&date=last_7d`,
    );
  });

  it('serves an unknown account as a page (the app shows the error), unknown paths as 404', async () => {
    const unknown = await get(
      site,
      'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=42',
    );
    expect(unknown.status).toBe(200);
    expect(
      (await get(site, 'https://adsmanager.facebook.com/adsmanager/manage/rules')).status,
    ).toBe(404);
    expect((await get(site, 'https://www.facebook.com/v26.0/dialog/oauth')).status).toBe(404);
    expect(isAdsManagerPath('/adsmanager/manage/ads')).toBe(true);
    expect(isAdsManagerPath('/adsmanagerx')).toBe(false);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const url = `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${firstAccount.accountId}`;
    const head = await get(site, url, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get(site, url, 'POST')).status).toBe(405);
  });
});

describe('the HTML shell', () => {
  it('has a strict script policy and no inline script', async () => {
    const site = createAdsManagerSite({ world });
    const response = await get(
      site,
      `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${firstAccount.accountId}`,
    );
    expect(response.headers?.['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers?.['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
    const scripts = text(response).match(/<script[^>]*>/g) ?? [];
    expect(scripts).toEqual([
      '<script type="application/json" data-sjs>',
      '<script src="/adsmanager/static/app.js" defer>',
    ]);
  });

  it('embeds the accounts with their today and history start, hostile names escaped', async () => {
    const site = createAdsManagerSite({ world });
    const html = text(
      await get(
        site,
        `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${jpy.accountId}`,
      ),
    );
    const boot = bootOf<BootConfig>(html);
    expect(boot.accounts.map((a) => [a.accountId, a.currency, a.today, a.earliest])).toEqual(
      world.accounts.map((a) => [
        a.accountId,
        a.currency,
        world.today(a.accountId),
        world.historyStart(a.accountId),
      ]),
    );
    expect(new Set(boot.accounts.map((a) => a.currency))).toEqual(new Set(['USD', 'EUR', 'JPY']));
    expect(boot.accounts.find((a) => a.accountId === jpy.accountId)?.name).toBe(jpy.name);
    expect(jpy.name).toContain(HOSTILE_NAMES.script_breakout);
    expect(html).not.toContain(HOSTILE_NAMES.script_breakout);
  });

  it('serves the bundled page script without raw-HTML sinks', async () => {
    const site = createAdsManagerSite({ world });
    const response = await get(site, 'https://adsmanager.facebook.com/adsmanager/static/app.js');
    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toMatch(/^text\/javascript/);
    const script = text(response);
    expect(script.length).toBeGreaterThan(5_000);
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  }, 20_000);
});

describe('control: variant and build', () => {
  it('reads the variant on every request', async () => {
    const control = mutableControl();
    const site = createAdsManagerSite({ world, control });
    const url = `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${firstAccount.accountId}`;
    expect(bootOf<BootConfig>(text(await get(site, url))).variant).toBe('data-surface');
    control.page.variant = 'no-data-surface';
    expect(bootOf<BootConfig>(text(await get(site, url))).variant).toBe('no-data-surface');
  });

  it('changes every class name with the build id, and the stylesheet with it', async () => {
    const control = mutableControl();
    const site = createAdsManagerSite({ world, control });
    const url = `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${firstAccount.accountId}`;
    const first = text(await get(site, url));
    control.page.buildId = 2;
    const second = text(await get(site, url));
    const classes1 = Object.values(bootOf<BootConfig>(first).classes).join(' ').split(' ');
    const classes2 = new Set(
      Object.values(bootOf<BootConfig>(second).classes).join(' ').split(' '),
    );
    expect(classes1.filter((c) => classes2.has(c))).toEqual([]);
    expect(second).toContain('href="/adsmanager/static/app.css?b=2"');
    const css = text(
      await get(site, 'https://adsmanager.facebook.com/adsmanager/static/app.css?b=2'),
    );
    for (const name of classes2) if (name) expect(css).toContain(`.${name}`);
  });

  it('uses only hashed atomic class names, without collisions', () => {
    for (const buildId of [1, 2, 3, 17]) {
      const { classes, css } = compileStyles(buildId);
      const names = new Set(Object.values(classes).flatMap((list) => list.split(' ')));
      for (const name of names) expect(name).toMatch(/^x[0-9a-z]{4,7}$/);
      const rules = css.match(/^\.x[0-9a-z]+(:hover)?\{/gm) ?? [];
      expect(new Set(rules).size).toBe(rules.length);
      expect(rules.length).toBe(new Set(rules.map((r) => r.replace(/\{$/, ''))).size);
    }
  });
});

describe('hostile names', () => {
  it('are part of the world so the page is exercised with them', async () => {
    const site = createAdsManagerSite({ world });
    const hostile = world.hostileNames.filter(
      ({ entityId }) => world.entity(entityId)?.accountId === firstAccount.accountId,
    );
    expect(hostile.map((h) => h.kind)).toEqual(
      expect.arrayContaining(['html_injection', 'script_breakout']),
    );
    const range = presetRange(
      'maximum',
      world.today(firstAccount.accountId),
      world.historyStart(firstAccount.accountId),
    );
    for (const { entityId, kind } of hostile) {
      const entity = world.entity(entityId);
      if (!entity) throw new Error(`no entity ${entityId}`);
      expect(entity.name).toContain(HOSTILE_NAMES[kind]);
      const href = tableApiHref({
        act: firstAccount.accountId,
        level: entity.level,
        since: range.since,
        until: range.until,
        filterSet: SHOW_ALL_FILTER_SET,
      });
      const page = jsonBody<TablePage>(await get(site, `https://adsmanager.facebook.com${href}`));
      const row = page.rows.map(decodeRow).find((r) => r.id === entityId);
      expect(row?.name, `${kind} on the ${LEVEL_TAB[entity.level]} tab`).toBe(entity.name);
    }
  });
});
