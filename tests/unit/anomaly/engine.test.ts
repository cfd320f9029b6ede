import { describe, expect, it } from 'vitest';
import { englishFinding } from '../components/catalogue';
import { detectAnomalies, detectAnomaliesInSlices, type DailyRow } from '@/lib/anomaly';
import {
  AS_OF,
  TYPICAL,
  accountOf,
  campaignOf,
  dateOf,
  recent,
  rowsFor,
  weekdayOf,
  withControl,
} from './fixtures';

describe('the anomaly engine', () => {
  it('does not alarm on a budget doubling: volume doubles, ratios hold', () => {
    const rows = rowsFor('double', (day) =>
      day >= recent(6) ? { spend: 2 * TYPICAL.spend, cpm: TYPICAL.cpm * 1.05 } : {},
    );
    const node = {
      dailyBudgetMinor: 110_000,
      budgetHistory: [
        { from: '2024-06-01', dailyBudgetMinor: 55_000 },
        { from: dateOf(recent(6)), dailyBudgetMinor: 110_000 },
      ],
    };
    expect(
      detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows, node }])), { asOf: AS_OF }),
    ).toEqual([]);
  });

  it('keeps quiet through weekday rhythm in price and conversion rate', () => {
    const rows = rowsFor('weekly', (day) => {
      const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
      return weekend ? { cpm: TYPICAL.cpm * 0.88, cvr: TYPICAL.cvr * 1.12 } : {};
    });
    expect(
      detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), { asOf: AS_OF }),
    ).toEqual([]);
  });

  it("ignores today's partial day, even when it looks like a collapse", () => {
    const rows: DailyRow[] = rowsFor('partial', () => ({}));
    const today = { ...rows.at(-1)!, date: '2025-04-01' };
    rows.push({ ...today, spendMinor: 2_000, impressions: 2_000, clicks: 30, conversions: 0 });
    expect(
      detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), { asOf: AS_OF }),
    ).toEqual([]);
  });

  it('says at most info while an ad set learns after a budget edit', () => {
    const rows = rowsFor('learning', (day) =>
      day >= recent(2) ? { spend: 2 * TYPICAL.spend, cpm: TYPICAL.cpm * 1.7 } : {},
    );
    const node = {
      dailyBudgetMinor: 110_000,
      budgetHistory: [
        { from: '2024-06-01', dailyBudgetMinor: 55_000 },
        { from: dateOf(recent(2)), dailyBudgetMinor: 110_000 },
      ],
    };
    const findings = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows, node }])), {
      asOf: AS_OF,
    });
    expect(findings.every((finding) => finding.severity === 'info')).toBe(true);
  });

  it('says nothing about a launch still in its first days, however it swings', () => {
    const launch = recent(4);
    const rows = rowsFor('launch', (day) =>
      day < launch
        ? undefined
        : {
            spend: TYPICAL.spend * (day % 2 ? 0.5 : 1.4),
            cpm: TYPICAL.cpm * (day % 2 ? 1.6 : 0.8),
          },
    );
    const tree = campaignOf('c1', [{ id: 's1', rows, node: { startDate: dateOf(launch) } }], {
      startDate: dateOf(launch),
    });
    const findings = detectAnomalies(withControl(tree), { asOf: AS_OF });
    expect(findings.every((finding) => finding.severity === 'info')).toBe(true);
  });

  it('keeps two causes in one campaign apart', () => {
    const tree = campaignOf('c1', [
      { id: 's1', rows: rowsFor('broken', (day) => (day >= recent(2) ? { cvr: 0 } : {})) },
      {
        id: 's2',
        rows: rowsFor('cheaper', (day) => (day >= recent(5) ? { aov: TYPICAL.aov * 0.5 } : {})),
      },
    ]);
    const findings = detectAnomalies(withControl(tree), { asOf: AS_OF });
    expect(findings.map((f) => [f.kind, f.entityId])).toEqual([
      ['tracking_break', 's1'],
      ['roas_shift', 's2'],
    ]);
  });

  it('tells a problem one severity lower on an entity spending under 1 % of the account', () => {
    const tiny = rowsFor('tiny', (day) => (day >= recent(1) ? undefined : { spend: 300 }));
    const tree = campaignOf('c1', [
      { id: 's1', rows: tiny },
      { id: 's2', rows: rowsFor('s2', () => ({})) },
    ]);
    const [finding] = detectAnomalies(withControl(tree), { asOf: AS_OF });
    expect(finding).toMatchObject({ kind: 'delivery_stop', entityId: 's1', severity: 'warning' });
  });

  it('writes money in the account currency', () => {
    const rows = rowsFor('yen', (day) => (day === recent(0) ? { spend: 4 * 50_000 } : {}));
    const account = { ...accountOf(campaignOf('c1', [{ id: 's1', rows }])), currency: 'JPY' };
    const [finding] = detectAnomalies(account, { asOf: AS_OF });
    expect(englishFinding(finding?.summary)).toMatch(
      /^Spent ¥[\d,]+ on Mar 31, \d\.\dx its ¥55,000 daily budget/,
    );
  });

  it('puts the critical first and gives each finding a stable id', () => {
    const tree = campaignOf('c1', [
      { id: 's1', rows: rowsFor('stop', (day) => (day >= recent(0) ? undefined : {})) },
      { id: 's2', rows: rowsFor('low', (day) => (day >= recent(4) ? { spend: 20_000 } : {})) },
    ]);
    const findings = detectAnomalies(withControl(tree), { asOf: AS_OF });
    expect(findings.map((f) => [f.kind, f.severity])).toEqual([
      ['delivery_stop', 'critical'],
      ['under_delivery', 'warning'],
    ]);
    expect(findings[0]?.id).toBe(`delivery_stop:s1:${AS_OF}`);
  });

  it('handles an account without entities or rows, and refuses a malformed day', () => {
    expect(
      detectAnomalies(
        { accountId: 'act_1', currency: 'USD', entities: [], daily: new Map() },
        { asOf: AS_OF },
      ),
    ).toEqual([]);
    expect(() =>
      detectAnomalies(
        { accountId: 'act_1', currency: 'USD', entities: [], daily: new Map() },
        { asOf: '31/03/2025' },
      ),
    ).toThrow(RangeError);
  });

  it('survives rows with broken numbers', () => {
    const rows = rowsFor('broken', () => ({})).map((row, i) =>
      i % 9 === 0
        ? { ...row, spendMinor: Number.NaN, clicks: -5, conversions: Number.POSITIVE_INFINITY }
        : row,
    );
    expect(() =>
      detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), { asOf: AS_OF }),
    ).not.toThrow();
  });
});

