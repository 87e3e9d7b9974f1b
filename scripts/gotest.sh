#!/usr/bin/env bash
# Runs `go test` with the given arguments, then names, loudly, every suite that was skipped
# because this machine lacks what it needs (PostgreSQL, Chromium); see storetest.SkipSuite.
# Under CI such a suite fails instead of skipping. When VELOCITY_SKIPPED_FILE is already
# set (make test gathers the skips of all its steps and names them at the very end), the
# skips are added to that file and left for the caller to report.
set -uo pipefail
cd "$(dirname "$0")/.."
own=""
if [ -z "${VELOCITY_SKIPPED_FILE:-}" ]; then
  own=$(mktemp)
  trap 'rm -f "$own"' EXIT
  export VELOCITY_SKIPPED_FILE=$own
fi
${GO:-go} test "$@"
rc=$?
if [ -n "$own" ]; then
  ./scripts/skipped.sh "$own"
fi
exit $rc
