#!/usr/bin/env bash
# Benchmark (not a test): scanctl watch on an idle hot folder, side by side in one run:
#   - processing time of a single-page letter: `scanctl run LETTER` on a fresh workspace (its summary's seconds)
#   - latency of the same letter through an idle watcher: from the moment the file is complete in the
#     inbox to its record (the file moved to done/), with --settle-seconds S and --quiet-seconds S
#   - the watcher's CPU use while idle for IDLE seconds (utime + stime from /proc, % of one core)
# Targets: latency < 1.5 x processing time (plus the settle time the operator chose); idle CPU < 1 %.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-release}
SETTLE=${SETTLE:-1}
IDLE=${IDLE:-30}
REPEAT=${REPEAT:-3}
scripts/setup.sh >&2
swift build -c "$CONFIG" --product scanctl >&2
scanctl=$PWD/.build/$CONFIG/scanctl
export OMP_THREAD_LIMIT=1
work=$(mktemp -d)
watcher=
trap '[ -n "$watcher" ] && kill "$watcher" 2>/dev/null; rm -rf "$work"' EXIT
letters=(samples/batch/08-strassenschaden.png samples/batch/03-hundesteuer-abmeldung.jpg samples/batch/02-widerspruch-abfallgebuehren.png)

processing=()
for i in $(seq 0 $((REPEAT - 1))); do
  seconds=$("$scanctl" run "${letters[$i]}" --workspace "$work/run-$i" --jobs 1 --json --quiet | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["seconds"])')
  processing+=("$seconds")
done

mkdir -p "$work/eingang"
"$scanctl" watch "$work/eingang" --workspace "$work/ws" --settle-seconds "$SETTLE" --quiet-seconds "$SETTLE" --poll-seconds 0.2 \
  --jobs 1 --no-listen >"$work/watch.log" 2>&1 &
watcher=$!
sleep 3
latencies=()
for i in $(seq 0 $((REPEAT - 1))); do
  name=$(basename "${letters[$i]}")
  cp "${letters[$i]}" "$work/eingang/.$name.tmp" && mv "$work/eingang/.$name.tmp" "$work/eingang/$name"   # complete at once
  start=$(date +%s.%N)
  while [ -e "$work/eingang/$name" ]; do sleep 0.05; done
  latencies+=("$(echo "$(date +%s.%N) - $start" | bc)")
  sleep 1
done

ticks() { awk '{print $14 + $15}' "/proc/$watcher/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks); sleep "$IDLE"; after=$(ticks)

python3 - "$SETTLE" "$hz" "$before" "$after" "$IDLE" "${processing[*]}" "${latencies[*]}" <<'PY'
import statistics, sys
settle, hz, before, after, idle = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
processing = [float(x) for x in sys.argv[6].split()]
latency = [float(x) for x in sys.argv[7].split()]
p, l = statistics.median(processing), statistics.median(latency)
cpu = (after - before) / hz / idle * 100
print(f"processing (scanctl run, one page): median {p:.2f} s  {processing}")
print(f"watch latency (complete file -> record): median {l:.2f} s  {latency}")
print(f"latency / processing: {l / p:.2f}x; without the settle time ({settle:.0f} s): {(l - settle) / p:.2f}x  (target < 1.5x)")
print(f"idle CPU over {idle:.0f} s: {cpu:.2f} % of one core  (target < 1 %)")
PY
