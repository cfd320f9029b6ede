import { describe, expect, it } from 'vitest';
import {
  formatDateParam,
  manageHref,
  parseDateParam,
  parseManageLocation,
  presetRange,
  statusFilterOf,
  SHOW_ALL_FILTER_SET,
  tabOfPath,
} from './url-scheme';

const TODAY = '2026-11-22';
const EARLIEST = '2026-05-26';

describe('manage URLs', () => {
  it('parses the tab, account, date and selections of a real-looking URL', () => {
    const state = parseManageLocation(
      '/adsmanager/manage/adsets',
      '?act=123456&business_id=99&nav_source=flyout_menu&date=2026-11-01_2026-11-21%2Clast_month' +
        '&selected_campaign_ids=11%2C22%2Cx%2C11',
    );
    expect(state).toMatchObject({
      tab: 'adsets',
      act: '123456',
      businessId: '99',
      date: '2026-11-01_2026-11-21,last_month',
      selectedCampaignIds: ['11', '22'],
      selectedAdsetIds: [],
    });
  });

  it('knows only the three tabs, with or without a trailing slash', () => {
    expect(tabOfPath('/adsmanager/manage/campaigns')).toEqual({ tab: 'campaigns', subRoute: '' });
    expect(tabOfPath('/adsmanager/manage/ads/')).toEqual({ tab: 'ads', subRoute: '' });
    expect(tabOfPath('/adsmanager/manage/campaigns/edit')?.subRoute).toBe('/edit');
    expect(tabOfPath('/adsmanager/manage/ads/edit/standalone')).toEqual({
      tab: 'ads',
      subRoute: '/edit/standalone',
    });
    expect(tabOfPath('/adsmanager/manage/ads/other')).toBeUndefined();
    expect(tabOfPath('/adsmanager/reporting')).toBeUndefined();
  });

  it('rejects an act that is not digits (act_ prefix included)', () => {
    expect(parseManageLocation('/adsmanager/manage/campaigns', '?act=act_123')?.act).toBeNull();
  });

  it('builds URLs that parse back to the same state, dropping navigation-source params', () => {
    const state = parseManageLocation(
      '/adsmanager/manage/ads',
      '?nav_source=x&act=1&date=2026-11-15_2026-11-21%2Clast_7d&selected_adset_ids=5%2C6',
    );
    if (!state) throw new Error('no state');
    const href = manageHref(state);
    expect(href).toBe(
      '/adsmanager/manage/ads?act=1&date=2026-11-15_2026-11-21%2Clast_7d&selected_adset_ids=5%2C6',
    );
    const url = new URL(href, 'https://adsmanager.facebook.com');
    expect(parseManageLocation(url.pathname, url.search)).toEqual(state);
  });
});

describe('date parameter', () => {
  it('reads explicit inclusive dates, with or without a preset name', () => {
    expect(parseDateParam('2026-11-15_2026-11-21,last_7d', TODAY, EARLIEST)).toEqual({
      since: '2026-11-15',
      until: '2026-11-21',
      preset: 'last_7d',
    });
    expect(parseDateParam('2026-11-01_2026-11-05', TODAY, EARLIEST)).toEqual({
      since: '2026-11-01',
      until: '2026-11-05',
    });
  });

  it('falls back to the preset when the dates are missing or malformed', () => {
    expect(parseDateParam('last_7d', TODAY, EARLIEST)).toEqual({
      since: '2026-11-15',
      until: '2026-11-21',
      preset: 'last_7d',
    });
    expect(parseDateParam('2026-13-01_2026-11-05,yesterday', TODAY, EARLIEST)?.since).toBe(
      '2026-11-21',
    );
    expect(parseDateParam('2026-11-05_2026-11-01', TODAY, EARLIEST)).toBeUndefined();
    expect(parseDateParam(null, TODAY, EARLIEST)).toBeUndefined();
  });

  it('computes presets like the Graph API (last_N ends yesterday)', () => {
    expect(presetRange('today', TODAY, EARLIEST)).toMatchObject({ since: TODAY, until: TODAY });
    expect(presetRange('last_30d', TODAY, EARLIEST)).toMatchObject({
      since: '2026-10-23',
      until: '2026-11-21',
    });
    expect(presetRange('this_month', TODAY, EARLIEST)).toMatchObject({
      since: '2026-11-01',
      until: TODAY,
    });
    expect(presetRange('last_month', '2026-03-10', EARLIEST)).toMatchObject({
      since: '2026-02-01',
      until: '2026-02-28',
    });
    expect(presetRange('maximum', TODAY, EARLIEST)).toMatchObject({
      since: EARLIEST,
      until: TODAY,
    });
  });

  it('round-trips through formatDateParam', () => {
    const range = presetRange('last_14d', TODAY, EARLIEST);
    expect(parseDateParam(formatDateParam(range), TODAY, EARLIEST)).toEqual(range);
  });
});

describe('filter_set', () => {
  it('shows deleted and archived rows only when the filter names them', () => {
    expect(statusFilterOf(null)).toEqual({ deleted: false, archived: false });
    expect(statusFilterOf(SHOW_ALL_FILTER_SET)).toEqual({ deleted: true, archived: true });
  });
});
