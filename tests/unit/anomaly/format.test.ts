import { describe, expect, it } from 'vitest';
import { detectAnomalies } from '@/lib/anomaly';
import { formatterFor } from '@/lib/anomaly/format';
import { META_CURRENCY_OFFSETS } from '@/lib/util/currency';
import { AS_OF, campaignOf, recent, rowsFor, withControl } from './fixtures';

/** The amount a sentence shows, as a number: "NT$4,250" → 4250, "BHD 42.50" → 42.5. */
function amountIn(text: string): number {
  const number = /\d[\d,]*(?:\.\d+)?/.exec(text)?.[0] ?? 'NaN';
  return Number(number.replace(/,/g, ''));
}

describe('money in finding sentences', () => {
  it.each(Object.entries(META_CURRENCY_OFFSETS))(
    '%s amounts read in the units Meta stores them in (offset %i)',
    (currency, offset) => {
      const format = formatterFor(currency);
      // 4,250 minor units: 42.50 where Meta counts hundredths, 4,250 where it counts whole units.
      expect(amountIn(format.money(4_250))).toBe(4_250 / offset);
      expect(amountIn(format.money(-4_250))).toBe(4_250 / offset);
      // Large amounts are said in whole units.
      expect(amountIn(format.money(12_345_678))).toBe(Math.round(12_345_678 / offset));
      expect(format.money(4_250)).toMatch(currency === 'USD' ? /^\$/ : /./);
    },
  );

  it('says what Meta shows for currencies where its offset is not ISO 4217 digits', () => {
    // TWD has cents in ISO 4217 but none at Meta; KWD, BHD and JOD have thousandths in ISO.
    expect(formatterFor('TWD').money(4_250)).toBe('NT$4,250');
    expect(formatterFor('KWD').money(4_250)).toBe('KWD\u00a042.50');
    expect(formatterFor('BHD').money(999)).toBe('BHD\u00a09.99');
    expect(formatterFor('JOD').money(12_345)).toBe('JOD\u00a0123');
    expect(formatterFor('JPY').money(980)).toBe('¥980');
    expect(formatterFor('USD').money(1_240)).toBe('$12.40');
    expect(formatterFor('USD').money(124_018)).toBe('$1,240');
  });

  it("writes a TWD account's spend spike in New Taiwan dollars, not hundredths of them", () => {
    // Ad sets in the fixtures own a 55,000 minor-unit daily budget: NT$55,000 at Meta's offset.
    const rows = rowsFor('spike', (day) => (day === recent(1) ? { spend: 3.5 * 50_000 } : {}));
    const input = { ...withControl(campaignOf('c1', [{ id: 's1', rows }])), currency: 'TWD' };
    const [finding] = detectAnomalies(input, { asOf: AS_OF });
    expect(finding?.kind).toBe('spend_spike');
    expect(finding?.summary).toMatch(
      /its NT\$55,000 daily budget; Meta allows up to 1\.75x \(NT\$96,250\)/,
    );
  });
});
