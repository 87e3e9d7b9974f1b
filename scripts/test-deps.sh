#!/usr/bin/env bash
# Makes sure what the test suite needs is here: Debian's chromium for the browser tests,
# a running local PostgreSQL for the PostgreSQL store tests, and the widget's npm packages
# for the bundle freshness check. Safe to run again; does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "test-deps: installing Debian's chromium for the browser tests"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

if command -v pg_lsclusters >/dev/null 2>&1; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters --no-header | awk '$4 == "online"' | grep -q .; then
    echo "test-deps: starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p 5432 || { echo "test-deps: PostgreSQL does not answer on 127.0.0.1:5432"; exit 1; }
else
  echo "test-deps: no PostgreSQL installed; the PostgreSQL tests need one at 127.0.0.1:5432 (database test, trust auth)"
  [ -z "${CI:-}" ] || exit 1
fi

if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  echo "test-deps: installing the widget's npm packages"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
