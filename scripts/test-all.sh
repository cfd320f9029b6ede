#!/usr/bin/env bash
# Every test: typecheck, lint and format, unit and simulator tests, the production build and store
# zips, web-ext lint of the Firefox zip's build, the manifest and bundle audit, and the end-to-end
# tests in real Chromium and in Firefox (firefox-esr). Ends with the line
# "N passed, N failed" (tests counted one by one; a failed check without tests counts as one).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_firefox
# ensure-tools.sh runs with errexit; here every step must run, so a failure is counted, not fatal.
set +e

ARTIFACTS=tests/.artifacts
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/*.json "$ARTIFACTS"/*.log
failed_checks=0
summary=()

step() {
  local name=$1; shift
  local start=$SECONDS
  echo "==> $name"
  if "$@"; then summary+=("ok      $name ($((SECONDS - start)) s)")
  else summary+=("FAILED  $name ($((SECONDS - start)) s)"); return 1; fi
}

# A vitest run writing its JSON report and a copy of its output (count-results.mjs repeats its
# failures at the end) to the artifacts under `name`.
vitest_run() {
  local name=$1; shift
  npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$ARTIFACTS/$name.json" 2>&1 |
    tee "$ARTIFACTS/$name.log"
}

step "typecheck" npx tsc --noEmit || failed_checks=$((failed_checks + 1))
step "lint" npx eslint . || failed_checks=$((failed_checks + 1))
step "format" npx prettier --check . || failed_checks=$((failed_checks + 1))
if step "build" npm run --silent build && step "store zips" npm run --silent zip; then
  step "web-ext lint (Firefox store build)" npm run --silent lint:firefox || failed_checks=$((failed_checks + 1))
  step "unit, simulator, bench and audit tests" vitest_run unit || true
  step "end-to-end tests (Chromium)" vitest_run e2e --config vitest.e2e.config.ts || true
  step "Firefox build" npm run --silent build:firefox &&
    step "end-to-end tests (Firefox)" vitest_run e2e-firefox --config vitest.e2e-firefox.config.ts || true
else
  failed_checks=$((failed_checks + 1))
fi

echo
printf '%s\n' "${summary[@]}"
node scripts/count-results.mjs "$failed_checks" "$ARTIFACTS"/unit.json "$ARTIFACTS"/e2e.json "$ARTIFACTS"/e2e-firefox.json
