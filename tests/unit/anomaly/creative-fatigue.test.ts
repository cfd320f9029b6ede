import { describe, expect, it } from 'vitest';
import { englishFinding } from '../components/catalogue';
import { detectAnomalies, type DailyRow } from '@/lib/anomaly';
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

  it('is not fatigue when CTR drops overnight at steady frequency', () => {
    const rows = rowsFor('jump', (day) => (day >= recent(3) ? { ctr: TYPICAL.ctr * 0.6 } : {}));
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
