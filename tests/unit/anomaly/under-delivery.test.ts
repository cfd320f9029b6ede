import { describe, expect, it } from 'vitest';
import { englishFinding } from '../components/catalogue';
import { detectAnomalies } from '@/lib/anomaly';
import { AS_OF, campaignOf, dateOf, recent, rowsFor, withControl } from './fixtures';

describe('persistent under-delivery', () => {
  it('flags an ad set that stopped spending its budget for days', () => {
    const rows = rowsFor('low', (day) => (day >= recent(4) ? { spend: 20_000 } : {}));
    const [finding, ...others] = detectAnomalies(
      withControl(campaignOf('c1', [{ id: 's1', rows }])),
      {
        asOf: AS_OF,
      },
    );
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'under_delivery',
      severity: 'warning',
      startDate: dateOf(recent(4)),
      direction: 'down',
    });
    expect(englishFinding(finding?.summary)).toMatch(
      /^Spent 3\d % of its \$550 daily budget on average over the last 5 days, against 9\d % before\.$/,
    );
  });

  it('waits out two quiet days', () => {
    const rows = rowsFor('dip', (day) => (day >= recent(1) ? { spend: 20_000 } : {}));
    expect(
      detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), { asOf: AS_OF }),
    ).toEqual([]);
  });

  it('leaves alone an ad set that has always spent a fraction of a large budget', () => {
    const rows = rowsFor('capped', () => ({ spend: 20_000 }));
    expect(
      detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), { asOf: AS_OF }),
    ).toEqual([]);
  });

  it('is not under-delivery when a raised budget is not absorbed: spend stayed where it was', () => {
    const rows = rowsFor('raised', () => ({}));
    const raised = {
      dailyBudgetMinor: 110_000,
      budgetHistory: [
        { from: '2024-06-01', dailyBudgetMinor: 55_000 },
        { from: dateOf(recent(10)), dailyBudgetMinor: 110_000 },
      ],
    };
    const findings = detectAnomalies(
      withControl(campaignOf('c1', [{ id: 's1', rows, node: raised }])),
      { asOf: AS_OF },
    );
    expect(findings.map((finding) => finding.kind)).not.toContain('under_delivery');
  });
});
