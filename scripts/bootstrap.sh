#!/usr/bin/env bash
# Installs what onair needs on a machine that has only Node 20 + npm (and apt for the test extras).
# Sourced by start.sh and test.sh: it exports PATH/env for the caller.
#   bootstrap.sh            pnpm 12.4.2 + workspace dependencies
#   bootstrap.sh --tests    also Debian's Chromium and Firefox ESR, and the interop peers
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION=12.4.2

export NEXT_TELEMETRY_DISABLED=1 STORYBOOK_DISABLE_TELEMETRY=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# node-gyp (better-sqlite3) must build against the machine's Node headers: nothing may be downloaded.
if [[ -z ${npm_config_nodedir:-} && -f /usr/include/node/node.h ]]; then export npm_config_nodedir=/usr; fi

log() { printf '\033[1m[onair]\033[0m %s\n' "$*"; }

ensure_pnpm() {
  if [[ "$(pnpm --version 2>/dev/null || true)" == "$PNPM_VERSION" ]]; then return; fi
  local prefix="${XDG_CACHE_HOME:-$HOME/.cache}/onair/pnpm-$PNPM_VERSION"
  if [[ ! -x $prefix/node_modules/.bin/pnpm ]]; then
    log "installing pnpm $PNPM_VERSION into $prefix"
    npm install --silent --no-save --no-package-lock --prefix "$prefix" "pnpm@$PNPM_VERSION" >/dev/null
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
}

# Debian's package for a browser the tests drive headless, unless its binary is already there.
ensure_browser() {
  local path=$1 package=$2 variable=$3
  if [[ -x $path ]]; then return; fi
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing Debian's $package (tests drive it headless)"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    echo "$package is missing at $path. Install Debian's package: sudo apt-get install -y $package" >&2
    echo "(or point $variable at its binary)" >&2
    exit 1
  fi
}

apt_update_once() {
  if [[ -z ${ONAIR_APT_UPDATED:-} ]]; then apt-get update -qq >/dev/null; export ONAIR_APT_UPDATED=1; fi
}

ensure_pnpm
cd "$repo"
log "installing workspace dependencies"
pnpm install --frozen-lockfile --reporter=silent
if [[ ${1:-} == --tests ]]; then
  ensure_browser "${CHROMIUM_PATH:-/usr/bin/chromium}" chromium CHROMIUM_PATH
  ensure_browser "${FIREFOX_PATH:-/usr/bin/firefox-esr}" firefox-esr FIREFOX_PATH
  if [[ -x $repo/scripts/install-peers.sh ]]; then
    apt_update_once
    bash "$repo/scripts/install-peers.sh"
  fi
fi
