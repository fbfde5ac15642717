#!/usr/bin/env bash
# Sets up everything and runs scanctl's main job on the shipped defaults: the sample mailroom batch
# (samples/batch, one letter per file, and samples/mailroom, a scanned stack of post with Patch T
# separator sheets) against the shipped file plan, into the workspace demo-output/workspace, and
# shows what came out.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product scanctl
workspace=demo-output/workspace
rm -rf "$workspace"
mkdir -p demo-output
status=0
.build/release/scanctl run samples/batch samples/mailroom/posteingang-stapel.tif --workspace "$workspace" --operator "${USER:-demo}" --profile posteingang || status=$?
echo
.build/release/scanctl audit verify --workspace "$workspace"
.build/release/scanctl report --workspace "$workspace" --out demo-output/report.html
echo
echo "The review queue (scanctl review --help explains how to work through it):"
.build/release/scanctl review list --workspace "$workspace"
echo
echo "Each record is a folder in $workspace/records/: document.pdf (PDF/A-2b: the scan with its text layer) and metadata.json."
echo "Audit trail: .build/release/scanctl audit log --workspace $workspace"
echo "Report: demo-output/report.html (open in a browser; scripts/render-report.sh makes a PNG of it)"
exit "$status"
