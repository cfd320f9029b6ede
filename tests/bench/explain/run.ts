import { explainEntity, explainSubject, findingPeriods } from '@/lib/explain/explain-entity';
import type { ExplainMetric } from '@/lib/explain/measures';
import { fetchBreakdownRows } from '@/lib/graph/breakdowns';
import { createGraphClient } from '@/lib/graph/client';
import type { Explanation } from '@/lib/schema/explain';
import { addDays } from '@/lib/util/dates';
import { createSimulatedMeta } from '../../sim';
import { plantedSegment } from '../../sim/graph/insights/breakdowns';
import type { AnomalyKind, PlantedAnomaly, SimEntity, World } from '../../sim/world/types';
import { fakeTiming, simFetch } from '../../support/graph-stand-in';
import { englishFinding } from '../../support/english-finding';

/**
 * Explain benchmark (issue #18): explains every planted problem of the simulator's world through
 * the Graph simulator, as the background does (same reads, same decomposition), plus findings on
 * clean entities, and scores the answers against the planted segments.
 *
 *   npx tsx tests/bench/explain/run.ts [--seed N] [--clean 40] [--verbose]
 */

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const verbose = args.includes('--verbose');
const seedArgument = args.indexOf('--seed');
const cleanCount = option('--clean', 40);

/** The metric a finding of each planted kind is about. */
const FINDING_METRIC: Readonly<Record<AnomalyKind, ExplainMetric>> = {
  cpm_surge: 'cpm',
  cpa_jump: 'cpa',
  spend_spike: 'spend',
  delivery_stop: 'spend',
  tracking_break: 'conversions',
  creative_fatigue: 'ctr',
};
const CLEAN_METRICS: readonly ExplainMetric[] = ['cpm', 'cpa', 'spend', 'ctr', 'roas', 'cpc'];

const meta = createSimulatedMeta(seedArgument >= 0 ? { seed: Number(args[seedArgument + 1]) } : {});
const world: World = meta.world;
let requests = 0;
const graph = createGraphClient({
  accessToken: meta.control.demoToken,
  fetch: simFetch(meta),
  timing: fakeTiming(meta.clock.now()).timing,
  onCall: () => requests++,
});

interface Case {
  readonly accountId: string;
  readonly entityId: string;
  readonly level: string;
  readonly metric: ExplainMetric;
  readonly since: string;
  readonly until: string;
  readonly planted?: { dimension: string; value: string };
  readonly label: string;
}

async function explainCase(c: Case): Promise<{ explanation: Explanation; requests: number }> {
  const before = requests;
  const currency = world.account(c.accountId)?.currency ?? 'USD';
  const explanation = await explainEntity({
    metric: c.metric,
    subject: explainSubject(c.level),
    currency,
    ...findingPeriods(c.since, c.until),
    read: (group, periods) =>
      fetchBreakdownRows(graph, c.entityId, `act_${c.accountId}`, group, periods),
    now: meta.clock.now(),
    requestsMade: () => requests - before,
  });
  return { explanation, requests: requests - before };
}

function plantedCase(anomaly: PlantedAnomaly): Case {
  const yesterday = addDays(world.today(anomaly.accountId), -1);
  const end = anomaly.endDate && anomaly.endDate < yesterday ? anomaly.endDate : yesterday;
  const segment = plantedSegment(anomaly);
  return {
    accountId: anomaly.accountId,
    entityId: anomaly.entityId,
    level: anomaly.level,
    metric: FINDING_METRIC[anomaly.kind],
    since: anomaly.startDate,
    until: end < anomaly.startDate ? anomaly.startDate : end,
    ...(segment ? { planted: { dimension: segment.breakdown, value: segment.value } } : {}),
    label: `${anomaly.kind} on ${anomaly.level} ${anomaly.entityId}`,
  };
}

