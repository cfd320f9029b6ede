import { describe, expect, it } from 'vitest';
import { pageDateRange, parseDateRangeLabel } from '@/lib/ads-manager/date-range';

/** The live page's `date=` end is exclusive (ads-manager-dom.md, "Dates"); its label is localised. */
describe('the page date range', () => {
  it('reads picker labels in English, German and Chinese', () => {
    const range = { since: '2025-07-28', until: '2025-08-26' };
    expect(parseDateRangeLabel('Last 30 days: Jul 28, 2025 – Aug 26, 2025')).toEqual(range);
    expect(parseDateRangeLabel('Letzte 30 Tage: 28.07.2025 – 26.08.2025')).toEqual(range);
    expect(parseDateRangeLabel('过去 30 天：2025年7月28日 - 2025年8月26日')).toEqual(range);
    expect(parseDateRangeLabel('31.02.2025 – 26.08.2025')).toEqual({
      since: '2025-08-26',
      until: '2025-08-26',
    });
  });

  it('takes the end of date= as exclusive: one picked day is D_D+1', () => {
    expect(
      pageDateRange({ since: '2026-03-15', until: '2026-03-16' }, undefined, '2026-04-01'),
    ).toEqual({ since: '2026-03-15', until: '2026-03-15' });
    // The label agrees: 15 March alone.
    expect(
      pageDateRange({ since: '2026-03-15', until: '2026-03-16' }, '15.03.2026', '2026-04-01'),
    ).toEqual({ since: '2026-03-15', until: '2026-03-15' });
  });

  it('believes a label that names the URL end as the last day (a page with inclusive ends)', () => {
    expect(
      pageDateRange(
        { since: '2026-11-01', until: '2026-11-21' },
        'Nov 1, 2026 – Nov 21, 2026',
        '2026-11-23',
      ),
    ).toEqual({ since: '2026-11-01', until: '2026-11-21' });
    expect(
      pageDateRange({ since: '2026-11-01', until: '2026-11-01' }, undefined, '2026-11-23'),
    ).toEqual({ since: '2026-11-01', until: '2026-11-01' });
  });

  it('falls back to the label in the page’s language, then to the last 30 days', () => {
    expect(pageDateRange({}, '2026年11月15日 - 2026年11月21日', '2026-11-23')).toEqual({
      since: '2026-11-15',
      until: '2026-11-21',
    });
    expect(pageDateRange({}, 'Maximum', '2026-11-23')).toEqual({
      since: '2026-10-24',
      until: '2026-11-22',
    });
  });
});
