#!/usr/bin/env bash
# Sets up everything and runs the tests. Corpus tests use ../shared/corpus (or $SCANCTL_CORPUS)
# and are skipped, with the reason shown, when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium: a test renders the HTML report to a PNG headless, as scripts/render-report.sh does.
scripts/setup.sh chromium
# One OpenMP thread per Tesseract engine: several engines with default OpenMP threads run 5x slower.
export OMP_THREAD_LIMIT=1
swift test "$@"
