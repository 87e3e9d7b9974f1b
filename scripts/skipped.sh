#!/usr/bin/env bash
# Names, loudly, the suites listed in the file $1 (written by storetest.SkipSuite through
# VELOCITY_SKIPPED_FILE) that did not run on this machine; prints nothing when none.
set -uo pipefail
[ -s "${1:-}" ] || exit 0
echo
echo "########################################################################"
echo "# WARNING: these suites did NOT run on this machine:"
sort -u "$1" | sed 's/^/#   /'
echo "# 'make test-deps' installs and starts what they need; CI runs them all."
echo "########################################################################"
