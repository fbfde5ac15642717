#!/usr/bin/env bash
# Benchmark (not a test): a shared workspace (PostgreSQL + a store folder) with `scanctl worker`
# processes standing for hosts, each with one job and its own scratch folder, on this machine.
#
# 1. Scaling: the same batch with 1, 2, 4 and 8 workers whose recognition is simulated
#    (`--simulate-ocr $PAGE_SECONDS`: each page decoded and written as the engine would, then a
#    wait as long as Tesseract takes on a page), so that what is measured is the queue, the
#    leases, the commits and the records, not the two cores. Printed: seconds and pages/s per
#    worker count, and the speed-up against one worker.
# 2. Real Tesseract: 2 workers x 1 job against 1 worker x 1 job on the same pages, side by side.
# 3. The database's share of page time: the time the workers spent in PostgreSQL (commits, audit
#    appends, claims, renewals) per page, against the page time, from the workers' own summaries.
# ONLY_REAL=1 runs part 2 (and 3) alone, ONLY_SCALING=1 part 1 alone.
# A PostgreSQL server is started for it (scripts/postgres.sh) unless SCANCTL_TEST_POSTGRES is set.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGE_SECONDS=${PAGE_SECONDS:-1.5}
DOCUMENTS=${DOCUMENTS:-16}     # x PAGES pages each, for the scaling runs
PAGES=${PAGES:-4}
REAL_VARIANTS=${REAL_VARIANTS:-4}  # x 11 pages of the sample batch, for the Tesseract runs

scripts/setup.sh imagemagick postgresql-15 postgresql-client-15 >&2
swift build -c release --product scanctl >&2
scanctl=$PWD/.build/release/scanctl
export OMP_THREAD_LIMIT=1

work=$(mktemp -d)
started_server=
cleanup() {
  if [ -n "$started_server" ]; then SCANCTL_PG_STATE="$work/pg.env" scripts/postgres.sh stop >&2 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ -z "${SCANCTL_TEST_POSTGRES:-}" ]; then
  SCANCTL_PG_STATE="$work/pg.env" scripts/postgres.sh start >&2
  started_server=1
  eval "$(SCANCTL_PG_STATE="$work/pg.env" scripts/postgres.sh env)"
fi
psql_bin="${SCANCTL_TEST_PG_BIN:-/usr/lib/postgresql/15/bin}/psql"
base_url=${SCANCTL_TEST_POSTGRES%/*}

# Multi-page TIFFs of distinct small pages (each file its own SHA-256).
mkdir -p "$work/batch"
for d in $(seq "$DOCUMENTS"); do
  frames=()
  for p in $(seq "$PAGES"); do
    convert -size 827x1169 xc:white -density 100 -units PixelsPerInch -fill black \
      -draw "rectangle $((40 + d * 7)),$((60 + p * 40)) $((500 + d * 3)),$((90 + p * 40))" \
      -draw "rectangle 60,$((400 + d * 11)) 700,$((420 + d * 11))" -depth 8 -colorspace Gray "$work/p-$d-$p.png"
    frames+=("$work/p-$d-$p.png")
  done
  convert "${frames[@]}" -compress Group4 -monochrome "$work/batch/akte-$(printf %03d "$d").tif"
done
rm -f "$work"/p-*.png
total_pages=$((DOCUMENTS * PAGES))

fresh() {  # a new database and store; prints "url store"
  local name="bench_$(date +%s%N)"
  "$psql_bin" -X -q -d "$SCANCTL_TEST_POSTGRES" -c "CREATE DATABASE $name" >&2
  rm -rf "$work/store"; mkdir -p "$work/store"
  echo "$base_url/$name"
}

# Runs $1 workers on the batch (further arguments go to each worker); prints the wall seconds and
# writes each worker's JSON summary to $work/summary-N.json.
workers() {
  local count=$1; shift
  local url; url=$(fresh)
  "$scanctl" run "$work/batch" --database "$url" --store "$work/store" --enqueue-only --quiet >&2
  local start end pids=()
  start=$(date +%s.%N)
  for n in $(seq "$count"); do
    "$scanctl" worker --database "$url" --store "$work/store" --scratch "$work/scratch-$n" --name "bench-$n" \
      --jobs 1 --until-idle --poll 0.2 --json "$@" > "$work/summary-$n.json" 2>"$work/worker-$n.log" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || { cat "$work"/worker-*.log >&2; exit 1; }; done
  end=$(date +%s.%N)
  local unsettled
  unsettled=$("$psql_bin" -X -A -t -d "$url" -c "SELECT COUNT(*) FROM document WHERE state NOT IN ('filed','needs-review','quarantined')")
  [ "$unsettled" = 0 ] || { echo "workers left $unsettled documents unsettled" >&2; exit 1; }
  "$scanctl" audit verify --database "$url" --store "$work/store" >/dev/null || { echo "audit verify failed" >&2; exit 1; }
  python3 -c "print(f'{float(\"$end\") - float(\"$start\"):.2f}')"
}

if [ -z "${ONLY_REAL:-}" ]; then
echo "Scaling with simulated recognition ($PAGE_SECONDS s per page, $DOCUMENTS documents x $PAGES pages = $total_pages pages):"
declare -A seconds
for count in 1 2 4 8; do
  seconds[$count]=$(workers "$count" --simulate-ocr "$PAGE_SECONDS")
  python3 - "$count" "${seconds[$count]}" "${seconds[1]}" "$total_pages" "$work" <<'PY'
import json, sys, glob
count, secs, one, pages, work = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
db = sum(json.load(open(f)).get("databaseSeconds", 0) for f in glob.glob(f"{work}/summary-*.json"))
print(f"  {count} worker(s): {secs:7.2f} s, {pages / secs:5.2f} pages/s, speed-up {one / secs:4.2f}x; "
      f"database {db / pages * 1000:6.1f} ms per page")
PY
done
python3 - "${seconds[1]}" "${seconds[8]}" <<'PY'
import sys
one, eight = map(float, sys.argv[1:])
print(f"  8 workers against 1: {one / eight:.2f}x (target >= 7x)")
PY
fi
[ -n "${ONLY_SCALING:-}" ] && exit 0

echo
echo "Real Tesseract on the sample batch ($REAL_VARIANTS x 11 pages), 2 workers x 1 job against 1 worker x 1 job:"
rm -rf "$work/batch"
/usr/bin/python3 samples/generate.py --variants "$REAL_VARIANTS" --out "$work/batch" >&2
real_pages=$((REAL_VARIANTS * 11))
one=$(workers 1)
db_one=$(python3 -c "import json,glob; print(sum(json.load(open(f)).get('databaseSeconds',0) for f in glob.glob('$work/summary-*.json')))")
head_one=$(python3 -c "import json,glob; print(sum(json.load(open(f)).get('headFileSeconds',0) for f in glob.glob('$work/summary-*.json')))")
rm -f "$work"/summary-*.json
two=$(workers 2)
python3 - "$one" "$two" "$db_one" "$real_pages" "$head_one" <<'PY'
import sys
one, two, db, pages, head = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
print(f"  1 worker: {one:.2f} s, 2 workers: {two:.2f} s: {one / two:.2f}x (target >= 1.8x)")
page = one / pages
print(f"  database time per page (its commits, reads and audit appends under the lease) {db / pages * 1000:.1f} ms "
      f"of {page * 1000:.0f} ms page time: {db / one * 100:.2f} % (target < 2 %)")
print(f"  and writing the audit head file after each commit that appended: {head / pages * 1000:.1f} ms per page, {head / one * 100:.2f} %")
PY
