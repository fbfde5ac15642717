#!/usr/bin/env bash
# Sets up everything and runs the tests. Corpus tests use ../shared/corpus (or $SCANCTL_CORPUS)
# and are skipped, with the reason shown, when it is absent. Then the real-browser tests of
# `scanctl serve` (scripts/browser-test.sh: headless Chromium, Selenium and axe-core from PyPI,
# the server on loopback, stopped after) and the service tests (scripts/service-test.sh: watch and
# serve against a local SMTP sink), unless arguments narrow the Swift tests. The Swift tests get a
# throwaway PostgreSQL server (scripts/postgres.sh); PostgreSQL tests are skipped without it.
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium: a test renders the HTML report to a PNG headless, as scripts/render-report.sh does;
# chromium-driver and python3-venv: the browser tests.
scripts/setup.sh chromium chromium-driver python3-venv python3-pip
# One OpenMP thread per Tesseract engine: several engines with default OpenMP threads run 5x slower.
export OMP_THREAD_LIMIT=1

# A throwaway PostgreSQL server for the tests (scripts/postgres.sh), stopped and removed on every
# exit; its SCANCTL_TEST_* variables tell the tests where it is (Tests/TestSupport/PostgresTestServer.swift).
# Without it the PostgreSQL tests are skipped, the others still run.
stop_postgres() {
  local status=$?
  scripts/postgres.sh stop || true
  exit "$status"
}
pg_skip=""
if ! scripts/setup.sh postgresql-15 postgresql-client-15; then
  pg_skip="installing postgresql-15 failed"
elif [ ! -x /usr/lib/postgresql/15/bin/pg_ctl ] && ! command -v pg_ctl >/dev/null; then
  pg_skip="no pg_ctl (/usr/lib/postgresql/15/bin or PATH)"
else
  trap stop_postgres EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if scripts/postgres.sh start; then
    eval "$(scripts/postgres.sh env)"
  else
    pg_skip="the server did not start (see above)"
  fi
fi
if [ -n "$pg_skip" ]; then echo "PostgreSQL tests skipped: $pg_skip" >&2; fi

if (($# == 0)); then
  # The shared-workspace suites on their own, one test at a time: they kill, freeze and cut off
  # worker processes and stop the database server itself, which must not land in the middle of the
  # other suites' PostgreSQL tests (nor those wait behind the OCR suites' load).
  shared='Postgres|SharedWorkspace|WorkspaceMigration'
  swift test --skip "$shared"
  swift test --skip-build --no-parallel --filter "$shared"
else
  swift test "$@"
fi
scripts/postgres.sh stop
if (($# == 0)); then
  scripts/browser-test.sh .build/debug/scanctl
  # scanctl watch and serve as services: a local SMTP sink (aiosmtpd), /healthz, /metrics, SIGTERM.
  scripts/service-test.sh .build/debug/scanctl
fi
