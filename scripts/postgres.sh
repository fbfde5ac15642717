#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests (Debian's postgresql-15 binaries):
#   scripts/postgres.sh start   initdb in a new /tmp/scanctl-pg.XXXXXX and start it on 127.0.0.1 (free port from 55432)
#   scripts/postgres.sh env     the SCANCTL_TEST_* variables for the tests, as shell `export` lines (for eval)
#   scripts/postgres.sh url     postgresql://postgres@127.0.0.1:PORT/postgres
#   scripts/postgres.sh stop    fast shutdown and remove the folder; fine when nothing runs
# The state (folder, port, ...) is kept in $SCANCTL_PG_STATE, by default .build/postgres-test.env.
# As root the cluster belongs to the `postgres` system user (the server refuses to run as root);
# otherwise to the current user. Trust authentication, loopback and a private socket folder only.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state="${SCANCTL_PG_STATE:-$root/.build/postgres-test.env}"
first_port="${SCANCTL_PG_FIRST_PORT:-55432}"

die() { echo "postgres.sh: $*" >&2; exit 1; }

# The bin folder: $SCANCTL_PG_BIN, else Debian's, else wherever pg_ctl on PATH really lives.
pg_bin() {
  if [ -n "${SCANCTL_PG_BIN:-}" ]; then echo "$SCANCTL_PG_BIN"; return; fi
  if [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then echo /usr/lib/postgresql/15/bin; return; fi
  local found
  found="$(command -v pg_ctl 2>/dev/null)" || return 1
  dirname "$(readlink -f "$found")"
}

# The OS user that owns and runs the cluster.
pg_user() {
  if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi
}

# Runs a command as the cluster's user, from a folder that user can read
# (initdb and pg_ctl fail when they cannot resolve the current directory).
as_user() {
  local user="$1" dir="$2"; shift 2
  if [ "$user" = "$(id -un)" ]; then
    (cd "$dir" && "$@")
  elif command -v runuser >/dev/null; then
    (cd "$dir" && runuser -u "$user" -- "$@")
  else
    (cd "$dir" && su "$user" -s /bin/sh -c "$(printf '%q ' "$@")")
  fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

load_state() {
  [ -f "$state" ] || return 1
  # shellcheck disable=SC1090
  . "$state"
  [ -n "${SCANCTL_TEST_PG_DATA:-}" ] && [ -n "${SCANCTL_TEST_PG_ROOT:-}" ]
}

running() {
  as_user "$SCANCTL_TEST_PG_USER" "$SCANCTL_TEST_PG_ROOT" \
    "$SCANCTL_TEST_PG_BIN/pg_ctl" status -D "$SCANCTL_TEST_PG_DATA" >/dev/null 2>&1
}

# Stops the server of the loaded state (fast, then immediate if that does not finish) and removes
# its folder, but only a folder this script made (it has our marker file).
teardown() {
  if [ -d "$SCANCTL_TEST_PG_DATA" ] && running; then
    as_user "$SCANCTL_TEST_PG_USER" "$SCANCTL_TEST_PG_ROOT" \
      "$SCANCTL_TEST_PG_BIN/pg_ctl" stop -D "$SCANCTL_TEST_PG_DATA" -m fast -w -t 60 >/dev/null 2>&1 \
      || as_user "$SCANCTL_TEST_PG_USER" "$SCANCTL_TEST_PG_ROOT" \
        "$SCANCTL_TEST_PG_BIN/pg_ctl" stop -D "$SCANCTL_TEST_PG_DATA" -m immediate -w -t 30 >/dev/null 2>&1 \
      || echo "postgres.sh: could not stop the server in $SCANCTL_TEST_PG_DATA" >&2
  fi
  if [ -f "$SCANCTL_TEST_PG_ROOT/.scanctl-pg" ]; then rm -rf "$SCANCTL_TEST_PG_ROOT"; fi
  rm -f "$state"
}

write_state() {
  mkdir -p "$(dirname "$state")"
  {
    printf 'export SCANCTL_TEST_PG_BIN=%q\n' "$1"
    printf 'export SCANCTL_TEST_PG_ROOT=%q\n' "$2"
    printf 'export SCANCTL_TEST_PG_DATA=%q\n' "$2/data"
    printf 'export SCANCTL_TEST_PG_LOG=%q\n' "$2/postgres.log"
    printf 'export SCANCTL_TEST_PG_PORT=%q\n' "$3"
    printf 'export SCANCTL_TEST_PG_USER=%q\n' "$4"
    printf 'export SCANCTL_TEST_POSTGRES=%q\n' "postgresql://postgres@127.0.0.1:$3/postgres"
  } >"$state.tmp"
  mv "$state.tmp" "$state"
}

start() {
  if load_state; then
    if running; then echo "PostgreSQL already running on port $SCANCTL_TEST_PG_PORT ($SCANCTL_TEST_PG_DATA)" >&2; return; fi
    teardown # stale state from an earlier run that did not stop
  fi
  local bin user locale port
  bin="$(pg_bin)" || die "no PostgreSQL binaries (install postgresql-15)"
  [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] || die "initdb or pg_ctl missing in $bin"
  user="$(pg_user)"
  id "$user" >/dev/null 2>&1 || die "no user '$user' to run the server as (install postgresql-15)"

  tmp="$(mktemp -d /tmp/scanctl-pg.XXXXXX)" # global: the EXIT trap below removes it
  touch "$tmp/.scanctl-pg"
  chown "$user" "$tmp"
  chmod 700 "$tmp"
  # Until the state file names it, a failure must not leave the folder behind.
  trap 'rm -rf "$tmp"' EXIT

  locale=C
  if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then locale=C.UTF-8; fi
  if ! as_user "$user" "$tmp" "$bin/initdb" -D "$tmp/data" --auth=trust -U postgres --encoding=UTF8 \
      --locale="$locale" --no-sync >"$tmp/initdb.log" 2>&1; then
    cat "$tmp/initdb.log" >&2
    die "initdb failed"
  fi

  # Loopback and a socket in our own folder only, so nothing clashes with a system cluster.
  # fsync off for speed: an immediate stop (a test's crash) keeps what was written, only a machine
  # crash would lose it. synchronous_commit stays on, so a committed transaction survives `-m immediate`.
  cat >>"$tmp/data/postgresql.conf" <<EOF

# scanctl tests (scripts/postgres.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$tmp'
fsync = off
full_page_writes = off
# Tests run many stores at once (each store a small pool, each worker process a store).
max_connections = 400
EOF

  # A port is free when nothing answers on it; another process may still take it before the
  # server binds, so a failed start moves on to the next port.
  port="$first_port"
  local attempts=0
  while :; do
    while port_in_use "$port"; do port=$((port + 1)); done
    sed -i "/^port = /d" "$tmp/data/postgresql.conf"
    echo "port = $port" >>"$tmp/data/postgresql.conf"
    rm -f "$tmp/postgres.log"
    if as_user "$user" "$tmp" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/postgres.log" -w -t 60 start >/dev/null 2>&1; then
      break
    fi
    attempts=$((attempts + 1))
    if ((attempts >= 5)) || ! grep -q "could not bind\|Address already in use" "$tmp/postgres.log" 2>/dev/null; then
      cat "$tmp/postgres.log" >&2 2>/dev/null || true
      die "the server did not start"
    fi
    port=$((port + 1))
  done

  write_state "$bin" "$tmp" "$port" "$user"
  trap - EXIT
  echo "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port ($tmp/data, user $user)" >&2
}

case "${1:-}" in
  start) start ;;
  stop) if load_state; then teardown; fi ;;
  url) load_state || die "not running (scripts/postgres.sh start)"; echo "$SCANCTL_TEST_POSTGRES" ;;
  env) load_state || die "not running (scripts/postgres.sh start)"; cat "$state" ;;
  *) echo "usage: $0 start|stop|url|env" >&2; exit 2 ;;
esac
