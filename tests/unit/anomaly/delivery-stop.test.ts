import { describe, expect, it } from 'vitest';
import { englishFinding } from '../components/catalogue';
import { detectAnomalies, type Finding } from '@/lib/anomaly';
import {
  AS_OF,
  accountOf,
  campaignOf,
  dateOf,
  recent,
  rowsFor,
  weekdayOf,
  withControl,
} from './fixtures';

const silentFrom = (from: number) => (day: number) => (day >= from ? undefined : {});

function findingsFor(tree: ReturnType<typeof campaignOf>): Finding[] {
  return detectAnomalies(withControl(tree), { asOf: AS_OF });
}

describe('delivery stopped', () => {
  it('fires the first silent day of an active ad set with budget, told once for its subtree', () => {
    const tree = campaignOf('c1', [
      { id: 's1', rows: rowsFor('s1', silentFrom(recent(0))) },
      { id: 's2', rows: rowsFor('s2', () => ({})) },
    ]);
    const [finding, ...others] = findingsFor(tree);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'delivery_stop',
      entityId: 's1',
      severity: 'critical',
      actual: 0,
      startDate: AS_OF,
    });
    expect(englishFinding(finding?.summary)).toMatch(
      /^Delivered nothing on Mar 31 \(usually about \$[\d,.]+ a day\)/,
    );
    expect(finding?.related.map((r) => r.entityId)).toEqual(['s1-ad']);
  });

  it('stays quiet when status explains the silence: paused, archived, deleted, pending review', () => {
    for (const effectiveStatus of ['PAUSED', 'ARCHIVED', 'DELETED', 'PENDING_REVIEW'] as const) {
      const tree = campaignOf('c1', [
        { id: 's1', rows: rowsFor('s1', silentFrom(recent(2))), node: { effectiveStatus } },
        { id: 's2', rows: rowsFor('s2', () => ({})) },
      ]);
      expect(findingsFor(tree), effectiveStatus).toEqual([]);
    }
  });

  it('stays quiet when the ad set has ended or is only scheduled to start', () => {
    const ended = campaignOf('c1', [
      {
        id: 's1',
        rows: rowsFor('s1', silentFrom(recent(2))),
        node: { endDate: dateOf(recent(3)) },
      },
      { id: 's2', rows: rowsFor('s2', () => ({})) },
    ]);
    expect(findingsFor(ended)).toEqual([]);
    const scheduled = campaignOf('c1', [
      { id: 's1', rows: [], node: { startDate: '2025-04-07' } },
      { id: 's2', rows: rowsFor('s2', () => ({})) },
    ]);
    expect(findingsFor(scheduled)).toEqual([]);
  });

  it('learns a Monday-to-Friday schedule: empty weekends are planned, empty weekdays are not', () => {
    const weekdaysOnly = (day: number) => {
      const weekday = weekdayOf(day);
      return weekday === 0 || weekday === 6 ? undefined : {};
    };
    const node = { hasSchedule: true, lifetimeBudgetMinor: 10_000_000 };
    const normal = campaignOf('c1', [{ id: 's1', rows: rowsFor('s1', weekdaysOnly), node }]);
    // AS_OF (2025-03-31) is a Monday; the weekend before it was silent as planned.
    expect(weekdayOf(recent(0))).toBe(1);
    const onSunday = detectAnomalies(accountOf(normal), { asOf: dateOf(recent(1)) });
    expect(onSunday).toEqual([]);

    // Silent since Thursday: Thursday, Friday and Monday should have delivered.
    const stopped = campaignOf('c1', [
      {
        id: 's1',
        rows: rowsFor('s1', (day) => (day >= recent(4) ? undefined : weekdaysOnly(day))),
        node,
      },
    ]);
    const [finding] = detectAnomalies(accountOf(stopped), { asOf: AS_OF });
    expect(finding).toMatchObject({ kind: 'delivery_stop', startDate: dateOf(recent(4)) });
  });

  it('says so when a campaign budget moved all spend to a sibling (a warning, not critical)', () => {
    const tree = campaignOf(
      'c1',
      [
        {
          id: 's1',
          rows: rowsFor('s1', (day) => (day >= recent(1) ? undefined : { spend: 25_000 })),
        },
        { id: 's2', rows: rowsFor('s2', (day) => ({ spend: day >= recent(1) ? 50_000 : 25_000 })) },
      ],
      { dailyBudgetMinor: 55_000 },
    );
    const [finding, ...others] = findingsFor(tree);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ kind: 'delivery_stop', entityId: 's1', severity: 'warning' });
    expect(englishFinding(finding?.nextStep)).toContain('campaign budget moved all spend');
  });

  it('is one account finding, pointing at billing, when every campaign stops', () => {
    const trees = ['c1', 'c2'].map((id) =>
      campaignOf(id, [{ id: `${id}-s`, rows: rowsFor(id, silentFrom(recent(1))) }]),
    );
    const findings = detectAnomalies(accountOf(...trees), { asOf: AS_OF });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'delivery_stop', level: 'account' });
    expect(englishFinding(findings[0]?.nextStep)).toMatch(/payment method/);
  });

  it('stays quiet when a budget cut left the week with nothing to deliver until Sunday', () => {
    // AS_OF is a Monday: Sunday spent about 50,000, more than seven times the new 7,000 budget.
    const rows = rowsFor('cut', (day) => (day === recent(0) ? undefined : {}));
    const cut = {
      dailyBudgetMinor: 7_000,
      budgetHistory: [
        { from: '2024-06-01', dailyBudgetMinor: 55_000 },
        { from: dateOf(recent(0)), dailyBudgetMinor: 7_000 },
      ],
    };
    const findings = detectAnomalies(
      withControl(campaignOf('c1', [{ id: 's1', rows, node: cut }])),
      { asOf: AS_OF },
    );
    expect(findings.map((finding) => finding.kind)).not.toContain('delivery_stop');
  });
});
