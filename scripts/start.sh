#!/usr/bin/env bash
# `npm start`: install, build the packages, then run the local server and the demo together.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/bootstrap.sh"
log "building packages"
pnpm --silent run build >/dev/null
exec node "$here/dev.mjs" "$@"
