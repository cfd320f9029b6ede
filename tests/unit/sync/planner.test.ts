import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_SETTINGS } from '@/lib/schema/sync';
import { planRanges, planUnits } from '@/lib/sync/planner';

const none = { campaign: null, adset: null, ad: null };
const TODAY = '2026-11-20';

describe('planRanges', () => {
  it('backfills 90 days, today included, on the first sync', () => {
    const plan = planRanges(none, DEFAULT_SYNC_SETTINGS, TODAY);
    expect(plan.kind).toBe('full');
    expect(plan.fetch.ad).toEqual([{ since: '2026-08-23', until: TODAY }]);
    expect(plan.target.campaign).toEqual({ since: '2026-08-23', until: TODAY });
  });

  it('later reads the 28-day lookback up to today (today is never final)', () => {
    const covered = { since: '2026-08-22', until: '2026-11-19' };
    const plan = planRanges(
      { campaign: covered, adset: covered, ad: covered },
      DEFAULT_SYNC_SETTINGS,
      TODAY,
    );
    expect(plan.kind).toBe('incremental');
    expect(plan.fetch.adset).toEqual([{ since: '2026-10-24', until: TODAY }]);
    // The day that left the 90-day window is not covered any more: retention deletes it.
    expect(plan.target.adset).toEqual({ since: '2026-08-23', until: TODAY });
  });

  it('reads everything since the last sync when it is older than the lookback', () => {
    const covered = { since: '2026-07-01', until: '2026-10-01' };
    const plan = planRanges(
      { ...none, ad: covered },
      { ...DEFAULT_SYNC_SETTINGS, levels: ['ad'] },
      TODAY,
    );
    expect(plan.fetch.ad).toEqual([{ since: '2026-10-02', until: TODAY }]);
    expect(plan.fetch.campaign).toEqual([]);
    expect(plan.target.campaign).toBeNull();
  });

  it('starts over when a gap opened before the backfill window', () => {
    const covered = { since: '2026-01-01', until: '2026-03-01' };
    const plan = planRanges({ ...none, ad: covered }, DEFAULT_SYNC_SETTINGS, TODAY);
    expect(plan.fetch.ad).toEqual([{ since: '2026-08-23', until: TODAY }]);
    expect(plan.kind).toBe('full');
  });

  it('fills the older days in front when the backfill setting grows', () => {
    const covered = { since: '2026-08-23', until: TODAY };
    const plan = planRanges(
      { campaign: covered, adset: covered, ad: covered },
      { ...DEFAULT_SYNC_SETTINGS, backfillDays: 120 },
      TODAY,
    );
    expect(plan.fetch.ad).toEqual([
      { since: '2026-07-24', until: '2026-08-22' },
      { since: '2026-10-24', until: TODAY },
    ]);
    expect(plan.target.ad).toEqual({ since: '2026-07-24', until: TODAY });
  });
});

describe('planUnits', () => {
  const fetch = (since: string) => ({
    campaign: [{ since, until: TODAY }],
    adset: [{ since, until: TODAY }],
    ad: [{ since, until: TODAY }],
  });

  it('sizes units by the number of objects, aligns split ones on storage chunks, and reads big ones through async reports', () => {
    const units = planUnits(fetch('2026-08-23'), { campaign: 220, adset: 1100, ad: 5500 });
    const byLevel = (level: string) => units.filter((unit) => unit.level === level);
    expect(byLevel('campaign')).toEqual([
      { level: 'campaign', since: '2026-08-23', until: TODAY, async: false, done: false },
    ]);
    expect(byLevel('adset')).toHaveLength(1);
    expect(byLevel('adset')[0]?.async).toBe(true);
    // 200,000 rows a unit: 36 days of 5,500 ads, so whole 32-day storage chunks.
    expect(byLevel('ad').map((unit) => [unit.since, unit.until])).toEqual([
      ['2026-08-23', '2026-09-07'],
      ['2026-09-08', '2026-10-09'],
      ['2026-10-10', '2026-11-10'],
      ['2026-11-11', TODAY],
    ]);
    expect(byLevel('ad').every((unit) => unit.async)).toBe(true);
  });

  it('leaves no day out and none twice', () => {
    const units = planUnits(fetch('2026-01-01'), { campaign: 7, adset: 3333, ad: 77_777 });
    for (const level of ['campaign', 'adset', 'ad']) {
      const days = units
        .filter((unit) => unit.level === level)
        .flatMap((unit) => {
          const list: string[] = [];
          for (let day = Date.parse(unit.since); day <= Date.parse(unit.until); day += 86_400_000) {
            list.push(new Date(day).toISOString().slice(0, 10));
          }
          return list;
        });
      expect(new Set(days).size).toBe(days.length);
      expect(days[0]).toBe('2026-01-01');
      expect(days.at(-1)).toBe(TODAY);
      expect(days).toHaveLength(324);
    }
  });
});
