#!/usr/bin/env bash
# Benchmark (not a test): how long `scanctl train` takes on 2,000 labelled documents (target: under
# 20 s, so that a model can be retrained after every review session), best of $ROUNDS; and how long
# classifying one document takes (target: under 20 ms), from `scanctl eval --adapt 0` on the corpus.
#
# The 2,000 documents are ../shared/corpus/classify-dev (511) taken four times, every other copy with
# its lines in reverse order, all with their own ids; the towns stay as they are (calibration holds
# out one town at a time). TARGET=N takes another number; pass another corpus folder as $1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
TARGET=${TARGET:-2000}
source_corpus=${1:-../shared/corpus/classify-dev}
[ -f "$source_corpus/labels.csv" ] || { echo "no corpus at $source_corpus (see ../shared/corpus/README.md)" >&2; exit 1; }

scripts/setup.sh >&2
swift build -c release --product scanctl >&2
scanctl=$PWD/.build/release/scanctl

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$source_corpus" "$work/corpus" "$TARGET" <<'PY'
import csv, os, sys
source, target, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(f"{target}/docs")
rows = list(csv.DictReader(open(f"{source}/labels.csv", newline="", encoding="utf-8")))
out = []
copy = 0
while len(out) < wanted:
    for row in rows:
        if len(out) == wanted: break
        text = open(f"{source}/docs/{row['id']}.txt", encoding="utf-8").read()
        if copy % 2 == 1: text = "\n".join(reversed(text.splitlines()))
        new = dict(row, id=f"{row['id']}-{copy}")
        open(f"{target}/docs/{new['id']}.txt", "w", encoding="utf-8").write(text)
        out.append(new)
    copy += 1
writer = csv.DictWriter(open(f"{target}/labels.csv", "w", newline="", encoding="utf-8"), fieldnames=rows[0].keys())
writer.writeheader()
writer.writerows(out)
PY

best=""
TIMEFORMAT=%R
for round in $(seq "$ROUNDS"); do
  rm -rf "$work/ws"
  seconds=$( { time "$scanctl" train --corpus "$work/corpus" --workspace "$work/ws" --json > "$work/train.json"; } 2>&1 )
  echo "round $round: $seconds s  ($(grep -o '"model" *: *"[^"]*"' "$work/train.json"))" >&2
  best=$(awk -v a="$seconds" -v b="${best:-$seconds}" 'BEGIN { print (a < b ? a : b) }')
done
documents=$(($(wc -l < "$work/corpus/labels.csv") - 1))
printf 'scanctl train: %d documents in %s s (best of %d, %d cores); target < 20 s\n' "$documents" "$best" "$ROUNDS" "$(nproc)"
"$scanctl" eval --corpus "$source_corpus" --split-by municipality --adapt 0 | grep '^classification:' \
  | sed 's/^/scanctl eval, one document: /; s/$/; target < 20 ms/'
