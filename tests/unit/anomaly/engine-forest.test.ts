import fc from 'fast-check';
import { message } from '@/lib/anomaly/format';
import { describe, expect, it } from 'vitest';
import {
  FINDING_KINDS,
  detectAnomalies,
  type AccountInput,
  type DailyRow,
  type EntityNode,
  type Finding,
} from '@/lib/anomaly';
import { createBenchRandom } from '@/tests/support/random';
import { dateOf, HISTORY_DAYS, sumRows } from './fixtures';

/**
 * Whatever an account looks like, the engine answers: it never throws on a valid day and returns a
 * forest, every finding once. Accounts are drawn with abrupt changes planted at random on random
 * entities (conversions to zero, conversion rate halved, spend or CPM jumps, silence) so that
 * findings on several levels explain one another as often as possible.
 */

const CHANGES = ['none', 'no_conversions', 'fewer_conversions', 'spend', 'cpm', 'silence'] as const;

const adArbitrary = fc.record({
  spend: fc.integer({ min: 0, max: 80_000 }),
  cvr: fc.double({ min: 0, max: 0.08, noNaN: true }),
  change: fc.constantFrom(...CHANGES),
  changeDay: fc.integer({ min: 0, max: HISTORY_DAYS - 1 }),
  active: fc.boolean(),
});

const accountArbitrary = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  // campaigns -> ad sets -> ads
  campaigns: fc.array(
    fc.array(fc.array(adArbitrary, { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 3,
    }),
    { minLength: 1, maxLength: 3 },
  ),
  campaignBudget: fc.boolean(),
  accountWide: fc.constantFrom(...CHANGES),
  accountWideDay: fc.integer({ min: 0, max: HISTORY_DAYS - 1 }),
  asOfDaysAgo: fc.integer({ min: 0, max: 40 }),
});

type AccountShape = typeof accountArbitrary extends fc.Arbitrary<infer T> ? T : never;
type AdShape = AccountShape['campaigns'][number][number][number];

function rowsOf(seed: number, id: string, ad: AdShape, shape: AccountShape): DailyRow[] {
  const random = createBenchRandom(seed, id);
  const rows: DailyRow[] = [];
  for (let day = 0; day < HISTORY_DAYS + 1; day++) {
    const changes = [
      day >= ad.changeDay ? ad.change : 'none',
      day >= shape.accountWideDay ? shape.accountWide : 'none',
    ];
    if (changes.includes('silence')) continue;
    const spend = Math.round(
      ad.spend * random.logNormal(0.3) * (changes.includes('spend') ? 3 : 1),
    );
    if (spend <= 0) continue;
    const cpm = 1_000 * random.logNormal(0.1) * (changes.includes('cpm') ? 2 : 1);
    const impressions = Math.max(1, Math.round((spend / cpm) * 1000));
    const clicks = random.poisson(impressions * 0.015);
    const linkClicks = random.binomial(clicks, 0.7);
    const cvr = changes.includes('no_conversions')
      ? 0
      : ad.cvr * (changes.includes('fewer_conversions') ? 0.4 : 1);
    const conversions = random.poisson(linkClicks * cvr);
    rows.push({
      date: dateOf(day),
      spendMinor: spend,
      impressions,
      reach: Math.max(1, Math.round(impressions / 1.4)),
      clicks,
      linkClicks,
      conversions,
      conversionValueMinor: conversions * 5_000,
    });
  }
  return rows;
}

