import { describe, expect, it } from 'vitest';
import { selectedSubject } from '@/lib/ads-manager/selected-subject';
import { pageDateRange, parseDateRangeLabel } from '@/lib/ads-manager/date-range';

const none = { campaign: [], adset: [], ad: [] };

describe('selectedSubject', () => {
  it('is the account when nothing is selected', () => {
    expect(selectedSubject({ selectedIds: none })).toEqual({ level: 'account', entityId: null });
  });

  it('is the most specific single selection', () => {
    expect(selectedSubject({ selectedIds: { ...none, campaign: ['11'] } })).toEqual({
      level: 'campaign',
      entityId: '11',
    });
    expect(selectedSubject({ selectedIds: { campaign: ['11'], adset: ['22'], ad: [] } })).toEqual({
      level: 'adset',
      entityId: '22',
    });
  });

  it('steps up a level past a selection of several', () => {
    expect(
      selectedSubject({ selectedIds: { campaign: ['11'], adset: ['22', '23'], ad: [] } }),
    ).toEqual({
      level: 'campaign',
      entityId: '11',
    });
  });
});

describe('the page date range', () => {
  it('reads the date picker label, preset name or not', () => {
    expect(parseDateRangeLabel('Last 30 days: Oct 24, 2026 – Nov 22, 2026')).toEqual({
      since: '2026-10-24',
      until: '2026-11-22',
    });
    expect(parseDateRangeLabel('Yesterday: Nov 2, 2026')).toEqual({
      since: '2026-11-02',
      until: '2026-11-02',
    });
    expect(parseDateRangeLabel('Lifetime')).toBeUndefined();
    expect(parseDateRangeLabel('Nov 22, 2026 – Oct 24, 2026')).toBeUndefined();
  });

  it('prefers the URL (its end exclusive), then the picker, then the last 30 days before today', () => {
    const label = 'Last 7 days: Nov 15, 2026 – Nov 21, 2026';
    expect(
      pageDateRange({ since: '2026-11-01', until: '2026-11-05' }, label, '2026-11-23'),
    ).toEqual({ since: '2026-11-01', until: '2026-11-04' });
    expect(pageDateRange({}, label, '2026-11-23')).toEqual({
      since: '2026-11-15',
      until: '2026-11-21',
    });
    expect(pageDateRange({}, undefined, '2026-11-23')).toEqual({
      since: '2026-10-24',
      until: '2026-11-22',
    });
  });
});
