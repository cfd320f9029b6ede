import { describe, expect, it } from 'vitest';
import { plantedSegment } from './insights/breakdowns';
import { GraphHarness } from './harness';

const sim = new GraphHarness();
type Row = Record<string, string>;

const purchases = (row: Row & { actions?: unknown }) =>
  Number(
    (row.actions as { action_type: string; value: string }[] | undefined)?.find(
      (a) => a.action_type === 'purchase',
    )?.value ?? 0,
  );

async function rows(node: string, query: string): Promise<Row[]> {
  return (await sim.walk<Row>(`/v26.0/${node}/insights?${query}&limit=500`)).items;
}

const cents = (rows: readonly Row[]) =>
  rows.reduce((sum, row) => sum + Math.round(Number(row.spend) * 100), 0);

describe('insights breakdowns (issue #18)', () => {
  it('splits an entity over every Explain breakdown so the slices add up to its row to the cent', async () => {
    const anomaly = sim.world.anomalies.find((a) => a.kind === 'cpm_surge' && a.level === 'adset')!;
    const range = `time_range={"since":"${anomaly.startDate}","until":"${anomaly.startDate}"}`;
    const fields = 'fields=spend,impressions,clicks,inline_link_clicks,actions';
    const [whole] = await rows(anomaly.entityId, `${range}&${fields}`);
    for (const breakdowns of [
      'publisher_platform,platform_position,device_platform',
      'age,gender',
      'region',
    ]) {
      const split = await rows(anomaly.entityId, `${range}&${fields}&breakdowns=${breakdowns}`);
      expect(split.length).toBeGreaterThan(2);
      expect(cents(split)).toBe(Math.round(Number(whole!.spend) * 100));
      for (const field of ['impressions', 'clicks', 'inline_link_clicks'])
        expect(split.reduce((sum, row) => sum + Number(row[field]), 0)).toBe(Number(whole![field]));
      expect(split.reduce((sum, row) => sum + purchases(row), 0)).toBe(purchases(whole!));
    }
  });

  it('puts a planted CPM surge on one placement: its share and price jump, the others keep theirs', async () => {
    const anomaly = sim.world.anomalies.find(
      (a) => a.kind === 'cpm_surge' && a.level === 'campaign',
    )!;
    const planted = plantedSegment(anomaly)!;
    const [platform, position] = planted.value.split('/');
    const ranges = `time_ranges=[{"since":"2026-10-01","until":"2026-10-14"},{"since":"${anomaly.startDate}","until":"${anomaly.startDate}"}]`;
    const split = await rows(
      anomaly.entityId,
      `${ranges}&fields=spend,impressions&breakdowns=publisher_platform,platform_position`,
    );
    const share = (since: string, match: (row: Row) => boolean) => {
      const period = split.filter((row) => row.date_start === since);
      const of = (rows: Row[]) => rows.reduce((s, row) => s + Number(row.impressions), 0);
      return of(period.filter(match)) / of(period);
    };
    const isPlanted = (row: Row) =>
      row.publisher_platform === platform && row.platform_position === position;
    expect(share(anomaly.startDate, isPlanted)).toBeGreaterThan(2 * share('2026-10-01', isPlanted));
    const cpm = (since: string, match: (row: Row) => boolean) => {
      const period = split.filter((row) => row.date_start === since && match(row));
      const spend = period.reduce((s, row) => s + Number(row.spend), 0);
      return spend / period.reduce((s, row) => s + Number(row.impressions), 0);
    };
    const others = (row: Row) => !isPlanted(row);
    expect(cpm(anomaly.startDate, others)).toBeCloseTo(cpm('2026-10-01', others), 1);
    expect(cpm(anomaly.startDate, isPlanted)).toBeGreaterThan(1.5 * cpm('2026-10-01', isPlanted));
  });

  it('answers platform_position values Meta uses, and refuses unknown breakdowns', async () => {
    const [account] = sim.world.accounts;
    const split = await rows(
      `act_${account!.accountId}`,
      'date_preset=yesterday&fields=impressions&breakdowns=publisher_platform,platform_position',
    );
    expect(new Set(split.map((row) => row.platform_position))).toContain('instagram_reels');
    const reply = await sim.call(
      `/v26.0/act_${account!.accountId}/insights?breakdowns=placement&fields=spend`,
    );
    expect(reply.status).toBe(400);
  });
});
