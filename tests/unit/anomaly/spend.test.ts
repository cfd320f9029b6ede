import { describe, expect, it } from 'vitest';
import { englishFinding } from '../components/catalogue';
import { detectAnomalies } from '@/lib/anomaly';
import { AS_OF, campaignOf, dateOf, recent, rowsFor, withControl } from './fixtures';

/** Ad sets in the fixtures own a $550 daily budget and spend about $500 a day. */
const BUDGET = 55_000;

describe('spend against the budget', () => {
  it('flags a day far beyond the 1.75x daily allowance, with the budget in the sentence', () => {
    const rows = rowsFor('spike', (day) => (day === recent(1) ? { spend: 3.5 * 50_000 } : {}));
    const findings = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'spend_spike',
      entityId: 's1',
      severity: 'critical',
      direction: 'up',
      startDate: dateOf(recent(1)),
    });
    expect(englishFinding(findings[0]?.summary)).toMatch(
      /^Spent \$1,\d{3} on Mar 30, 3\.\dx its \$550 daily budget; Meta allows up to 1\.75x \(\$963\)/,
    );
  });

  it('catches a two-day spike on its second day though its first stayed under the line', () => {
    const rows = rowsFor('ramp', (day) =>
      day === recent(1)
        ? { spend: 1.7 * BUDGET }
        : day === recent(0)
          ? { spend: 2.4 * BUDGET }
          : {},
    );
    const findings = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    expect(findings.map((finding) => finding.kind)).toEqual(['spend_spike']);
  });

  it('holds a spike after a logged budget cut to the new budget, not to the spend before the cut', () => {
    // The budget was halved ten days ago; the weeks before it spent twice today's budget.
    const rows = rowsFor('after-cut', (day) =>
      day < recent(9) ? { spend: 2 * 50_000 } : day === recent(0) ? { spend: 2.6 * BUDGET } : {},
    );
    const node = {
      dailyBudgetMinor: BUDGET,
      budgetHistory: [
        { from: '2024-06-01', dailyBudgetMinor: 2 * BUDGET },
        { from: dateOf(recent(9)), dailyBudgetMinor: BUDGET },
      ],
    };
    const findings = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows, node }])), {
      asOf: AS_OF,
    });
    expect(findings.map((finding) => finding.kind)).toEqual(['spend_spike']);
  });

  it('accepts a day at 150 % of budget: a daily budget is an average', () => {
    const rows = rowsFor('busy-day', (day) => (day === recent(1) ? { spend: 1.5 * BUDGET } : {}));
    expect(
      detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), { asOf: AS_OF }),
    ).toEqual([]);
  });

  it('flags a calendar week above 7x the daily budget even when no single day breaks 1.75x', () => {
    // AS_OF is Monday 2025-03-31; the week of Sunday 23 to Saturday 29 ran at 1.45x every day.
    const rows = rowsFor('week', (day) =>
      day >= recent(8) && day <= recent(2) ? { spend: 1.45 * BUDGET } : {},
    );
    const [finding, ...others] = detectAnomalies(
      withControl(campaignOf('c1', [{ id: 's1', rows }])),
      {
        asOf: AS_OF,
      },
    );
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ kind: 'overspend', latestDate: dateOf(recent(2)) });
    expect(finding?.upper).toBe(7 * BUDGET);
    expect(englishFinding(finding?.summary)).toContain('The week starting Sunday Mar 23 has spent');
  });

  it('re-baselines a budget doubling, whether or not the budget history is known', () => {
    const rows = rowsFor('double', (day) => (day >= recent(9) ? { spend: 100_000 } : {}));
    const history = {
      dailyBudgetMinor: 2 * BUDGET,
      budgetHistory: [
        { from: '2024-06-01', dailyBudgetMinor: BUDGET },
        { from: dateOf(recent(9)), dailyBudgetMinor: 2 * BUDGET },
      ],
    };
    for (const node of [history, { dailyBudgetMinor: 2 * BUDGET }]) {
      const account = withControl(campaignOf('c1', [{ id: 's1', rows, node }]));
      expect(detectAnomalies(account, { asOf: AS_OF })).toEqual([]);
    }
  });

  it('does not mistake an unlogged budget cut for overspend', () => {
    // Cut to $275 this morning: the past week spent under the old $550.
    const rows = rowsFor('cut', () => ({}));
    const account = withControl(
      campaignOf('c1', [{ id: 's1', rows, node: { dailyBudgetMinor: BUDGET / 2 } }]),
    );
    expect(detectAnomalies(account, { asOf: AS_OF })).toEqual([]);
  });

  it('judges spend where the budget is: a campaign budget moving spend between ad sets is fine', () => {
    const shift = (from: number, to: number) => (day: number) => ({
      spend: day >= recent(10) ? to : from,
    });
    const tree = campaignOf(
      'c1',
      [
        { id: 's1', rows: rowsFor('s1', shift(30_000, 12_000)) },
        { id: 's2', rows: rowsFor('s2', shift(20_000, 38_000)) },
      ],
      { dailyBudgetMinor: BUDGET },
    );
    expect(detectAnomalies(withControl(tree), { asOf: AS_OF })).toEqual([]);
  });
});
