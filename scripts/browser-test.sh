#!/usr/bin/env bash
# Real-browser tests of `scanctl serve` (Tests/browser): headless Chromium through Selenium, axe-core
# for WCAG 2.1 AA, screenshots at 200 % zoom and at 320 px.
#
#   scripts/browser-test.sh [BINARY] [PYTEST ARGS...]      BINARY default: .build/debug/scanctl
#
# Builds a workspace from samples/batch with its users (admin, two records managers, a Registratur
# user, an auditor) in a temporary folder, starts two servers
# on loopback (one with --idle-minutes 1, for the session expiry), runs pytest, always stops the
# servers, and exits with pytest's status. Without /usr/bin/chromium or chromedriver it prints a
# SKIP line and exits 0. Screenshots, the axe report and the server logs go to $SCANCTL_ARTEFACTS
# (default .build/artefacts/browser). The binary finds its templates in the resource bundle next to
# it (scanctl_ScanServer.resources), so run it where `swift build` left it, or copy both.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

binary=.build/debug/scanctl
if (($#)) && [[ $1 != -* ]]; then binary=$1; shift; fi
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
if [[ ! -x $CHROMIUM || ! -x $CHROMEDRIVER ]]; then
  echo "SKIP: browser tests: $CHROMIUM or $CHROMEDRIVER is missing (apt-get install chromium chromium-driver)"
  exit 0
fi
[[ -x $binary ]] || { echo "browser-test: no scanctl binary at $binary (swift build first)" >&2; exit 2; }
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
if [[ ! -d $(dirname "$binary")/scanctl_ScanServer.resources ]]; then
  echo "browser-test: warning: no scanctl_ScanServer.resources next to $binary: the server uses the templates of the folder it was built in"
fi

# Python tools, in a venv of their own; reinstalled only when the requirements change. axe-core
# comes as the axe.min.js inside axe-playwright-python (installed without Playwright: only the
# file is used).
venv=.build/browser-venv
requirements="selenium==4.51.0 pytest==9.2.0 | --no-deps axe-playwright-python==0.1.8"
if [[ ! -x $venv/bin/python || "$(cat "$venv/.requirements" 2>/dev/null)" != "$requirements" ]]; then
  echo "browser-test: setting up $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check selenium==4.51.0 pytest==9.2.0
  "$venv/bin/pip" install -q --disable-pip-version-check --no-deps axe-playwright-python==0.1.8
  echo "$requirements" > "$venv/.requirements"
fi
python=$venv/bin/python

export SCANCTL_ARTEFACTS=${SCANCTL_ARTEFACTS:-$root/.build/artefacts/browser}
mkdir -p "$SCANCTL_ARTEFACTS"
rm -f "$SCANCTL_ARTEFACTS"/*.png "$SCANCTL_ARTEFACTS"/*.log "$SCANCTL_ARTEFACTS"/axe-report.json "$SCANCTL_ARTEFACTS"/axe-summary.txt

scratch=$(mktemp -d "${TMPDIR:-/tmp}/scanctl-browser.XXXXXX")
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  cp "$scratch"/*.log "$SCANCTL_ARTEFACTS"/ 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

workspace=$scratch/workspace
export SCANCTL_PLAN=$root/fileplans/lindenau-kgst.yaml
export OMP_THREAD_LIMIT=1   # see scripts/test.sh
echo "browser-test: workspace from samples/batch ($binary)"
status=0
"$binary" run samples/batch --workspace "$workspace" --jobs 2 > "$scratch/run.log" 2>&1 || status=$?
if ((status > 1)); then cat "$scratch/run.log" >&2; echo "browser-test: scanctl run failed ($status)" >&2; exit 2; fi

# The users the tests log in as (Tests/browser/test_workstation.py, USERS).
admin_password=geheimes-passwort
echo "$admin_password" | "$binary" user add admin --role admin --workspace "$workspace" >> "$scratch/run.log"
add_user() { # name role "Display Name" password
  printf '%s\n%s\n' "$admin_password" "$4" |
    "$binary" user add "$1" --role "$2" --display-name "$3" --as admin --workspace "$workspace" >> "$scratch/run.log"
}
add_user mwagner records-manager "Maria Wagner" zweites-passwort
add_user bmeyer records-manager "Bernd Meyer" drittes-passwort
add_user rkoch registratur "Rita Koch" viertes-passwort
add_user apruef auditor "Anna Prüfer" fuenftes-passwort

free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_server() { # port log [options]
  local port=$1 log=$2
  shift 2
  "$binary" serve --workspace "$workspace" --listen "127.0.0.1:$port" --insecure-cookies "$@" > "$scratch/$log" 2>&1 &
  pids+=($!)
}
wait_for() { # url
  "$python" - "$1" <<'EOF'
import sys, time, urllib.request
for _ in range(150):
    try:
        urllib.request.urlopen(sys.argv[1] + "/anmelden", timeout=2).read()
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
EOF
}
port=$(free_port)
start_server "$port" serve.log
idle_port=$(free_port)
while [[ $idle_port == "$port" ]]; do idle_port=$(free_port); done
start_server "$idle_port" serve-idle.log --idle-minutes 1
export SCANCTL_URL=http://127.0.0.1:$port SCANCTL_IDLE_URL=http://127.0.0.1:$idle_port SCANCTL_IDLE_SECONDS=60
for url in "$SCANCTL_URL" "$SCANCTL_IDLE_URL"; do
  wait_for "$url" || { cat "$scratch"/serve*.log >&2; echo "browser-test: the server at $url did not come up" >&2; exit 2; }
done

echo "browser-test: servers at $SCANCTL_URL and $SCANCTL_IDLE_URL (idle timeout 1 min); artefacts in $SCANCTL_ARTEFACTS"
status=0
PYTHONDONTWRITEBYTECODE=1 "$python" -m pytest -p no:cacheprovider -rsxX -v Tests/browser "$@" || status=$?
cat "$SCANCTL_ARTEFACTS/axe-summary.txt" 2>/dev/null || true
echo "browser-test: screenshots and axe-report.json in $SCANCTL_ARTEFACTS"
exit "$status"
