// Prints the closing "N passed, N failed" line from vitest JSON reports and exits non-zero on any
// failure. A report that is missing (its run crashed) counts as a failure, never as zero tests.
import { existsSync, readFileSync } from 'node:fs';

const [failedChecks, ...reports] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedChecks);
for (const report of reports) {
  if (!existsSync(report)) {
    failed += 1;
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + (result.success ? 0 : result.numFailedTests === 0 ? 1 : 0);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
