import { detectAnomalies, type Finding } from '@/lib/anomaly';
import { createEvalSet, dateOfDay, inputAsOf } from './eval-set';
import {
  createIndependentSet,
  dateOfIndependentDay,
  HELD_OUT_SEEDS,
  independentInputAsOf,
  INDEPENDENT_EVAL_DAYS,
  INDEPENDENT_EVAL_FROM,
} from './independent-set';
import { nabTable } from './nab';
import { scoreReplay, type KindScore, type Score, type Shown } from './score';
import { measureSlices } from './slices';
import { measureThroughput } from './throughput';
import { DAYS, EVAL_DAYS, EVAL_FROM } from './world-types';

/**
 * Anomaly benchmark (issues #4, #20): replays the seeded evaluation set one day at a time, as the
 * background would after each daily sync, for several seeds, scores the findings against the
 * planted labels, and times detectSeries on 10,000 series of 90 days.
 *
 *   npx tsx tests/bench/anomaly/run.ts [--seeds 1-3 (default) | --seed 20250105] [--verbose]
 *     [--only-independent] [--independent-seeds 1001,1002 (development seeds; default: held out)]
 *     [--only-nab (just the NAB realAdExchange score of detectSeries, see ./nab.ts)]
 */

const args = process.argv.slice(2);
if (args.includes('--only-nab')) {
  printNab();
  process.exit(0);
}
const seeds = args.includes('--only-independent') ? [] : seedsFrom(args);
const verbose = args.includes('--verbose');

interface Replay {
  readonly score: Score;
  readonly accounts: number;
  readonly entities: number;
  readonly labels: number;
  readonly engineMs: number;
  readonly runs: number;
  /** Top-level findings shown on healthy accounts, summed over the replayed days. */
  readonly healthyFindings: number;
  readonly healthyNewAlerts: number;
  readonly healthyAccountDays: number;
}

function replay(seed: number): Replay {
  const set = createEvalSet(seed);
  const shown: Shown[] = [];
  let engineMs = 0;
  let healthyFindings = 0;
  let healthyNewAlerts = 0;
  let healthyAccountDays = 0;
  for (const account of set.accounts) {
    // Each day's run gets the day before's findings, as the background keeps them.
    let previous: Finding[] = [];
    for (let asOf = EVAL_FROM; asOf < DAYS; asOf++) {
      const input = inputAsOf(account, asOf, seed);
      const start = performance.now();
      const findings = detectAnomalies(input, { asOf: dateOfDay(asOf), previous });
      engineMs += performance.now() - start;
      if (account.healthy) {
        healthyAccountDays++;
        healthyFindings += findings.length;
        const before = new Set(previous.map((f) => `${f.kind}|${f.entityId}`));
        healthyNewAlerts += findings.filter((f) => !before.has(`${f.kind}|${f.entityId}`)).length;
      }
      previous = findings;
      for (const finding of findings) {
        shown.push({ accountId: account.world.accountId, asOf, finding });
      }
    }
  }
  return {
    score: scoreReplay(set, shown, EVAL_DAYS),
    accounts: set.accounts.length,
    entities: set.accounts.reduce((sum, a) => sum + a.world.entities.length, 0),
    labels: set.labels.length,
    engineMs,
    runs: set.accounts.length * EVAL_DAYS,
    healthyFindings,
    healthyNewAlerts,
    healthyAccountDays,
  };
}

const replays: Replay[] = [];
for (const seed of seeds) {
  const result = replay(seed);
  replays.push(result);
  console.log(
    `seed ${seed}: ${result.accounts} accounts, ${result.entities} entities x ${DAYS} days, ` +
      `${result.labels} planted problems, replayed ${EVAL_DAYS} days without an error ` +
      `(${(result.engineMs / result.runs).toFixed(1)} ms per account run).`,
  );
  if (verbose) printSamples(result.score);
}
if (replays.length > 0) printOwnGenerator(replays);

// The second generator, written apart from the engine; only its held-out seeds are reported.
const independentArg = args.indexOf('--independent-seeds');
const independentSeeds =
  independentArg >= 0
    ? (args[independentArg + 1] ?? '').split(',').map(Number)
    : [...HELD_OUT_SEEDS];
