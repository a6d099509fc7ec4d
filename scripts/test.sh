#!/usr/bin/env bash
# `npm test`: install what the tests need, then type-check, lint and run every suite.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# If installing fails, CI still gets its summary line.
trap 'rc=$?; if [[ $rc != 0 ]]; then echo "0 passed, 1 failed"; fi' EXIT
source "$here/bootstrap.sh" --tests
trap - EXIT
exec node "$here/test.mjs" "$@"
