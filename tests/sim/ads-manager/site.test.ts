import { describe, expect, it } from 'vitest';
import { createAdsManagerSite, isAdsManagerPath, type AdsManagerControl } from './index';
import { createFakeWorld, FAKE_ACCOUNTS, HOSTILE_NAMES } from './fake-world';
import { compileStyles } from './styles';
import type { BootConfig } from './wire';
import { bootOf, get, text } from './test-helpers';

const HOSTS = ['adsmanager.facebook.com', 'business.facebook.com', 'www.facebook.com'] as const;
const world = createFakeWorld({ large: false });

function mutableControl(): {
  page: { variant: AdsManagerControl['page']['variant']; buildId: number };
} {
  return { page: { variant: 'data-surface', buildId: 1 } };
}

describe('routing', () => {
  const site = createAdsManagerSite({ world });

  it.each(HOSTS)('serves the three tabs on %s', async (host) => {
    for (const tab of ['campaigns', 'adsets', 'ads']) {
      const response = await get(
        site,
        `https://${host}/adsmanager/manage/${tab}?act=${FAKE_ACCOUNTS.usd}&date=2026-11-15_2026-11-21,last_7d&nav_source=x`,
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
          `https://${host}:4431/adsmanager/manage/campaigns?act=${FAKE_ACCOUNTS.usd}&business_id=200000000000001`,
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
      `https://adsmanager.facebook.com/adsmanager/manage/ads?act=${FAKE_ACCOUNTS.usd}&business_id=200000000000001&date=last_7d`,
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
    const url = `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${FAKE_ACCOUNTS.usd}`;
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
      `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${FAKE_ACCOUNTS.usd}`,
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
        `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${FAKE_ACCOUNTS.jpy}`,
      ),
    );
    const boot = bootOf<BootConfig>(html);
    expect(boot.accounts.map((a) => [a.accountId, a.currency, a.today, a.earliest])).toEqual([
      [FAKE_ACCOUNTS.usd, 'USD', '2026-11-22', '2026-05-26'],
      [FAKE_ACCOUNTS.eur, 'EUR', '2026-11-22', '2026-05-26'],
      [FAKE_ACCOUNTS.jpy, 'JPY', '2026-11-22', '2026-05-26'],
    ]);
    expect(boot.accounts[2]?.name).toBe('東京ストア <b>JP</b>');
    expect(html).not.toContain('<b>JP');
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
    const url = `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${FAKE_ACCOUNTS.usd}`;
    expect(bootOf<BootConfig>(text(await get(site, url))).variant).toBe('data-surface');
    control.page.variant = 'no-data-surface';
    expect(bootOf<BootConfig>(text(await get(site, url))).variant).toBe('no-data-surface');
  });

  it('changes every class name with the build id, and the stylesheet with it', async () => {
    const control = mutableControl();
    const site = createAdsManagerSite({ world, control });
    const url = `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=${FAKE_ACCOUNTS.usd}`;
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
  it('are part of the fake world so the page is exercised with them', () => {
    const names = world.entities(FAKE_ACCOUNTS.usd, 'campaign').map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining([HOSTILE_NAMES[0], HOSTILE_NAMES[1]]));
  });
});
