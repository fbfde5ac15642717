#!/usr/bin/env bash
# Sets up everything and runs scanctl on the shipped sample batch (samples/batch), showing the result.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product scanctl
mkdir -p demo-output
# Text on standard output (kept in demo-output/), progress and warnings on standard error.
.build/release/scanctl ocr samples/batch/* | tee demo-output/samples.txt
echo
echo "The recognised text is in demo-output/samples.txt."
echo "Words, boxes, confidences and page corrections: .build/release/scanctl ocr samples/batch/* --format json"
