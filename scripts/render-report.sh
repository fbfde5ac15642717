#!/usr/bin/env bash
# Renders a scanctl report (HTML) to a PNG with headless Chromium, so that a person can look at it
# without a browser at hand, or attach it to a ticket. Installs Debian's chromium when missing.
#   scripts/render-report.sh report.html [report.png] [width]
set -euo pipefail
cd "$(dirname "$0")/.."
html=$(realpath "${1:?usage: scripts/render-report.sh report.html [report.png] [width]}")
png=$(realpath -m "${2:-${html%.html}.png}")
width=${3:-1200}
scripts/setup.sh chromium >&2
# The page's height: render once to a tall window, then crop at the last non-white row would need
# more tools; a generous fixed height keeps it simple and shows every section of a normal report.
height=${REPORT_HEIGHT:-3000}
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,$height" \
  --screenshot="$png" "file://$html" 2>/dev/null
[ -s "$png" ] || { echo "chromium wrote no screenshot" >&2; exit 1; }
echo "$png"
