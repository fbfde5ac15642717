#!/usr/bin/env bash
# Benchmark (not a test): pages/s of `scanctl run` (ingest, orientation, deskew, OCR, classification,
# PDF/A-2b records, audit) against `ocrmypdf -l deu --jobs 2 --output-type pdfa` (PDF/A-2b by
# Ghostscript, its default; OCRMYPDF_OUTPUT=pdf for plain PDF) on the same pages, side by side
# in one run (alternating, best of $ROUNDS each), printed as a ratio; and scanctl's peak RSS for a
# batch of ~44 pages and one of ~209 pages, which should not grow with the batch.
# BASELINE=/path/to/another/scanctl runs that build too in every round, on the same pages, and
# prints its time against this one's (a change's before and after, side by side).
#
# The batches are variants of the sample batch (samples/generate.py --variants): the same letters
# with other dust, noise and skew, so that every file has its own SHA-256. ocrmypdf gets the same
# pages as PDFs (made with img2pdf, not timed), once as one PDF of all pages (its best case: it
# parallelises over pages) and once one PDF per document (as a mailroom would feed it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
OUTPUT=${OCRMYPDF_OUTPUT:-pdfa}
SMALL=${SMALL_VARIANTS:-4}    # x 11 pages
LARGE=${LARGE_VARIANTS:-19}   # x 11 pages

scripts/setup.sh ocrmypdf python3-pil python3-img2pdf fonts-dejavu-core time >&2
swift build -c release --product scanctl >&2
scanctl=$PWD/.build/release/scanctl
export OMP_THREAD_LIMIT=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 samples/generate.py --variants "$SMALL" --out "$work/small" >&2
pages=$((SMALL * 11))

mkdir -p "$work/pdf"
for file in "$work"/small/*; do
  name=$(basename "${file%.*}")
  case "$file" in
    *.pdf) cp "$file" "$work/pdf/$name.pdf" ;;
    *) /usr/bin/python3 -c 'import img2pdf, sys; open(sys.argv[2], "wb").write(img2pdf.convert(sys.argv[1]))' \
         "$file" "$work/pdf/$name.pdf" >/dev/null ;;
  esac
done
pdfunite "$work"/pdf/*.pdf "$work/all.pdf"
[ "$(pdfinfo "$work/all.pdf" | awk '/^Pages:/ {print $2}')" -eq "$pages" ] || { echo "page count mismatch" >&2; exit 1; }

measure() {  # prints "seconds max_rss_kb" of a command; fails the benchmark if the command fails
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/time"
}
run_scanctl() { rm -rf "$work/ws"; measure "$scanctl" run "$work/small" --workspace "$work/ws" --jobs 2 --quiet; }
run_baseline() { rm -rf "$work/wsb"; measure "$BASELINE" run "$work/small" --workspace "$work/wsb" --jobs 2 --quiet; }
run_ocrmypdf_all() { measure ocrmypdf -q -l deu --jobs 2 --output-type "$OUTPUT" "$work/all.pdf" "$work/out.pdf"; }
run_ocrmypdf_each() {
  measure bash -c 'for f in "$1"/pdf/*.pdf; do ocrmypdf -q -l deu --jobs 2 --output-type "$2" "$f" "$1/one.pdf" || exit 1; done' \
    _ "$work" "$OUTPUT"
}

best() { python3 -c "import sys; print(min(map(float, sys.argv[1:])))" "$@"; }
s_times=(); a_times=(); e_times=(); b_times=(); rss_small=0
for round in $(seq "$ROUNDS"); do
  read -r s rss < <(run_scanctl)
  if [ -n "${BASELINE:-}" ]; then
    read -r b _ < <(run_baseline)
    echo "round $round: baseline $BASELINE ${b}s" >&2
    b_times+=("$b")
  fi
  read -r a _ < <(run_ocrmypdf_all)
  read -r e _ < <(run_ocrmypdf_each)
  echo "round $round: scanctl run ${s}s, ocrmypdf (one PDF) ${a}s, ocrmypdf (per document) ${e}s" >&2
  s_times+=("$s"); a_times+=("$a"); e_times+=("$e")
  rss_small=$(( rss > rss_small ? rss : rss_small ))
done

/usr/bin/python3 samples/generate.py --variants "$LARGE" --out "$work/large" >&2
rm -rf "$work/ws"
read -r large_seconds rss_large < <(measure "$scanctl" run "$work/large" --workspace "$work/ws" --jobs 2 --quiet)

OUTPUT=$OUTPUT python3 - "$pages" "$(best "${s_times[@]}")" "$(best "${a_times[@]}")" "$(best "${e_times[@]}")" "$rss_small" \
          "$((LARGE * 11))" "$large_seconds" "$rss_large" <<'PY'
import os, sys
output = os.environ["OUTPUT"]
pages, s, a, e, rss_small, large_pages, large_s, rss_large = sys.argv[1:]
pages, large_pages = int(pages), int(large_pages)
s, a, e, large_s = map(float, (s, a, e, large_s))
print(f"pages: {pages} ({pages // 11} x the 8-letter sample batch, variants)")
print(f"scanctl run --jobs 2 (PDF/A-2b records):  {s:7.2f} s  {pages / s:5.2f} pages/s  (orientation, deskew, OCR, classification, records, audit)")
print(f"ocrmypdf --jobs 2 --output-type {output}, one PDF of all pages:  {a:7.2f} s  {pages / a:5.2f} pages/s")
print(f"ocrmypdf --jobs 2 --output-type {output}, one PDF per document:  {e:7.2f} s  {pages / e:5.2f} pages/s")
print(f"ratio scanctl / ocrmypdf (pages/s): {a / s:.2f} against one PDF, {e / s:.2f} per document   (target >= 1.2)")
print(f"peak RSS of scanctl run: {int(rss_small) / 1024:.0f} MB for {pages} pages, {int(rss_large) / 1024:.0f} MB for {large_pages} pages ({large_pages / large_s:.2f} pages/s)")
PY
if [ -n "${BASELINE:-}" ]; then
  python3 -c 'import sys; s, b = map(float, sys.argv[1:]); print(f"baseline build: {b:7.2f} s, this build: {s:7.2f} s; ratio this / baseline (seconds): {s / b:.3f}")' \
    "$(best "${s_times[@]}")" "$(best "${b_times[@]}")"
fi
