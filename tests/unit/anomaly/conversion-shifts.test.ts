import { describe, expect, it } from 'vitest';
import { englishFinding } from '../components/catalogue';
import { detectAnomalies, type DailyRow, type Finding } from '@/lib/anomaly';
import { createBenchRandom } from '@/tests/support/random';
import { AS_OF, TYPICAL, campaignOf, recent, rowsFor, withControl } from './fixtures';

describe('CPA and ROAS shifts', () => {
  it('flags CPA rising because fewer clicks convert, and points past the ads', () => {
    // About 30 conversions a day, then 45 % of that for six days.
    const rows = rowsFor('cvr', (day) => ({
      spend: 100_000,
      cvr: TYPICAL.cvr * (day >= recent(5) ? 0.45 : 1),
    }));
    const [finding, ...others] = detectAnomalies(
      withControl(campaignOf('c1', [{ id: 's1', rows }])),
      {
        asOf: AS_OF,
      },
    );
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'cpa_shift',
      metric: 'cpa',
      direction: 'up',
      entityId: 'c1',
    });
    expect(finding?.actual).toBeGreaterThan(finding?.upper ?? Infinity);
    expect(englishFinding(finding?.summary)).toMatch(
      /^CPA rose \d+ % to \$\d+\.\d\d over \d+ days \(expected \$\d+\.\d\d\): conversion rate fell from 2\.\d % to 1\.\d % of clicks/,
    );
    expect(englishFinding(finding?.nextStep)).toContain('landing page');
  });

  it('tells good news as info', () => {
    const rows = rowsFor('better', (day) => (day >= recent(6) ? { cvr: TYPICAL.cvr * 1.8 } : {}));
    const [finding] = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    expect(finding).toMatchObject({ kind: 'cpa_shift', severity: 'info', direction: 'down' });
  });

  it('flags ROAS falling because each conversion is worth less', () => {
    const rows = rowsFor('aov', (day) => (day >= recent(4) ? { aov: TYPICAL.aov * 0.5 } : {}));
    const [finding, ...others] = detectAnomalies(
      withControl(campaignOf('c1', [{ id: 's1', rows }])),
      {
        asOf: AS_OF,
      },
    );
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ kind: 'roas_shift', severity: 'warning', direction: 'down' });
    expect(englishFinding(finding?.summary)).toMatch(
      /value per conversion fell [45]\d % \(\$\d\d\.\d\d → \$\d\d\.\d\d\)/,
    );
  });

  it('does not read fewer orders of widely varying baskets as a ROAS shift', () => {
    // Sixty campaigns whose orders fall fivefold (16 a day to 3) for the last six days, each
    // order's value log-normal (spread 1) around an unchanged mean: a few orders' mean wanders
    // far more than many orders' did, and that is not a change of value per conversion.
    const alarmed = Array.from({ length: 60 }, (_, i) => `fewer-orders-${i}`).filter((seed) => {
      const rows = withBaskets(seed, (day) => (day >= recent(5) ? 10_000 : 50_000), 1);
      const findings = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
        asOf: AS_OF,
      });
      return everyFinding(findings).some((finding) => finding.kind === 'roas_shift');
    });
    expect(alarmed).toEqual([]);
  });

  it('is critical when conversions arrive without their value', () => {
    const rows = rowsFor('no-value', (day) => (day >= recent(2) ? { aov: 0 } : {}));
    const [finding] = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    expect(finding).toMatchObject({ kind: 'roas_shift', severity: 'critical' });
    expect(englishFinding(finding?.nextStep)).toContain('value and currency parameters');
  });

  it('keeps quiet when three purchases a day swing as three purchases do', () => {
    const rows = rowsFor('small', () => ({ spend: 10_000 }));
    expect(
      detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), { asOf: AS_OF }),
    ).toEqual([]);
  });
});

/** Rows whose value is the sum of each order's own value, log-normal around the usual basket. */
function withBaskets(seed: string, spendOn: (day: number) => number, spread: number): DailyRow[] {
  const random = createBenchRandom(2, seed);
  return rowsFor(seed, (day) => ({ spend: spendOn(day) })).map((row) => {
    let value = 0;
    for (let order = 0; order < row.conversions; order++) {
      value += TYPICAL.aov * random.logNormal(spread) * Math.exp(-(spread ** 2) / 2);
    }
    return { ...row, conversionValueMinor: Math.round(value) };
  });
}

function everyFinding(findings: readonly Finding[]): Finding[] {
  return findings.flatMap((finding) => [finding, ...everyFinding(finding.related)]);
}
