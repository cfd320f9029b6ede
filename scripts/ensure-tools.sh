#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh machine: Debian's Chromium and the locked
# npm dependencies. Sourced by scripts/test-all.sh and scripts/demo.sh; a no-op when all is there.
set -euo pipefail

apt_updated=""
apt_get() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -z "$apt_updated" ]; then
    $sudo apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "$@"
}

ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return
  echo "==> Installing Debian's chromium (apt-get)"
  apt_get install -y -qq chromium >/dev/null
}

# The Firefox lane: Debian's firefox-esr, and certutil (libnss3-tools) to trust the simulator's
# certificate in a fresh profile. Only the test command calls this; the demo runs in Chromium.
ensure_firefox() {
  [ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] && command -v certutil >/dev/null && return
  echo "==> Installing Debian's firefox-esr and libnss3-tools (apt-get)"
  apt_get install -y -qq firefox-esr libnss3-tools >/dev/null
}

# Fonts for the demo's screenshots: entity names hold CJK text and emoji by design, and Debian's
# minimal images have no glyphs for them. Only the demo calls this; tests assert on text, not pixels.
ensure_demo_fonts() {
  dpkg -s fonts-noto-cjk fonts-noto-color-emoji >/dev/null 2>&1 && return
  echo "==> Installing fonts for the screenshots (apt-get)"
  apt_get install -y -qq fonts-noto-cjk fonts-noto-color-emoji >/dev/null
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
