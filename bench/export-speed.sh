#!/usr/bin/env bash
# Benchmark (not a test): seconds per 100 records for `scanctl export` in each format, measured side
# by side on the same workspace (best of $ROUNDS each), against a plain `cp` of the same record
# files as the floor.
#
# The workspace is filled by `scanctl run` with variants of the sample batch
# (samples/generate.py --variants N: 8 documents each), not timed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
VARIANTS=${VARIANTS:-13}   # x 8 documents

scripts/setup.sh python3-pil fonts-dejavu-core >&2
swift build -c release --product scanctl >&2
scanctl=$PWD/.build/release/scanctl
export OMP_THREAD_LIMIT=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 samples/generate.py --variants "$VARIANTS" --out "$work/scans" >&2
"$scanctl" run "$work/scans" --workspace "$work/ws" --quiet > /dev/null || true
records=$(ls "$work/ws/records" | wc -l)
echo "workspace: $records records" >&2

TIMEFORMAT=%R
best() {  # best wall time of $ROUNDS runs of "$@", each into a fresh folder
  local best=""
  for round in $(seq "$ROUNDS"); do
    rm -rf "$work/out"
    local seconds
    seconds=$( { time "$@" > /dev/null; } 2>&1 )
    best=$(awk -v a="$seconds" -v b="${best:-$seconds}" 'BEGIN { print (a < b ? a : b) }')
  done
  echo "$best"
}
floor=$(best sh -c "mkdir -p '$work/out' && cp -r '$work/ws/records/.' '$work/out/'")
for target in json d3 xdomea; do
  seconds=$(best "$scanctl" export --target "$target" --state all --out "$work/out" --workspace "$work/ws")
  awk -v t="$target" -v s="$seconds" -v n="$records" -v f="$floor" \
    'BEGIN { printf "%-7s %6.2f s per 100 records (%d records in %.2f s; %.1f x a plain copy of the files)\n", t, s * 100 / n, n, s, s / f }'
done