/** Entities no planted problem touches (neither on them, above them nor below them). */
function cleanCases(): Case[] {
  const touched = new Set<string>();
  for (const anomaly of world.anomalies) {
    const planted = world.entity(anomaly.entityId);
    for (const id of [anomaly.entityId, planted?.campaignId, planted?.adsetId]) {
      if (id) touched.add(id);
    }
  }
  const isClean = (entity: SimEntity) =>
    entity.effectiveStatus === 'ACTIVE' &&
    ![entity.id, entity.campaignId, entity.adsetId].some((id) => id && touched.has(id));
  const cases: Case[] = [];
  let turn = 0;
  for (const account of world.accounts) {
    if (account.accountStatus !== 1) continue;
    const yesterday = addDays(world.today(account.accountId), -1);
    const since = addDays(yesterday, -6);
    for (const level of ['campaign', 'adset', 'ad'] as const) {
      const steady = world
        .entities(account.accountId, level)
        .filter(isClean)
        .filter(
          (entity) =>
            world.daily(entity.id, addDays(since, -14), yesterday).length === 21 &&
            (world.totals(entity.id, since, yesterday)?.purchases ?? 0) >= 20,
        );
      const wanted = Math.ceil(cleanCount / 9);
      for (let i = 0; i < wanted && i < steady.length; i++) {
        const entity = steady[Math.floor((i * steady.length) / wanted)]!;
        const metric = CLEAN_METRICS[turn++ % CLEAN_METRICS.length]!;
        cases.push({
          accountId: account.accountId,
          entityId: entity.id,
          level,
          metric,
          since,
          until: yesterday,
          label: `clean ${metric} on ${level} ${entity.id}`,
        });
      }
    }
  }
  return cases.slice(0, cleanCount);
}

interface Tally {
  planted: number;
  right: number;
  clean: number;
  falseNamed: number;
}
const perDimension = new Map<string, Tally>();
const tally = (dimension: string) =>
  perDimension.get(dimension) ??
  perDimension.set(dimension, { planted: 0, right: 0, clean: 0, falseNamed: 0 }).get(dimension)!;

const planted = world.anomalies.map(plantedCase);
const clean = cleanCases();
let totalRequests = 0;
let maxRequests = 0;
let right = 0;
let withSegment = 0;
let withoutSegment = 0;
let quiet = 0;
for (const c of [...planted, ...clean]) {
  const { explanation, requests: used } = await explainCase(c);
  totalRequests += used;
  maxRequests = Math.max(maxRequests, used);
  const top = explanation.segments.find((segment) => segment.named);
  if (c.planted) {
    withSegment++;
    const hit = top?.dimension === c.planted.dimension && top.value === c.planted.value;
    if (hit) right++;
    const entry = tally(c.planted.dimension);
    entry.planted++;
    if (hit) entry.right++;
  } else {
    withoutSegment++;
    if (!top) quiet++;
    else tally(top.dimension).falseNamed++;
  }
  if (top && !c.planted) tally(top.dimension).clean++;
  if (verbose && c.planted) {
    const dims = explanation.segments.map(
      (s) =>
        `${s.dimension}=${s.value} share ${s.share.toFixed(2)} w ${s.weightBefore.toFixed(2)}→${s.weightAfter.toFixed(2)}`,
    );
    console.log(dims.join('\n'));
  }
  if (verbose || (c.planted ? top?.value !== c.planted.value : top)) {
    console.log(
      `${c.planted ? (top?.value === c.planted.value ? 'ok  ' : 'MISS') : top ? 'FALSE' : 'ok  '} ${c.label} ${c.metric}${c.planted ? ` planted ${c.planted.dimension}=${c.planted.value}` : ''}\n      ${englishFinding(explanation.sentence)}`,
    );
  }
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((100 * a) / b)} %`);
console.log('');
console.log('dimension           planted  named first  named without a planted segment');
for (const [dimension, t] of [...perDimension.entries()].sort()) {
  console.log(
    `${dimension.padEnd(20)}${String(t.planted).padStart(7)}  ${`${t.right}/${t.planted}`.padStart(11)}  ${String(t.falseNamed).padStart(6)}`,
  );
}
console.log('');
console.log(
  `planted problems: ${world.anomalies.length} (${withSegment} with a planted segment, ${world.anomalies.length - withSegment} without: delivery stops, tracking breaks and creative fatigue move every segment alike)`,
);
console.log(`clean-entity findings: ${clean.length}`);
console.log(
  `named nothing where no segment was planted: ${quiet}/${withoutSegment} (${pct(quiet, withoutSegment)}); named a segment there: ${withoutSegment - quiet} (${pct(withoutSegment - quiet, withoutSegment)})`,
);
console.log(`planted segment named first: ${right}/${withSegment} (${pct(right, withSegment)})`);
console.log(`most requests for one explanation: ${maxRequests}`);
const explained = planted.length + clean.length;
console.log(
  `explain: top segment right in ${right}/${withSegment} findings, requests per explanation ${(totalRequests / explained).toFixed(1)}`,
);