const independentScores: Score[] = [];
for (const seed of independentSeeds) {
  const set = createIndependentSet(seed);
  const shown: Shown[] = [];
  for (const account of set.accounts) {
    let previous: Finding[] = [];
    for (
      let asOf = INDEPENDENT_EVAL_FROM;
      asOf < INDEPENDENT_EVAL_FROM + INDEPENDENT_EVAL_DAYS;
      asOf++
    ) {
      const input = independentInputAsOf(account, asOf, seed);
      previous = detectAnomalies(input, { asOf: dateOfIndependentDay(asOf), previous });
      for (const finding of previous) {
        shown.push({ accountId: account.world.accountId, asOf, finding });
      }
    }
  }
  const seedScore = scoreReplay(set, shown, INDEPENDENT_EVAL_DAYS);
  independentScores.push(seedScore);
  if (verbose) {
    console.log(`independent seed ${seed}:`);
    printSamples(seedScore);
  }
}
if (independentScores.length > 0) {
  const independent = mergeScores(independentScores);
  console.log('');
  console.log(
    `Independent generator (tests/bench/anomaly/independent-set.ts), ` +
      `${independentArg >= 0 ? 'seeds' : 'held-out seeds (never used to tune)'} ` +
      `${independentSeeds.join(', ')}: ${independent.entityDays} entity-days, ` +
      `${independent.overall.labels} planted problems, each sudden or gradual.`,
  );
  console.log('');
  printTable(
    [
      'kind',
      'labels',
      'found',
      'recall',
      'alerts',
      'extra',
      'false',
      'prec lenient',
      'prec strict',
      'F1 strict',
      'delay med',
      'delay mean',
      'observable',
      'recall obs',
      'F1 obs',
    ],
    [...independent.byKind, independent.overall].map(row),
  );
  const independentNoise = independent.overall.episodes - independent.overall.strictTruePositives;
  console.log(
    `False alarms: ${independent.overall.falseAlarms} = ` +
      `${((100 * independent.overall.falseAlarms) / independent.entityDays).toFixed(2)} per 100 ` +
      `entity-days (target <= 0.5); counting repeat alerts as noise: ` +
      `${((100 * independentNoise) / independent.entityDays).toFixed(2)}.`,
  );
}
console.log(
  'Delay: days from the first affected day to the first day a finding shows it (0 = that day).',
);

if (!args.includes('--only-independent')) {
  const throughput = measureThroughput(seeds[0] ?? 1);
  console.log('');
  console.log(
    `detectSeries: ${throughput.series.toLocaleString('en-US')} series x ${throughput.points} points in ` +
      `${throughput.milliseconds.toFixed(0)} ms = ` +
      `${Math.round((throughput.series / throughput.milliseconds) * 1000).toLocaleString('en-US')} series/s ` +
      `(median of 5 passes, fastest ${throughput.fastest.toFixed(0)} ms, slowest ` +
      `${throughput.slowest.toFixed(0)} ms; target: under 1,000 ms).`,
  );
  const slices = await measureSlices();
  console.log(
    `Engine in slices, ${slices.ads.toLocaleString('en-US')}-ad account on the day its pixel breaks ` +
      `and CPM doubles everywhere: ${slices.findings.toLocaleString('en-US')} findings in ` +
      `${slices.milliseconds.toFixed(0)} ms, longest stretch without a pause ` +
      `${slices.longestSliceMs.toFixed(0)} ms (target: none over 100 ms); longest single step ` +
      `${slices.longestStepMs.toFixed(0)} ms.`,
  );
}

if (!args.includes('--only-independent')) printNab();

function printNab(): void {
  const nab = nabTable();
  console.log(['', nab.title, ''].join('\n'));
  printTable(nab.header, nab.rows);
  console.log(nab.note);
}

function printOwnGenerator(replays: readonly Replay[]): void {
  const score = mergeScores(replays.map((r) => r.score));

  console.log('');
  console.log(
    `Evaluation set (the engine's own generator), seeds ${seeds.join(', ')}: ` +
      `${score.entityDays} entity-days replayed.`,
  );
  console.log(
    'precision: lenient counts every alert on a labeled problem as correct; strict counts only the ' +
      'first alert on each problem, every further one is noise.',
  );
  console.log('');
  printTable(
    [
      'kind',
      'labels',
      'found',
      'recall',
      'alerts',
      'extra',
      'false',
      'prec lenient',
      'prec strict',
      'F1 strict',
      'delay med',
      'delay mean',
      'observable',
      'recall obs',
      'F1 obs',
    ],
    [...score.byKind, score.overall].map(row),
  );
  console.log('');
  const falseAlarms = score.overall.falseAlarms;
  const noise = score.overall.episodes - score.overall.strictTruePositives;
  console.log(
    `False alarms: ${falseAlarms} in ${score.entityDays} entity-days = ` +
      `${((100 * falseAlarms) / score.entityDays).toFixed(2)} per 100 entity-days; counting repeat ` +
      `alerts as noise: ${((100 * noise) / score.entityDays).toFixed(2)} per 100 entity-days.`,
  );
  const healthyDays = replays.reduce((sum, r) => sum + r.healthyAccountDays, 0);
  const healthyShown = replays.reduce((sum, r) => sum + r.healthyFindings, 0);
  const healthyNew = replays.reduce((sum, r) => sum + r.healthyNewAlerts, 0);
  console.log(
    `Healthy accounts (nothing planted): ${(healthyShown / healthyDays).toFixed(2)} findings shown ` +
      `per account per day, ${(healthyNew / healthyDays).toFixed(3)} new ones per account per day ` +
      `(${healthyDays} account-days).`,
  );
}

