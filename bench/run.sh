#!/usr/bin/env bash
# `make bench`: how the release build holds up on loopback, with the load generator beside
# it. Not a test: it prints figures for the notes.
#
#   1. 200 simulated debtors for 60 s on SQLite, then on PostgreSQL (if one answers at
#      TEST_DATABASE_URL): requests/s, p50/p99 in all and by step, errors, peak memory.
#   2. 500 simultaneous logins: peak memory, /healthz meanwhile.
#   3. 1 000 open change streams of one debtor: memory per stream, one message to all.
#   4. 20 000 connections that never finish a request (two clients of 10 000), reopened as
#      the server lets them go: /healthz and logins meanwhile, the server's open files.
#
# BENCH_DEBTORS, BENCH_SECONDS, BENCH_THINK (seconds between a debtor's steps) and
# BENCH_HALF_OPEN change the sizes; BENCH_PARTS picks parts (default: all of
# "debtors logins streams half-open postgres").
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${SERVER:-target/release/server}
PORT=${BENCH_PORT:-3300}
URL="http://127.0.0.1:$PORT"
DEBTORS=${BENCH_DEBTORS:-200}
SECONDS_=${BENCH_SECONDS:-60}
THINK=${BENCH_THINK:-1}
HALF_OPEN=${BENCH_HALF_OPEN:-20000}
PARTS=" ${BENCH_PARTS:-debtors logins streams half-open postgres} "
part() { [[ "$PARTS" == *" $1 "* ]]; }
PG_ADMIN=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}

work=$(mktemp -d)
server_pid=""
pg_db=""
cleanup() {
  # The server answers SIGTERM by exiting 143: not this script's outcome (set -e), and the
  # database below is dropped all the same.
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_db" ]; then
    psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The client opens many connections; the server raises its own limit.
ulimit -n "$(ulimit -Hn)"

start() { # DATABASE_URL [more settings, as NAME=value]
  export DATABASE_URL="$1"
  shift
  "$BIN" migrate >/dev/null
  "$BIN" import --if-empty demo/cases.json >/dev/null
  env LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site \
    INNFRI_FILES_DIR="$work/files" RUST_LOG="${RUST_LOG:-warn}" "$@" \
    "$BIN" serve 2>>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 100); do
    curl -fsS "$URL/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not start:"; cat "$work/server.log"; exit 1
}

stop() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

# Each part on a fresh database: the limits per address remember the part before.
if part debtors; then
  echo "== $DEBTORS debtors for $SECONDS_ s, SQLite"
  start "sqlite:$work/debtors.db"
  python3 bench/probe.py debtors "$URL" "$server_pid" "$DEBTORS" "$SECONDS_" "$THINK"
  stop
fi

if part logins; then
  echo "== 500 simultaneous logins, SQLite"
  start "sqlite:$work/logins.db" INNFRI_TRUSTED_PROXIES=127.0.0.1
  python3 bench/probe.py logins "$URL" "$server_pid" 500
  stop
fi

if part streams; then
  echo "== 1 000 open change streams, and send to display, SQLite"
  start "sqlite:$work/streams.db"
  python3 bench/probe.py streams "$URL" "$server_pid" 1000
  python3 bench/probe.py latency "$URL" "$server_pid" 20
  stop
fi

if part half-open; then
  echo "== $HALF_OPEN half-open connections, SQLite"
  start "sqlite:$work/half-open.db"
  each=$((HALF_OPEN / 2))
  python3 bench/probe.py hold "$URL" "$server_pid" "$each" 30 &
  a=$!
  python3 bench/probe.py hold "$URL" "$server_pid" "$each" 30 &
  b=$!
  sleep 4
  python3 bench/probe.py meanwhile "$URL" "$server_pid" 20
  wait "$a" "$b"
  stop
fi

if ! part postgres; then
  :
elif psql "$PG_ADMIN" -qc "SELECT 1" >/dev/null 2>&1; then
  pg_db="innfri_bench_$$"
  psql "$PG_ADMIN" -qc "CREATE DATABASE $pg_db" >/dev/null
  echo "== $DEBTORS debtors for $SECONDS_ s, PostgreSQL"
  start "${PG_ADMIN%/*}/$pg_db"
  python3 bench/probe.py debtors "$URL" "$server_pid" "$DEBTORS" "$SECONDS_" "$THINK"
  echo "== send to display, PostgreSQL"
  python3 bench/probe.py latency "$URL" "$server_pid" 20
  stop
else
  echo "== PostgreSQL: none answers at $PG_ADMIN (or no psql); skipped"
fi
if grep -q " ERROR " "$work/server.log"; then
  echo "== the server logged errors:"; grep " ERROR " "$work/server.log" | head -20
fi
