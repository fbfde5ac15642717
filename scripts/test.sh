#!/usr/bin/env bash
# Sets up everything and runs the tests. Corpus tests use ../shared/corpus (or $SCANCTL_CORPUS)
# and are skipped, with the reason shown, when it is absent. Then the real-browser tests of
# `scanctl serve` (scripts/browser-test.sh: headless Chromium, Selenium and axe-core from PyPI,
# the server on loopback, stopped after) and the service tests (scripts/service-test.sh: watch and
# serve against a local SMTP sink), unless arguments narrow the Swift tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium: a test renders the HTML report to a PNG headless, as scripts/render-report.sh does;
# chromium-driver and python3-venv: the browser tests.
scripts/setup.sh chromium chromium-driver python3-venv python3-pip
# One OpenMP thread per Tesseract engine: several engines with default OpenMP threads run 5x slower.
export OMP_THREAD_LIMIT=1
swift test "$@"
if (($# == 0)); then
  scripts/browser-test.sh .build/debug/scanctl
  # scanctl watch and serve as services: a local SMTP sink (aiosmtpd), /healthz, /metrics, SIGTERM.
  scripts/service-test.sh .build/debug/scanctl
fi
