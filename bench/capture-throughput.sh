#!/usr/bin/env bash
# Benchmark (not a test): faithful capture at Tesseract's speed. On a mixed batch of real pages
# from ../shared/corpus (receipts on dark backgrounds, phone photos, skewed and rotated pages,
# blank scans, letters, Leptonica's page images) plus samples/capture, side by side in one run:
#   - `scanctl run --jobs 2` (everything: orientation, deskew, OCR, classification, PDF/A records, audit)
#   - the Tesseract-bound limit: two `tesseract FILE out -l deu` processes at a time, OMP_THREAD_LIMIT=1,
#     with Tesseract's defaults (scanctl turns tessedit_do_invert off: 17 % of the time for 0.2 % of
#     the words on this batch; CLI_OPTIONS="-c tessedit_do_invert=0" compares like with like)
#   - OCRmyPDF as its docs advise for many files: two processes at a time, each `--jobs 1 --output-type pdfa`
# printed as pages/s and ratios (targets: >= 0.95 x the Tesseract-bound limit, >= 3 x OCRmyPDF);
# then the words scanctl recognises against the CLI's on the same pages (target >= 98 %) and the
# share of page time per stage (`scanctl ocr --format json`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-1}
corpus=${SCANCTL_CORPUS:-../shared/corpus}
[ -f "$corpus/README.md" ] || { echo "the shared corpus is not at $corpus (set SCANCTL_CORPUS)" >&2; exit 1; }

