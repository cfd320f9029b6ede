import { describe, expect, it } from 'vitest';
import { englishFinding } from '../components/catalogue';
import { detectAnomalies, type DailyRow, type Finding } from '@/lib/anomaly';
import { AS_OF, TYPICAL, campaignOf, recent, rowsFor, withControl } from './fixtures';

/** An ad whose CTR decays 6 % a day for `days` days while its frequency climbs 10 % a day. */
function fatiguing(seed: string, days: number, spend = TYPICAL.spend): DailyRow[] {
  return rowsFor(seed, (day) => {
    const age = day - recent(days - 1) + 1;
    if (age <= 0) return { spend };
    return {
      spend,
      ctr: TYPICAL.ctr * (1 - 0.06 * age),
      frequency: TYPICAL.frequency * (1 + 0.1 * age),
    };
  });
}

describe('creative fatigue', () => {
  it('fires when CTR decays for a week while frequency climbs, with both in the sentence', () => {
    const tree = campaignOf('c1', [
      { id: 's1', rows: fatiguing('tired', 8) },
      { id: 's2', rows: rowsFor('fresh', () => ({})) },
    ]);
    const [finding, ...others] = detectAnomalies(withControl(tree), { asOf: AS_OF });
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ kind: 'creative_fatigue', metric: 'ctr', direction: 'down' });
    expect(['s1', 's1-ad']).toContain(finding?.entityId);
    expect(englishFinding(finding?.summary)).toMatch(
      /^CTR fell \d+ % in \d+ days \(1\.\d % → 0?\.?\d+\.?\d* %\) while daily frequency rose from 1\.3 to [2-3]\.\d — creative fatigue\.$/,
    );
    expect(englishFinding(finding?.nextStep)).toMatch(
      /^(Refresh this ad's creative|Rotate new creatives)/,
    );
  });

  it('tells a CTR that fell and stayed down at steady frequency as a creative wearing out', () => {
    const rows = rowsFor('jump', (day) => (day >= recent(5) ? { ctr: TYPICAL.ctr * 0.5 } : {}));
    const findings = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    const wearOut = findings.find((finding) => finding.kind === 'creative_fatigue');
    expect(wearOut).toMatchObject({ metric: 'ctr', direction: 'down' });
    expect(englishFinding(wearOut?.summary)).toMatch(
      /^CTR fell \d+ % in \d+ days \(.+ → .+\) at steady frequency — the creative is wearing out\.$/,
    );
    expect(englishFinding(wearOut?.nextStep)).toMatch(/^Test a new creative/);
  });

  it('does not call an ad worn out when it stopped delivering after its CTR fell', () => {
    const rows = rowsFor('stopped', (day) =>
      day > recent(3) ? undefined : day >= recent(9) ? { ctr: TYPICAL.ctr * 0.5 } : {},
    );
    const findings = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    const all = (list: readonly Finding[]): Finding[] =>
      list.flatMap((finding) => [finding, ...all(finding.related)]);
    expect(all(findings).map((finding) => finding.kind)).not.toContain('creative_fatigue');
    for (const finding of all(findings)) {
      expect(englishFinding(finding.summary)).not.toContain('NaN');
    }
  });

  it('says nothing when CTR dips for two days and recovers', () => {
    const rows = rowsFor('dip', (day) =>
      day >= recent(4) && day < recent(2) ? { ctr: TYPICAL.ctr * 0.5 } : {},
    );
    const findings = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    expect(findings.map((finding) => finding.kind)).not.toContain('creative_fatigue');
  });

  it('flags an audience saturating: frequency climbing while reach falls, CTR barely moving', () => {
    const rows = rowsFor('saturating', (day) => {
      const age = day - recent(9) + 1;
      if (age <= 0) return {};
      return {
        frequency: TYPICAL.frequency * (1 + 0.15 * age),
        ctr: TYPICAL.ctr * (1 - 0.015 * age),
      };
    });
    const [finding] = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    expect(finding).toMatchObject({
      kind: 'creative_fatigue',
      metric: 'frequency',
      direction: 'up',
    });
    expect(englishFinding(finding?.summary)).toMatch(
      /^Daily frequency rose from 1\.3 to [2-3]\.\d in \d+ days while daily reach fell \d+ % \([\d,]+ → [\d,]+\) — the audience is saturating\.$/,
    );
    expect(englishFinding(finding?.nextStep)).toMatch(/^Broaden the audience/);
  });

  it('is not saturation when frequency rises because spend doubled and reach grew with it', () => {
    const rows = rowsFor('scaled', (day) =>
      day >= recent(6) ? { spend: TYPICAL.spend * 2.2, frequency: TYPICAL.frequency * 1.5 } : {},
    );
    const findings = detectAnomalies(withControl(campaignOf('c1', [{ id: 's1', rows }])), {
      asOf: AS_OF,
    });
    expect(findings.map((finding) => finding.kind)).not.toContain('creative_fatigue');
  });

  it('says nothing on 40 impressions a day, where a CTR drop is noise', () => {
    const tree = campaignOf('c1', [{ id: 's1', rows: fatiguing('tiny', 8, 40) }]);
    expect(detectAnomalies(withControl(tree), { asOf: AS_OF })).toEqual([]);
  });
});
