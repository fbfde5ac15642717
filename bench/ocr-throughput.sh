#!/usr/bin/env bash
# Benchmark (not a test): pages/s of `scanctl ocr --jobs 2` against two parallel `tesseract` CLI
# processes with OMP_THREAD_LIMIT=1 on the same single-page files, measured side by side in one run
# (alternating, best of $ROUNDS each), printed as a ratio; engine start-up cost; peak RSS.
#
# Pages: every page of samples/batch, plus pages from ../shared/corpus when present, as single-page
# files so that the CLI starts once per page, as a script driving it would.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
MIN_PAGES=${MIN_PAGES:-24}
corpus=${SCANCTL_CORPUS:-../shared/corpus}

scripts/setup.sh tesseract-ocr libtiff-tools time >&2
swift build -c release --product scanctl >&2
scanctl=.build/release/scanctl
export OMP_THREAD_LIMIT=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pages"
n=0
add_pages() {  # split any input into single-page files in $work/pages
  local file=$1 stem
  stem=$(printf '%03d' "$n")-$(basename "${file%.*}")
  case "$file" in
    *.tif|*.tiff) tiffsplit "$file" "$work/pages/$stem-" >/dev/null ;;
    *.pdf) pdftoppm -r 300 -gray -png "$file" "$work/pages/$stem" ;;
    *) cp "$file" "$work/pages/$stem.${file##*.}" ;;
  esac
  n=$((n + 1))
}
for file in samples/batch/*; do add_pages "$file"; done
if [ -d "$corpus/scans" ]; then
  for file in "$corpus"/scans/tesseract/testing/{eurotext.tif,phototest.tif} \
              "$corpus"/scans/deskew/tests/deskew-{2,3,4,6}.png \
              "$corpus"/scans/paperless/src/paperless/tests/samples/tesseract/multi-page-images.tiff \
              "$corpus"/scans/docspell/scanner/jfif.jpg; do
    [ "$(ls "$work/pages" | wc -l)" -ge "$MIN_PAGES" ] && break
    add_pages "$file"
  done
fi
while [ "$(ls "$work/pages" | wc -l)" -lt 20 ]; do  # without the corpus: repeat the samples
  for file in "$work"/pages/0*; do cp "$file" "$work/pages/r$n-$(basename "$file")"; n=$((n + 1)); done
done
pages=$(ls "$work/pages" | wc -l)

# A 1×1 white PNG, for start-up cost.
python3 - "$work/tiny.png" <<'PY'
import sys, zlib, struct
def chunk(kind, data): return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"\x00\xff")) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY

measure() {  # prints "seconds max_rss_kb" of a command
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
  cat "$work/time"
}
run_scanctl() { measure "$scanctl" ocr --jobs 2 --quiet "$work"/pages/*; }
run_cli() { measure bash -c "ls -d '$work'/pages/* | xargs -P 2 -I{} tesseract {} - -l deu"; }

best_scanctl=999999; best_cli=999999; rss_scanctl=0
for round in $(seq "$ROUNDS"); do
  read -r s rss < <(run_scanctl)
  read -r c _ < <(run_cli)
  echo "round $round: scanctl ${s}s, tesseract CLI ${c}s" >&2
  best_scanctl=$(python3 -c "print(min($best_scanctl, $s))")
  best_cli=$(python3 -c "print(min($best_cli, $c))")
  rss_scanctl=$(( rss > rss_scanctl ? rss : rss_scanctl ))
done

median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
startup_one=(); startup_two=(); startup_cli=()
for _ in 1 2 3 4 5; do
  read -r t _ < <(measure "$scanctl" ocr --jobs 1 --quiet "$work/tiny.png"); startup_one+=("$t")
  read -r t _ < <(measure "$scanctl" ocr --jobs 2 --quiet "$work/tiny.png"); startup_two+=("$t")
  read -r t _ < <(measure tesseract "$work/tiny.png" - -l deu); startup_cli+=("$t")
done

python3 - "$pages" "$best_scanctl" "$best_cli" "$rss_scanctl" "$(median "${startup_one[@]}")" \
          "$(median "${startup_two[@]}")" "$(median "${startup_cli[@]}")" <<'PY'
import sys
pages, s, c, rss, one, two, cli = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"pages: {pages} (single-page files)")
print(f"scanctl ocr --jobs 2:            {s:6.2f} s  {pages / s:5.2f} pages/s  (orientation, deskew and OCR)")
print(f"2 x tesseract CLI, OMP=1:        {c:6.2f} s  {pages / c:5.2f} pages/s  (OCR only, one process per page)")
print(f"ratio scanctl / CLI (pages/s):   {c / s:.2f}")
print(f"start-up, whole process on a 1x1 page: scanctl 1 engine {one:.2f} s, 2 engines {two:.2f} s, tesseract CLI {cli:.2f} s")
print(f"peak RSS of scanctl --jobs 2:    {rss / 1024:.0f} MB   (target < 500 MB)")
PY
