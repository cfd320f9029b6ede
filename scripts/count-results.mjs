// Prints the closing "N passed, N failed" line from vitest JSON reports and exits non-zero on any
// failure. A report that is missing (its run crashed) counts as a failure, never as zero tests.
// CI keeps only the end of the output, so each failure is repeated just above that line: its FAIL
// heading and error from the run's log (`name.log` beside `name.json`), which the JSON report lacks
// for a failed hook.
import { existsSync, readFileSync } from 'node:fs';

const [failedChecks, ...reports] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedChecks);
const failures = [];
// eslint-disable-next-line no-control-regex -- the log's colours
const plain = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** Each " FAIL " heading of a vitest log with the error lines under it. */
function failuresInLog(log) {
  const lines = plain(readFileSync(log, 'utf8')).split('\n');
  const found = [];
  lines.forEach((line, index) => {
    if (!line.startsWith(' FAIL ')) return;
    const error = lines.slice(index + 1, index + 4).filter((next) => next.trim() !== '');
    found.push(
      [line.trim(), ...error.map((next) => `    ${next.trim().slice(0, 300)}`)].join('\n'),
    );
  });
  return found;
}

for (const report of reports) {
  if (!existsSync(report)) {
    failed += 1;
    failures.push(`${report}: missing (the run crashed before writing it)`);
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + (result.success ? 0 : result.numFailedTests === 0 ? 1 : 0);
  const log = report.replace(/\.json$/, '.log');
  if (!result.success && existsSync(log)) failures.push(...failuresInLog(log));
}
if (failures.length > 0) console.log(`\nFailed:\n${failures.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