function printSamples(seedScore: Score): void {
  console.log('  missed:');
  for (const label of seedScore.missed) {
    console.log(`    ${label.kind} ${label.level} ${label.entityId} from day ${label.startDay}`);
  }
  console.log('  false alarms:');
  for (const sample of seedScore.falseAlarmSamples) console.log(`    ${sample}`);
  console.log('  extra alerts on a detected problem:');
  for (const sample of seedScore.duplicateSamples) console.log(`    ${sample}`);
}

function seedsFrom(argv: readonly string[]): number[] {
  const single = argv.indexOf('--seed');
  if (single >= 0) return [Number(argv[single + 1])];
  const range = argv.indexOf('--seeds');
  const [from, to] = (range >= 0 ? (argv[range + 1] ?? '') : '1-3').split('-').map(Number);
  if (!Number.isInteger(from) || !Number.isInteger(to ?? from)) {
    throw new Error('--seeds takes a range such as 1-20');
  }
  const last = to ?? from ?? 1;
  return Array.from({ length: last - (from ?? 1) + 1 }, (_, i) => (from ?? 1) + i);
}

function mergeScores(scores: readonly Score[]): Score {
  const merge = (rows: readonly KindScore[], kind: KindScore['kind']): KindScore => ({
    kind,
    labels: rows.reduce((sum, r) => sum + r.labels, 0),
    detected: rows.reduce((sum, r) => sum + r.detected, 0),
    observableLabels: rows.reduce((sum, r) => sum + r.observableLabels, 0),
    observableDetected: rows.reduce((sum, r) => sum + r.observableDetected, 0),
    episodes: rows.reduce((sum, r) => sum + r.episodes, 0),
    truePositives: rows.reduce((sum, r) => sum + r.truePositives, 0),
    strictTruePositives: rows.reduce((sum, r) => sum + r.strictTruePositives, 0),
    falseAlarms: rows.reduce((sum, r) => sum + r.falseAlarms, 0),
    delays: rows.flatMap((r) => r.delays),
  });
  const kinds = [...new Set(scores.flatMap((s) => s.byKind.map((k) => k.kind)))].sort();
  return {
    byKind: kinds.map((kind) =>
      merge(
        scores.flatMap((s) => s.byKind.filter((k) => k.kind === kind)),
        kind,
      ),
    ),
    overall: merge(
      scores.map((s) => s.overall),
      'all',
    ),
    entityDays: scores.reduce((sum, s) => sum + s.entityDays, 0),
    duplicates: scores.reduce((sum, s) => sum + s.duplicates, 0),
    missed: scores.flatMap((s) => s.missed),
    falseAlarmSamples: scores.flatMap((s) => s.falseAlarmSamples),
    duplicateSamples: scores.flatMap((s) => s.duplicateSamples),
  };
}

function row(score: KindScore): string[] {
  const recall = score.labels > 0 ? score.detected / score.labels : Number.NaN;
  const precision = score.episodes > 0 ? score.truePositives / score.episodes : Number.NaN;
  const strict = score.episodes > 0 ? score.strictTruePositives / score.episodes : Number.NaN;
  const f1 = (2 * strict * recall) / (strict + recall);
  const sorted = [...score.delays].sort((a, b) => a - b);
  const median =
    sorted.length > 0 ? (sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) : Number.NaN;
  const mean = sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
  const recallObservable =
    score.observableLabels > 0 ? score.observableDetected / score.observableLabels : Number.NaN;
  const f1Observable = (2 * strict * recallObservable) / (strict + recallObservable);
  return [
    score.kind,
    String(score.labels),
    String(score.detected),
    fixed(recall, 2),
    String(score.episodes),
    String(score.truePositives - score.strictTruePositives),
    String(score.falseAlarms),
    fixed(precision, 2),
    fixed(strict, 2),
    fixed(f1, 2),
    fixed(median, 0),
    fixed(mean, 1),
    String(score.observableLabels),
    fixed(recallObservable, 2),
    fixed(f1Observable, 2),
  ];
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r, i) => {
    if (i === rows.length - 1) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    console.log(line(r));
  });
}
