#!/usr/bin/env bash
# Tests of scanctl watch and serve as services against real components on loopback
# (Tests/service): a local SMTP sink (aiosmtpd from PyPI) for the notices, /healthz and /metrics,
# SIGTERM. pytest and aiosmtpd come into a venv of their own; every process a test starts is
# stopped by it.
#
#   scripts/service-test.sh [BINARY] [PYTEST ARGS...]      BINARY default: .build/debug/scanctl
set -euo pipefail
cd "$(dirname "$0")/.."
binary=.build/debug/scanctl
if (($#)) && [[ $1 != -* ]]; then binary=$1; shift; fi
[[ -x $binary ]] || { echo "service-test: no scanctl binary at $binary (swift build first)" >&2; exit 2; }
export SCANCTL_BINARY=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
export SCANCTL_PLAN=$PWD/fileplans/lindenau-kgst.yaml

venv=.build/service-venv
requirements="pytest==9.2.0 aiosmtpd==1.4.6"
if [[ ! -x $venv/bin/python || "$(cat "$venv/.requirements" 2>/dev/null)" != "$requirements" ]]; then
  echo "service-test: setting up $venv"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086
  "$venv/bin/pip" install -q --disable-pip-version-check $requirements
  echo "$requirements" > "$venv/.requirements"
fi
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider Tests/service "$@"
