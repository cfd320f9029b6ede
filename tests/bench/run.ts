import { spawnSync } from 'node:child_process';

/**
 * `npm run bench`: every benchmark in turn, each in its own process (each prints its own figures).
 * Add a benchmark by adding its script here.
 */
const BENCHMARKS = [
  'tests/bench/sync/run.ts',
  'tests/bench/overlay/run.ts',
  'tests/bench/anomaly/run.ts',
];

let failed = 0;
for (const script of BENCHMARKS) {
  const { status } = spawnSync('npx', ['tsx', script], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
