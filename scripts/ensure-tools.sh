#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh machine: Debian's Chromium and the locked
# npm dependencies. Sourced by scripts/test-all.sh and scripts/demo.sh; a no-op when all is there.
set -euo pipefail

ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return
  echo "==> Installing Debian's chromium (apt-get)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

ensure_node_modules() {
  # npm ci when node_modules is missing or older than the lockfile.
  if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
    return
  fi
  echo "==> npm ci"
  npm ci --no-audit --no-fund
}

ensure_chromium
ensure_node_modules
