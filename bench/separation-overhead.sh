#!/usr/bin/env bash
# Benchmark (not a test): what separation (reading barcodes and QR codes on every page with zbar,
# splitting at separator sheets) adds to `scanctl run`: the same pages with and without
# --no-separation, alternately, best of $ROUNDS each, as a percentage (target < 5 %).
# Pages: variants of the sample batch plus the mailroom stack (samples/mailroom), which has
# separator sheets to split at.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
VARIANTS=${VARIANTS:-2}   # x 11 pages

scripts/setup.sh python3-pil fonts-dejavu-core time >&2
swift build -c release --product scanctl >&2
scanctl=$PWD/.build/release/scanctl
export OMP_THREAD_LIMIT=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 samples/generate.py --variants "$VARIANTS" --out "$work/scans" >&2
cp samples/mailroom/posteingang-stapel.tif "$work/scans/"
pages=$((VARIANTS * 11 + 9))

seconds() {  # wall seconds of one run into a fresh workspace
  rm -rf "$work/ws"
  /usr/bin/time -f "%e" -o "$work/time" "$scanctl" run "$work/scans" --workspace "$work/ws" --jobs 2 --quiet "$@" \
    >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/time"
}

with=(); without=()
for round in $(seq "$ROUNDS"); do
  a=$(seconds); b=$(seconds --no-separation)
  echo "round $round: with separation ${a}s, without ${b}s" >&2
  with+=("$a"); without+=("$b")
done
python3 - "$pages" "${with[*]}" "${without[*]}" <<'PY'
import sys
pages, with_, without = int(sys.argv[1]), min(map(float, sys.argv[2].split())), min(map(float, sys.argv[3].split()))
print(f"pages: {pages} (sample batch variants and the mailroom stack)")
print(f"scanctl run with separation:     {with_:6.2f} s  {pages / with_:5.2f} pages/s")
print(f"scanctl run --no-separation:     {without:6.2f} s  {pages / without:5.2f} pages/s")
print(f"separation adds {100 * (with_ - without) / without:+.1f} % to the run time (target < 5 %)")
PY