function accountFrom(shape: AccountShape): AccountInput {
  const entities: EntityNode[] = [];
  const daily = new Map<string, DailyRow[]>();
  shape.campaigns.forEach((adsets, c) => {
    const campaignId = `c${c}`;
    const campaignRows: DailyRow[][] = [];
    entities.push({
      id: campaignId,
      level: 'campaign',
      effectiveStatus: 'ACTIVE',
      ...(shape.campaignBudget ? { dailyBudgetMinor: 100_000 } : {}),
    });
    adsets.forEach((ads, s) => {
      const adsetId = `${campaignId}s${s}`;
      const adsetRows: DailyRow[][] = [];
      entities.push({
        id: adsetId,
        level: 'adset',
        campaignId,
        effectiveStatus: 'ACTIVE',
        ...(shape.campaignBudget ? {} : { dailyBudgetMinor: 60_000 }),
      });
      ads.forEach((ad, a) => {
        const adId = `${adsetId}a${a}`;
        const rows = rowsOf(shape.seed, adId, ad, shape);
        entities.push({
          id: adId,
          level: 'ad',
          campaignId,
          adsetId,
          effectiveStatus: ad.active ? 'ACTIVE' : 'PAUSED',
        });
        daily.set(adId, rows);
        adsetRows.push(rows);
      });
      const rows = sumRows(...adsetRows);
      daily.set(adsetId, rows);
      campaignRows.push(rows);
    });
    daily.set(campaignId, sumRows(...campaignRows));
  });
  return { accountId: 'act_1', currency: 'USD', entities, daily };
}

/** Previous findings as a store might hold them: any kind, on any entity, any dates, nested. */
function previousArbitrary(ids: readonly string[], asOfDay: number): fc.Arbitrary<Finding[]> {
  const finding = (related: Finding[]): fc.Arbitrary<Finding> =>
    fc
      .record({
        kind: fc.constantFrom(...FINDING_KINDS),
        entityId: fc.constantFrom(...ids),
        start: fc.integer({ min: 0, max: asOfDay }),
        length: fc.integer({ min: 0, max: 10 }),
      })
      .map(({ kind, entityId, start, length }) => ({
        id: `${kind}:${entityId}:${dateOf(start)}`,
        kind,
        entityId,
        level: entityId === 'act_1' ? 'account' : entityId.includes('a') ? 'ad' : 'campaign',
        metric: 'spend',
        severity: 'warning',
        direction: 'up',
        startDate: dateOf(start),
        latestDate: dateOf(Math.min(asOfDay, start + length)),
        actual: 1,
        expected: 1,
        lower: 0,
        upper: 2,
        score: 0.6,
        summary: message('findingSpendSpikeNext'),
        nextStep: message('findingSpendSpikeNext'),
        related,
      }));
  return fc.array(
    fc.array(finding([]), { maxLength: 3 }).chain((related) => finding(related)),
    { maxLength: 6 },
  );
}

const caseArbitrary = accountArbitrary.chain((shape) => {
  const input = accountFrom(shape);
  const asOfDay = HISTORY_DAYS - 1 - shape.asOfDaysAgo;
  const ids = ['act_1', ...input.entities.map((e) => e.id)];
  return previousArbitrary(ids, asOfDay).map((previous) => ({ input, asOfDay, previous }));
});

function everyFinding(findings: readonly Finding[]): Finding[] {
  return findings.flatMap((finding) => [finding, ...everyFinding(finding.related)]);
}

function expectForest(findings: readonly Finding[], input: AccountInput): void {
  const all = everyFinding(findings);
  const keys = all.map((f) => `${f.kind}|${f.entityId}`);
  expect(new Set(keys).size).toBe(keys.length);
  // Roots carry the findings they explain; those carry none of their own (one level deep).
  for (const finding of findings)
    for (const related of finding.related) expect(related.related).toEqual([]);
  const ids = new Set(['act_1', ...input.entities.map((e) => e.id)]);
  for (const finding of all) expect(ids.has(finding.entityId)).toBe(true);
}

describe('the anomaly engine on random accounts', () => {
  it('never throws and returns a forest: each finding once, on an entity of the account', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ input, asOfDay, previous }) => {
        expectForest(detectAnomalies(input, { asOf: dateOf(asOfDay), previous }), input);
      }),
      { numRuns: 2_000, seed: 20_261_207 },
    );
  }, 180_000);

  it("stays a forest run after run, each day handed the day before's findings", () => {
    fc.assert(
      fc.property(caseArbitrary, ({ input, asOfDay, previous }) => {
        let findings = previous;
        for (let day = asOfDay - 3; day <= asOfDay; day++) {
          findings = detectAnomalies(input, { asOf: dateOf(day), previous: findings });
          expectForest(findings, input);
        }
      }),
      { numRuns: 250, seed: 7 },
    );
  }, 180_000);
});
