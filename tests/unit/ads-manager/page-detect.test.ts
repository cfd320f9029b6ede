import { describe, expect, it } from 'vitest';
import { detectAdsManagerPage } from '@/lib/ads-manager/page-detect';

const detect = (href: string) => detectAdsManagerPage(new URL(href));
const none = { campaign: [], adset: [], ad: [] };

describe('detectAdsManagerPage', () => {
  it('reads the account, level, range, preset and selection', () => {
    expect(
      detect(
        'https://adsmanager.facebook.com/adsmanager/manage/adsets?act=1234567890&business_id=5&date=2026-11-01_2026-11-21%2Clast_30d&selected_campaign_ids=11%2C12&nav_source=x',
      ),
    ).toEqual({
      accountId: 'act_1234567890',
      level: 'adset',
      since: '2026-11-01',
      until: '2026-11-21',
      preset: 'last_30d',
      selectedIds: { campaign: ['11', '12'], adset: [], ad: [] },
    });
  });

  it.each([
    ['https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1', 'campaign'],
    ['https://adsmanager.facebook.com/adsmanager/manage/adsets/?act=1', 'adset'],
    ['https://business.facebook.com/adsmanager/manage/ads?act=1', 'ad'],
    ['https://www.facebook.com/adsmanager/manage/campaigns?act=1', 'campaign'],
    ['https://adsmanager.facebook.com/adsmanager/manage/adsets/edit?act=1', 'adset'],
  ])('recognises %s', (href, level) => {
    expect(detect(href)).toEqual({ accountId: 'act_1', level, selectedIds: none });
  });

  it('reads a custom range without preset, and a preset alone', () => {
    const base = 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1&date=';
    expect(detect(`${base}2026-01-31_2026-02-28`)).toMatchObject({
      since: '2026-01-31',
      until: '2026-02-28',
    });
    expect(detect(`${base}2026-01-31_2026-02-28`)?.preset).toBeUndefined();
    expect(detect(`${base}maximum`)).toMatchObject({ preset: 'maximum' });
    expect(detect(`${base}maximum`)?.since).toBeUndefined();
  });

  it.each([
    '2026-02-30_2026-03-01',
    '2026-13-01_2026-13-02',
    '2026-03-02_2026-03-01',
    '2026-3-1_2026-3-2',
    '2026-03-01',
    '2026-03-01_2026-03-02_2026-03-03',
    '<script>,<b>',
    '2026-03-01_2026-03-02,last 7d,x',
  ])('ignores the malformed date %s but keeps the page', (date) => {
    const page = detect(
      `https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1&date=${encodeURIComponent(date)}`,
    );
    expect(page?.accountId).toBe('act_1');
    expect(page?.since).toBeUndefined();
    expect(page?.until).toBeUndefined();
  });

  it('keeps only numeric, unique selected ids', () => {
    const page = detect(
      'https://adsmanager.facebook.com/adsmanager/manage/ads?act=1&selected_adset_ids=5,5,abc,,6&selected_ad_ids=%3Cimg%3E,7',
    );
    expect(page?.selectedIds).toEqual({ campaign: [], adset: ['5', '6'], ad: ['7'] });
  });

  it.each([
    ['another host', 'https://evil.example/adsmanager/manage/campaigns?act=1'],
    [
      'a look-alike host',
      'https://adsmanager.facebook.com.evil.example/adsmanager/manage/campaigns?act=1',
    ],
    ['plain http', 'http://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1'],
    ['the Graph host', 'https://graph.facebook.com/adsmanager/manage/campaigns?act=1'],
    ['no act', 'https://adsmanager.facebook.com/adsmanager/manage/campaigns'],
    ['an act_ prefix', 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=act_1'],
    [
      'a non-numeric act',
      'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1%3Cx%3E',
    ],
    ['an empty act', 'https://adsmanager.facebook.com/adsmanager/manage/campaigns?act='],
    ['an unknown tab', 'https://adsmanager.facebook.com/adsmanager/manage/audiences?act=1'],
    ['the editor', 'https://adsmanager.facebook.com/adsmanager/manage/ads/edit/standalone?act=1'],
    ['the app root', 'https://adsmanager.facebook.com/adsmanager/?act=1'],
    ['a non-Ads-Manager page', 'https://www.facebook.com/profile.php?act=1'],
  ])('rejects %s', (_name, href) => {
    expect(detect(href)).toBeUndefined();
  });
});
