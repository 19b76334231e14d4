#!/usr/bin/env bash
# Runs every test: unit and integration (SQLite), the same integration tests against a throwaway
# PostgreSQL cluster, and the browser tests in headless Chromium. Installs Chromium and PostgreSQL
# with apt-get when missing. Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
out="$root/.test-output"
rm -rf "$out"; mkdir -p "$out"

log() { printf '[test.sh] %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq >&2 || true; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# --- Chromium for the browser tests -----------------------------------------------------------
if ! command -v chromium >/dev/null 2>&1; then
  log "installing chromium"
  apt_install chromium || log "chromium install failed: browser tests will fail"
fi
export GROUNDWORK_CHROMIUM="${GROUNDWORK_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"

# --- PostgreSQL: a throwaway cluster on loopback -------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  log "installing postgresql"
  apt_install postgresql || log "postgresql install failed: the PostgreSQL leg will fail"
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
pg_dir=""; pg_port="${GROUNDWORK_PG_PORT:-55432}"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_pg EXIT
pg_ok=0
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_dir=$(mktemp -d /tmp/groundwork-pg.XXXXXX)
  chmod 755 "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  if as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync >"$out/pg-initdb.log" 2>&1 &&
     as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/pg.log" -w -t 60 \
       -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c fsync=off -c max_connections=300" start >"$out/pg-start.log" 2>&1; then
    pg_ok=1
    log "postgresql running on 127.0.0.1:$pg_port"
  else
    log "postgresql did not start (see $out/pg-*.log)"
  fi
fi

# --- Build once, then run each leg ----------------------------------------------------------------
passed=0; failed=0
count_trx() {
  local f p x
  for f in "$@"; do
    [ -f "$f" ] || continue
    p=$(grep -o '<Counters [^>]*' "$f" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' | head -n 1)
    x=$(grep -o '<Counters [^>]*' "$f" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' | head -n 1)
    passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0}))
  done
}

log "building"
if ! dotnet build Groundwork.slnx -c Debug -nologo -v quiet >"$out/build.log" 2>&1; then
  cat "$out/build.log" | grep -E 'error|Error' | head -50 >&2
  echo "0 passed, 1 failed"
  exit 1
fi

leg_failed=0
run_leg() { # name project filter [env...]
  local name=$1 project=$2 filter=$3; shift 3
  log "running $name"
  if ! env "$@" dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" \
      --results-directory "$out" ${filter:+--filter "$filter"} >"$out/$name.log" 2>&1; then
    leg_failed=1
    # Each failure with its message and the top of its stack, so a CI log alone says why.
    grep -E -A12 '^\s+Failed ' "$out/$name.log" | head -120 >&2
  fi
  if [ ! -f "$out/$name.trx" ]; then
    log "$name produced no results (see $out/$name.log)"; tail -20 "$out/$name.log" >&2; failed=$((failed + 1))
  else
    count_trx "$out/$name.trx"
  fi
}

run_leg quickbooks tests/Groundwork.QuickBooks.Tests ""
run_leg emulator tests/Groundwork.QboEmulator.Tests ""
run_leg web-sqlite tests/Groundwork.Web.Tests "Category!=Browser"
if [ "$pg_ok" = 1 ]; then
  run_leg web-postgres tests/Groundwork.Web.Tests "Category=Database" \
    GROUNDWORK_TEST_DATABASE=Postgres \
    "GROUNDWORK_TEST_POSTGRES=Host=127.0.0.1;Port=$pg_port;Username=postgres;Pooling=true;Maximum Pool Size=20"
else
  log "PostgreSQL leg could not run"; failed=$((failed + 1))
fi
run_leg browser tests/Groundwork.Web.Tests "Category=Browser"

# An unmodified third-party QBO client (npm node-quickbooks) against the emulator, as it would run against Intuit.
log "running node-quickbooks against the emulator"
if command -v npm >/dev/null 2>&1 && QBO_PORT="${GROUNDWORK_NODE_QBO_PORT:-55199}" \
    bash tests/Groundwork.QboEmulator.Tests/ThirdParty/node-quickbooks/run.sh >"$out/node-quickbooks.log" 2>&1; then :; else leg_failed=1; fi
node_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/node-quickbooks.log" 2>/dev/null | tail -n 1)
if [ -n "$node_line" ]; then
  passed=$((passed + ${node_line%% passed*})); node_failed=${node_line#*, }; failed=$((failed + ${node_failed%% failed}))
else
  log "node-quickbooks check did not run (see $out/node-quickbooks.log)"; tail -20 "$out/node-quickbooks.log" >&2; failed=$((failed + 1))
fi

stop_pg
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$leg_failed" = 0 ]
