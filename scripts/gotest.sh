#!/usr/bin/env bash
# Runs `go test` with the given arguments, then names, loudly, every suite that was skipped
# because this machine lacks what it needs (PostgreSQL, Chromium); see storetest.SkipSuite.
# Under CI such a suite fails instead of skipping.
set -uo pipefail
cd "$(dirname "$0")/.."
skipped=$(mktemp)
trap 'rm -f "$skipped"' EXIT
VELOCITY_SKIPPED_FILE=$skipped ${GO:-go} test "$@"
rc=$?
if [ -s "$skipped" ]; then
  echo
  echo "########################################################################"
  echo "# WARNING: these suites did NOT run on this machine:"
  sort -u "$skipped" | sed 's/^/#   /'
  echo "# 'make test-deps' installs and starts what they need; CI runs them all."
  echo "########################################################################"
fi
exit $rc