describe('the engine in slices', () => {
  it('finds the same as in one go, handing the thread back between slices', async () => {
    const broken = rowsFor('broken', (day) => (day >= recent(4) ? { cvr: 0 } : {}));
    const stopped = rowsFor('stopped', (day) => (day >= recent(3) ? { spend: 0 } : {}));
    const input = accountOf(
      campaignOf('c1', [{ id: 's1', rows: broken }]),
      campaignOf('c2', [{ id: 's2', rows: stopped, node: { dailyBudgetMinor: 55_000 } }]),
      campaignOf('c3', [{ id: 's3', rows: rowsFor('calm', () => ({})) }]),
    );
    const whole = detectAnomalies(input, { asOf: AS_OF });
    expect(whole.length).toBeGreaterThan(0);

    let clock = 0;
    let pauses = 0;
    const sliced = await detectAnomaliesInSlices(
      input,
      { asOf: AS_OF },
      {
        // Each reading of the clock is a millisecond later: every entity ends a 1 ms slice.
        now: () => clock++,
        pause: () => {
          pauses++;
          return Promise.resolve();
        },
        sliceMs: 1,
      },
    );
    expect(sliced.findings).toEqual(whole);
    expect(pauses).toBeGreaterThanOrEqual(input.entities.length - 1);
  });
});