scripts/setup.sh ocrmypdf python3-img2pdf tesseract-ocr time >&2
swift build -c release --product scanctl >&2
scanctl=$PWD/.build/release/scanctl
export OMP_THREAD_LIMIT=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/batch" "$work/pdf" "$work/cli"
add() { for file in "$@"; do [ -f "$file" ] && cp "$file" "$work/batch/$(printf '%02d' "$(ls "$work/batch" | wc -l)")-$(basename "$file")"; done; return 0; }
scans=$corpus/scans
add "$scans"/receipts-de/B/*.jpg
add "$scans"/naps2/NAPS2.Sdk.Tests/Resources/{blank1,blank2,notblank,skewed,ocr_test,word_p1,word_p1_rotated,word_p2,patcht}.jpg
add "$scans"/tesseract/testing/{phototest.tif,phototest-rotated-R.png,phototest-rotated-180.png,phototest-rotated-L.png,eurotext.tif}
add "$scans"/deskew/tests/*.png "$scans"/deskew/tests/*.jpg
add "$scans"/docspell/camera/letter-en.jpg "$scans"/docspell/scanner/*.jpg
add "$scans"/leptonica/prog/{feyn.tif,form1.tif,german.png,lucasta.047.jpg,pageseg1.tif,pageseg4.tif,rabi.png,table.15.tif,colorpage.030.jpg,warped_paper.jpg}
add samples/capture/*.jpg samples/capture/*.png
files=$(ls "$work/batch" | wc -l)

# The same pages as PDFs for OCRmyPDF (made with img2pdf, not timed; a page without a stored
# resolution is given 300 dpi, as scanctl assumes).
for file in "$work"/batch/*; do
  name=$(basename "${file%.*}")
  /usr/bin/python3 - "$file" "$work/pdf/$name.pdf" <<'PY' || echo "img2pdf could not convert $file" >&2
import img2pdf, sys
layout = img2pdf.get_fixed_dpi_layout_fun((300, 300))
try:
    data = img2pdf.convert(sys.argv[1], rotation=img2pdf.Rotation.ifvalid)
except Exception:
    data = img2pdf.convert(sys.argv[1], layout_fun=layout, rotation=img2pdf.Rotation.ifvalid)
open(sys.argv[2], "wb").write(data)
PY
done

measure() {  # prints the seconds a command took; fails the benchmark if the command fails
  /usr/bin/time -f "%e" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { tail -5 "$work/stderr" >&2; exit 1; }
  cat "$work/time"
}
run_scanctl() {
  rm -rf "$work/ws"
  measure bash -c '"$1" run "$2/batch" --workspace "$2/ws" --jobs 2 --quiet --json > "$2/summary.json"; [ $? -le 1 ]' _ "$scanctl" "$work"
}
run_cli() {
  measure bash -c 'ls "$1"/batch/* | xargs -P 2 -I{} sh -c '\''tesseract "$1" "$2/cli/$(basename "$1")" -l deu $3 >/dev/null 2>&1'\'' _ {} "$1" "$2"' _ "$work" "${CLI_OPTIONS:-}"
}
run_ocrmypdf() {
  rm -f "$work"/pdf/*.out.pdf
  measure bash -c 'ls "$1"/pdf/*.pdf | xargs -P 2 -I{} sh -c '\''ocrmypdf -q -l deu --jobs 1 --output-type pdfa "$1" "$1.out.pdf" || true'\'' _ {}' _ "$work"
}

best() { python3 -c "import sys; print(min(map(float, sys.argv[1:])))" "$@"; }
s_times=(); c_times=(); o_times=()
for round in $(seq "$ROUNDS"); do
  s=$(run_scanctl); c=$(run_cli); o=$(run_ocrmypdf)
  echo "round $round: scanctl run ${s}s, 2 x tesseract ${c}s, 2 x ocrmypdf ${o}s" >&2
  s_times+=("$s"); c_times+=("$c"); o_times+=("$o")
done
ocrmypdf_done=$(ls "$work"/pdf/*.out.pdf 2>/dev/null | wc -l)
"$scanctl" ocr "$work"/batch/* --jobs 2 --format json --quiet > "$work/ocr.json" 2>/dev/null || true

python3 - "$work" "$files" "$(best "${s_times[@]}")" "$(best "${c_times[@]}")" "$(best "${o_times[@]}")" "$ocrmypdf_done" <<'PY'
import json, os, sys
work, files, s, c, o, ocrmypdf_done = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:6]), int(sys.argv[6])
ocr = json.load(open(os.path.join(work, "ocr.json")))
pages = ocr["pages"]
summary = json.load(open(os.path.join(work, "summary.json")))["summary"]
print(f"batch: {files} files, {len(pages)} pages from the shared corpus and samples/capture")
print(f"scanctl run --jobs 2 (PDF/A records):      {s:7.2f} s  {len(pages) / s:5.2f} pages/s")
print(f"2 x tesseract CLI (OMP_THREAD_LIMIT=1):    {c:7.2f} s  {len(pages) / c:5.2f} pages/s")
print(f"2 x ocrmypdf --jobs 1 --output-type pdfa:  {o:7.2f} s  {len(pages) / o:5.2f} pages/s  ({ocrmypdf_done} of {files} files done)")
print(f"ratio to the Tesseract-bound limit: {c / s:.2f}   (target >= 0.95)")
print(f"ratio to OCRmyPDF:                  {o / s:.2f}   (target >= 3)")

def words(text):
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))
ours = sum(sum(1 for w in p["words"] if any(ch.isalnum() for ch in w["text"])) for p in pages)
cli = 0
for name in os.listdir(os.path.join(work, "cli")):
    cli += words(open(os.path.join(work, "cli", name), encoding="utf-8", errors="replace").read())
print(f"words recognised: scanctl {ours}, tesseract CLI {cli}: {100 * ours / max(cli, 1):.1f} %   (target >= 98 %)")
stages = ["decode", "barcodes", "orientation", "deskew", "recognition"]
total = sum(p["timings"][k] for p in pages for k in stages)
print("share of page time: " + ", ".join(f"{k} {100 * sum(p['timings'][k] for p in pages) / total:.1f} %" for k in stages))
print(f"run summary: filed {summary.get('filed')}, needs review {summary.get('needsReview')}, "
      f"quarantined {summary.get('quarantined')}, blank pages {summary.get('blankPages')}")
PY
