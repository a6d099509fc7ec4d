#!/usr/bin/env bash
# Installs the third-party WebRTC peers the interop suite (tests/interop) talks to, on Debian 12, as root.
# Idempotent and quiet: prints nothing unless something fails, and skips whatever is already there.
#  - Debian's `whip-client` (simple-whip-client, GStreamer webrtcbin) with the plugins its pipelines use,
#    and gcc for the preload shim that ../shared/tools/whip-client/run.sh builds before starting it;
#  - Debian's `janus` (VideoRoom plugin + WebSockets/HTTP transports);
#  - Debian's `coturn` (`turnserver`), the TURN server of the relay-only browser tests;
#  - Meetecho's `simple-whip-server`: its .deb depends on Debian's nodejs, which cannot sit beside this
#    machine's Node, so the .deb is downloaded and unpacked into a cache and its Node deps (the versions
#    Debian 12 ships) come from the npm registry.
# Env: ONAIR_PEERS_DIR (default ~/.cache/onair-peers) — where simple-whip-server is unpacked.
set -euo pipefail

peers_dir="${ONAIR_PEERS_DIR:-$HOME/.cache/onair-peers}"
whip_server_dir="$peers_dir/simple-whip-server"
log="$(mktemp)"
work=""
trap 'rm -rf "$log" $work' EXIT

# Runs a step with its output kept aside; shows it only when the step fails.
quiet() {
  if ! "$@" >"$log" 2>&1; then
    echo "install-peers: failed: $*" >&2
    cat "$log" >&2
    exit 1
  fi
}

apt_packages=(
  simple-whip-client
  janus
  coturn
  gcc
  libc6-dev
  gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad
  gstreamer1.0-nice
)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
# scripts/bootstrap.sh sets ONAIR_APT_UPDATED once it has refreshed the package lists.
updated="${ONAIR_APT_UPDATED:+true}"
updated="${updated:-false}"
if ((${#missing[@]})); then
  [[ $updated == true ]] || quiet apt-get update
  updated=true
  quiet env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
# Debian's janus and coturn packages ship services (stock config, every interface); the tests start their own.
for service in janus coturn; do
  if command -v service >/dev/null && service "$service" status >/dev/null 2>&1; then
    quiet service "$service" stop
  fi
done

# Debian 12 ships these versions as node-* packages (the .deb's Depends); pinned so runs are repeatable.
whip_server_deps='{
  "name": "onair-simple-whip-server",
  "private": true,
  "description": "Node deps of Debian simple-whip-server 0.0~git20230201-1, unpacked by scripts/install-peers.sh",
  "dependencies": {
    "async": "3.2.4",
    "colors": "1.4.0",
    "cors": "2.8.5",
    "debug": "4.3.4",
    "express": "4.18.2",
    "websocket": "1.0.34"
  }
}'
if [[ ! -f $whip_server_dir/src/server.js || ! -f $whip_server_dir/src/whip-janus.js ]]; then
  work="$(mktemp -d)"
  # An old package list may name a .deb the mirror no longer has: refresh once and retry.
  if ! (cd "$work" && apt-get download simple-whip-server >/dev/null 2>&1); then
    [[ $updated == true ]] || quiet apt-get update
    (cd "$work" && quiet apt-get download simple-whip-server)
  fi
  quiet dpkg-deb -x "$work"/simple-whip-server_*.deb "$work/root"
  mkdir -p "$whip_server_dir"
  rm -rf "$whip_server_dir/src"
  # src/config.js is a symlink to /etc; the test harness writes its own config beside a copy of src/.
  cp -r "$work/root/usr/share/simple-whip-server/src" "$whip_server_dir/src"
  rm -f "$whip_server_dir/src/config.js"
  cp "$work/root/etc/simple-whip-server/config.js" "$whip_server_dir/config.example.js"
fi
if [[ ! -f $whip_server_dir/package.json ]] || [[ "$(cat "$whip_server_dir/package.json")" != "$whip_server_deps" ]]; then
  printf '%s' "$whip_server_deps" >"$whip_server_dir/package.json"
  rm -rf "$whip_server_dir/node_modules"
fi
if [[ ! -d $whip_server_dir/node_modules/express || ! -d $whip_server_dir/node_modules/websocket ]]; then
  # --ignore-scripts: websocket's native helpers are optional (prebuilt or pure-JS fallbacks).
  (cd "$whip_server_dir" && quiet npm install --omit=dev --ignore-scripts --no-package-lock \
    --no-audit --no-fund --loglevel=error)
fi
