import {
  detectAnomaliesInSlices,
  type AccountInput,
  type DailyRow,
  type EntityNode,
} from '@/lib/anomaly';
import { SLICE_MS } from '@/lib/sync/slice';
import { createBenchRandom } from '../../support/random';

/**
 * The engine's longest stretch without a pause on an account as large as the simulator's largest
 * (20 campaigns, 200 ad sets, 5,000 ads, 90 days), on its worst day: the pixel breaks and CPM
 * doubles in every ad at once, so thousands of entities are flagged and grouped into one forest.
 */

const CAMPAIGNS = 20;
const AD_SETS = 10;
const ADS = 25;
const DAYS = 90;
const AS_OF_DAY = 20_178; // 2025-03-31
const EVENT_DAYS = 4;

export interface SliceMeasure {
  readonly ads: number;
  readonly milliseconds: number;
  readonly longestSliceMs: number;
  /** The longest single step of the engine: a slice is at most the slice length plus this. */
  readonly longestStepMs: number;
  readonly findings: number;
}

export async function measureSlices(): Promise<SliceMeasure> {
  const input = worstDayAccount();
  const start = performance.now();
  const { findings, longestSliceMs } = await detectAnomaliesInSlices(
    input,
    { asOf: dateOf(DAYS - 1) },
    {
      pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
      now: () => performance.now(),
      sliceMs: SLICE_MS,
    },
  );
  const milliseconds = performance.now() - start;
  // Pausing after every step, through a microtask so the pauses themselves cost nothing.
  const steps = await detectAnomaliesInSlices(
    input,
    { asOf: dateOf(DAYS - 1) },
    { pause: () => Promise.resolve(), now: () => performance.now(), sliceMs: 0 },
  );
  const count = (list: readonly (typeof findings)[number][]): number =>
    list.reduce((sum, finding) => sum + 1 + count(finding.related), 0);
  return {
    ads: CAMPAIGNS * AD_SETS * ADS,
    milliseconds,
    longestSliceMs,
    longestStepMs: steps.longestSliceMs,
    findings: count(findings),
  };
}

function worstDayAccount(): AccountInput {
  const random = createBenchRandom(1, 'slices');
  const entities: EntityNode[] = [];
  const daily = new Map<string, DailyRow[]>();
  const since = '2024-06-01';
  for (let c = 0; c < CAMPAIGNS; c++) {
    const campaignId = `c${c}`;
    entities.push({
      id: campaignId,
      level: 'campaign',
      effectiveStatus: 'ACTIVE',
      startDate: since,
    });
    const campaignRows: DailyRow[][] = [];
    for (let s = 0; s < AD_SETS; s++) {
      const adsetId = `${campaignId}s${s}`;
      entities.push({
        id: adsetId,
        level: 'adset',
        campaignId,
        effectiveStatus: 'ACTIVE',
        startDate: since,
        dailyBudgetMinor: 60_000,
      });
      const adRows: DailyRow[][] = [];
      for (let a = 0; a < ADS; a++) {
        const id = `${adsetId}a${a}`;
        entities.push({
          id,
          level: 'ad',
          campaignId,
          adsetId,
          effectiveStatus: 'ACTIVE',
          startDate: since,
        });
        const rows = adDays(random, random.logNormal(0.8) * 2_000);
        daily.set(id, rows);
        adRows.push(rows);
      }
      const adsetRows = summed(adRows);
      daily.set(adsetId, adsetRows);
      campaignRows.push(adsetRows);
    }
    daily.set(campaignId, summed(campaignRows));
  }
  return { accountId: 'act_1', currency: 'USD', entities, daily };
}

function adDays(random: ReturnType<typeof createBenchRandom>, spend: number): DailyRow[] {
  return Array.from({ length: DAYS }, (_, day) => {
    const event = day >= DAYS - EVENT_DAYS;
    const spendMinor = Math.round(spend * random.logNormal(0.1));
    const impressions = Math.round(spendMinor / (event ? 2 : 1));
    const clicks = random.poisson(impressions * 0.015);
    const linkClicks = random.poisson(clicks * 0.7);
    const conversions = event ? 0 : random.poisson(linkClicks * 0.04);
    return {
      date: dateOf(day),
      spendMinor,
      impressions,
      reach: Math.round(impressions / 1.3),
      clicks,
      linkClicks,
      conversions,
      conversionValueMinor: conversions * 6_000,
    };
  });
}

function summed(children: readonly DailyRow[][]): DailyRow[] {
  return Array.from({ length: DAYS }, (_, day) => {
    const rows = children.map((rows) => rows[day]!);
    const sum = (pick: (row: DailyRow) => number) => rows.reduce((t, row) => t + pick(row), 0);
    return {
      date: dateOf(day),
      spendMinor: sum((r) => r.spendMinor),
      impressions: sum((r) => r.impressions),
      reach: sum((r) => r.reach),
      clicks: sum((r) => r.clicks),
      linkClicks: sum((r) => r.linkClicks),
      conversions: sum((r) => r.conversions),
      conversionValueMinor: sum((r) => r.conversionValueMinor),
    };
  });
}

function dateOf(day: number): string {
  return new Date((AS_OF_DAY - DAYS + 1 + day) * 86_400_000).toISOString().slice(0, 10);
}
