import { describe, expect, it } from 'vitest';
import { englishFinding } from '../components/catalogue';
import { detectAnomalies } from '@/lib/anomaly';
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
