import { describe, expect, it } from 'vitest';
import { englishFinding } from '../components/catalogue';
import { detectAnomalies } from '@/lib/anomaly';
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

/** Cheaper weekends, dearer midweek: the 5–15 % weekday swing of ads-domain.md. */
const rhythm = (day: number) => {
  const weekday = weekdayOf(day);
  return TYPICAL.cpm * (weekday === 0 || weekday === 6 ? 0.88 : weekday === 2 ? 1.08 : 1);
};

describe('CPM surge', () => {
  it('flags CPM doubling at the same spend, with the expected range and the CPA that followed', () => {
    const rows = rowsFor('surge', (day) => ({ cpm: rhythm(day) * (day >= recent(2) ? 2 : 1) }));
    const [finding, ...others] = detectAnomalies(
      withControl(campaignOf('c1', [{ id: 's1', rows }])),
      {
        asOf: AS_OF,
      },
    );
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'cpm_surge',
      entityId: 'c1',
      metric: 'cpm',
      direction: 'up',
      startDate: dateOf(recent(2)),
    });
    expect(finding?.actual).toBeGreaterThan(finding?.upper ?? Infinity);
    expect(englishFinding(finding?.summary)).toMatch(
      /^CPM rose \d+ % to \$\d+\.\d\d over 3 days \(expected \$\d+\.\d\d, normal range/,
    );
    expect(englishFinding(finding?.summary)).toContain('CPA followed');
  });

  it('keeps quiet through the weekly rhythm', () => {
    const rows = rowsFor('rhythm', (day) => ({ cpm: rhythm(day) }));
    expect(
      detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), { asOf: AS_OF }),
    ).toEqual([]);
  });

  it('keeps quiet on 40 impressions a day, too few to price anything', () => {
    const rows = rowsFor('tiny', (day) => ({ spend: 40, cpm: day >= recent(2) ? 1_600 : 1_000 }));
    expect(
      detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), { asOf: AS_OF }),
    ).toEqual([]);
  });

  it('makes one account finding when the auction gets dearer for every campaign', () => {
    const trees = ['c1', 'c2', 'c3'].map((id) =>
      campaignOf(id, [
        {
          id: `${id}-s`,
          rows: rowsFor(id, (day) => ({ cpm: rhythm(day) * (day >= recent(3) ? 1.5 : 1) })),
        },
      ]),
    );
    const findings = detectAnomalies(accountOf(...trees), { asOf: AS_OF });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'cpm_surge', level: 'account' });
    expect(englishFinding(findings[0]?.summary)).toContain('across 3 of 3 campaigns');
    expect(englishFinding(findings[0]?.nextStep)).toContain("don't restructure campaigns");
  });

  it('makes the account finding on the second dear day though most of its spend is learning', () => {
    const surge = (day: number) => ({ cpm: rhythm(day) * (day >= recent(1) ? 1.6 : 1) });
    const steady = ['c1', 'c2', 'c3'].map((id) =>
      campaignOf(id, [{ id: `${id}-s`, rows: rowsFor(id, surge) }]),
    );
    // Two large campaigns whose budgets were raised four days ago are back in learning.
    const raised = ['c4', 'c5'].map((id) =>
      campaignOf(id, [
        {
          id: `${id}-s`,
          rows: rowsFor(id, (day) => ({
            ...surge(day),
            spend: day >= recent(4) ? 400_000 : 200_000,
          })),
          node: {
            dailyBudgetMinor: 440_000,
            budgetHistory: [
              { from: '2024-06-01', dailyBudgetMinor: 220_000 },
              { from: dateOf(recent(4)), dailyBudgetMinor: 440_000 },
            ],
          },
        },
      ]),
    );
    const findings = detectAnomalies(accountOf(...steady, ...raised), { asOf: AS_OF });
    expect(findings.map((finding) => [finding.kind, finding.level])).toEqual([
      ['cpm_surge', 'account'],
    ]);
  });

  it('lets a campaign surge end when its last days only rise with the season, like the rest', () => {
    // The whole account's CPM creeps up 1 % a day for a month (Q4); c1 also doubled for nine days.
    const season = (day: number) => rhythm(day) * (1 + 0.01 * Math.max(0, day - recent(30)));
    const ended = (day: number) => day >= recent(12) && day < recent(3);
    const trees = ['c1', 'c2', 'c3', 'c4'].map((id) =>
      campaignOf(id, [
        {
          id: `${id}-s`,
          rows: rowsFor(id, (day) => ({ cpm: season(day) * (id === 'c1' && ended(day) ? 2 : 1) })),
        },
      ]),
    );
    const findings = detectAnomalies(accountOf(...trees), { asOf: AS_OF });
    expect(findings.map((finding) => finding.kind)).not.toContain('cpm_surge');
  });

  it('says nothing of a single dear day: a surge is still there the next day', () => {
    const rows = rowsFor('blip', (day) => ({ cpm: rhythm(day) * (day === recent(0) ? 2.2 : 1) }));
    const findings = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    expect(findings.map((finding) => finding.kind)).not.toContain('cpm_surge');
  });

  it('gives no finding to a campaign whose CPM rose with the rest of the account', () => {
    const rise = (id: string, factor: number) =>
      campaignOf(id, [
        {
          id: `${id}-s`,
          rows: rowsFor(id, (day) => ({ cpm: rhythm(day) * (day >= recent(3) ? factor : 1) })),
        },
      ]);
    const findings = detectAnomalies(
      accountOf(rise('c1', 1.45), rise('c2', 1.25), rise('c3', 1.25), rise('c4', 1.25)),
      { asOf: AS_OF },
    );
    const flagged = findings.flatMap((finding) => [finding, ...finding.related]);
    expect(flagged.filter((finding) => finding.kind === 'cpm_surge')).toEqual([]);
  });
});
