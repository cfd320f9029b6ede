import { describe, expect, it } from 'vitest';
import { englishFinding } from '../components/catalogue';
import { detectAnomalies } from '@/lib/anomaly';
import { AS_OF, accountOf, campaignOf, dateOf, recent, rowsFor } from './fixtures';

describe('conversion-tracking break', () => {
  it('fires on the first full day when a busy ad set records no conversions while clicks go on', () => {
    // About 24 conversions a day: one silent day is already beyond chance.
    const rows = rowsFor('busy', (day) => (day >= recent(0) ? { cvr: 0 } : {}));
    const healthy = campaignOf('c2', [{ id: 's2', rows: rowsFor('healthy', () => ({})) }]);
    const [finding, ...others] = detectAnomalies(
      accountOf(campaignOf('c1', [{ id: 's1', rows }]), healthy),
      { asOf: AS_OF },
    );
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'tracking_break',
      severity: 'critical',
      metric: 'conversions',
      direction: 'down',
      actual: 0,
      startDate: AS_OF,
      latestDate: AS_OF,
    });
    expect(finding?.expected).toBeGreaterThan(10);
    expect(englishFinding(finding?.summary)).toMatch(
      /^No conversions for 1 day \(about \d+ expected\) while \$[\d,]+ bought [\d,]+ clicks/,
    );
    // The campaign, its ad set and its ad are one cause, told once at the top.
    expect(finding?.entityId).toBe('c1');
    expect(finding?.related.map((r) => r.entityId).sort()).toEqual(['s1', 's1-ad']);
  });

  it('waits for evidence on a small ad set: three conversions a day, one silent day is noise', () => {
    const small = { spend: 10_000 };
    const quiet = rowsFor('small', (day) => (day === recent(0) ? { ...small, cvr: 0 } : small));
    expect(
      detectAnomalies(accountOf(campaignOf('c1', [{ id: 's1', rows: quiet }])), { asOf: AS_OF }),
    ).toEqual([]);

    const broken = rowsFor('small', (day) => (day >= recent(4) ? { ...small, cvr: 0 } : small));
    const [finding] = detectAnomalies(accountOf(campaignOf('c1', [{ id: 's1', rows: broken }])), {
      asOf: AS_OF,
    });
    expect(finding?.kind).toBe('tracking_break');
    expect(finding?.startDate).toBe(dateOf(recent(4)));
  });

  it('keeps one break from its first silent day when a stray conversion comes through', () => {
    // About six conversions a day, then none for a week but a single one four days ago.
    const rows = rowsFor('stray', (day) =>
      day >= recent(6) ? { spend: 20_000, cvr: 0 } : { spend: 20_000 },
    ).map((row) => (row.date === dateOf(recent(3)) ? { ...row, conversions: 1 } : row));
    const [finding, ...others] = detectAnomalies(
      accountOf(campaignOf('c1', [{ id: 's1', rows }])),
      { asOf: AS_OF },
    );
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'tracking_break',
      severity: 'critical',
      startDate: dateOf(recent(6)),
    });
    expect(englishFinding(finding?.summary)).toMatch(
      /^Only 1 conversion in 7 days .+ tracking likely broke/,
    );
  });

  it('does not say conversions came back when yesterday brought two of the usual six', () => {
    const rows = rowsFor('stray-yesterday', (day) =>
      day >= recent(7) ? { spend: 20_000, cvr: 0 } : { spend: 20_000 },
    ).map((row) => (row.date === dateOf(recent(0)) ? { ...row, conversions: 2 } : row));
    const [finding] = detectAnomalies(accountOf(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    expect(finding).toMatchObject({
      kind: 'tracking_break',
      severity: 'critical',
      startDate: dateOf(recent(7)),
      latestDate: AS_OF,
    });
    expect(englishFinding(finding?.summary)).toMatch(/tracking likely broke/);
  });

  it("does not read yesterday's not-yet-restated conversions as a break", () => {
    // Yesterday's conversions arrive at 80 % at first (late pixel and CAPI events).
    const rows = rowsFor('restated', (day) => (day === recent(0) ? { cvr: 0.03 * 0.8 } : {}));
    expect(
      detectAnomalies(accountOf(campaignOf('c1', [{ id: 's1', rows }])), { asOf: AS_OF }),
    ).toEqual([]);
  });

  it('is one account finding when the pixel breaks in every campaign', () => {
    const campaigns = ['c1', 'c2', 'c3'].map((id) =>
      campaignOf(id, [
        { id: `${id}-s`, rows: rowsFor(id, (day) => (day >= recent(1) ? { cvr: 0 } : {})) },
      ]),
    );
    const findings = detectAnomalies(accountOf(...campaigns), { asOf: AS_OF });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'tracking_break',
      level: 'account',
      entityId: 'act_1',
    });
    expect(englishFinding(findings[0]?.summary)).toContain('across the account');
    expect(findings[0]?.related.filter((r) => r.level === 'campaign')).toHaveLength(3);
  });

  it('stays listed for a few days after conversions come back, as a repaired gap', () => {
    const rows = rowsFor('repaired', (day) =>
      day >= recent(6) && day <= recent(2) ? { cvr: 0 } : {},
    );
    const [finding] = detectAnomalies(accountOf(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    expect(finding).toMatchObject({
      kind: 'tracking_break',
      severity: 'warning',
      latestDate: dateOf(recent(2)),
    });
    expect(englishFinding(finding?.summary)).toContain('conversions came back on');
  });
});
