import { detectAnomalies, type Finding } from '@/lib/anomaly';
import { createEvalSet, dateOfDay, inputAsOf } from './eval-set';
import { scoreReplay, type KindScore, type Shown } from './score';
import { measureThroughput } from './throughput';
import { DAYS, EVAL_DAYS, EVAL_FROM } from './world-types';

/**
 * Anomaly benchmark (issue #4): replays the seeded evaluation set one day at a time, as the
 * background would after each daily sync, scores the findings against the planted labels, and
 * times detectSeries on 10,000 series of 90 days.
 *
 *   npx tsx tests/bench/anomaly/run.ts [--seed 20250105] [--verbose]
 */

const args = process.argv.slice(2);
const seedArg = args.indexOf('--seed');
const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : 20250105;
const verbose = args.includes('--verbose');

const buildStart = performance.now();
const set = createEvalSet(seed);
const buildMs = performance.now() - buildStart;

const shown: Shown[] = [];
let engineMs = 0;
for (const account of set.accounts) {
  // Each day's run gets the day before's findings, as the background keeps them.
  let previous: Finding[] = [];
  for (let asOf = EVAL_FROM; asOf < DAYS; asOf++) {
    const input = inputAsOf(account, asOf, seed);
    const start = performance.now();
    previous = detectAnomalies(input, { asOf: dateOfDay(asOf), previous });
    engineMs += performance.now() - start;
    for (const finding of previous) {
      shown.push({ accountId: account.world.accountId, asOf, finding });
    }
  }
}
const runs = set.accounts.length * EVAL_DAYS;
const score = scoreReplay(set, shown, EVAL_DAYS);
const entities = set.accounts.reduce((sum, a) => sum + a.world.entities.length, 0);

console.log(
  `Evaluation set: seed ${seed}, ${set.accounts.length} accounts, ${entities} entities x ${DAYS} days, ` +
    `${set.labels.length} planted problems; replayed ${EVAL_DAYS} days (${score.entityDays} entity-days), ` +
    `${(engineMs / runs).toFixed(1)} ms per account run (set built in ${(buildMs / 1000).toFixed(1)} s).`,
);
console.log('');
printTable(
  [
    'kind',
    'labels',
    'found',
    'recall',
    'alerts',
    'false',
    'precision',
    'F1',
    'delay med',
    'delay mean',
  ],
  [...score.byKind, score.overall].map(row),
);
console.log('');
const falseAlarms = score.overall.falseAlarms;
console.log(
  `False alarms: ${falseAlarms} in ${score.entityDays} entity-days = ` +
    `${((100 * falseAlarms) / score.entityDays).toFixed(2)} per 100 entity-days ` +
    `(target <= 1). Extra alerts on an already detected problem: ${score.duplicates}.`,
);
console.log(
  'Delay: days from the first affected day to the first day a finding shows it (0 = that day).',
);

const throughput = measureThroughput(seed);
console.log('');
console.log(
  `detectSeries: ${throughput.series.toLocaleString('en-US')} series x ${throughput.points} points in ` +
    `${throughput.milliseconds.toFixed(0)} ms = ` +
    `${Math.round((throughput.series / throughput.milliseconds) * 1000).toLocaleString('en-US')} series/s ` +
    `(median of 5 passes, fastest ${throughput.fastest.toFixed(0)} ms, slowest ` +
    `${throughput.slowest.toFixed(0)} ms; target: under 1,000 ms).`,
);

if (verbose) {
  console.log('\nMissed:');
  for (const label of score.missed) {
    console.log(`  ${label.kind} ${label.level} ${label.entityId} from day ${label.startDay}`);
  }
  console.log('\nFalse alarms:');
  for (const sample of score.falseAlarmSamples) console.log(`  ${sample}`);
  console.log('\nExtra alerts on a detected problem:');
  for (const sample of score.duplicateSamples) console.log(`  ${sample}`);
}

function row(score: KindScore): string[] {
  const recall = score.labels > 0 ? score.detected / score.labels : Number.NaN;
  const precision = score.episodes > 0 ? score.truePositives / score.episodes : Number.NaN;
  const f1 = (2 * precision * recall) / (precision + recall);
  const sorted = [...score.delays].sort((a, b) => a - b);
  const median =
    sorted.length > 0 ? (sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) : Number.NaN;
  const mean = sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
  return [
    score.kind,
    String(score.labels),
    String(score.detected),
    fixed(recall, 2),
    String(score.episodes),
    String(score.falseAlarms),
    fixed(precision, 2),
    fixed(f1, 2),
    fixed(median, 0),
    fixed(mean, 1),
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
