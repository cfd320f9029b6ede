#!/usr/bin/env bash
# The main job: build Adlens, start the Meta simulator and run the extension in Chromium against it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-tools.sh
ensure_demo_fonts
npm run --silent build
npx tsx tests/demo/run.ts
