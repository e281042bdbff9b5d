#!/usr/bin/env bash
# End-to-end tests: the server ($SERVER, as `make` built it) on a fresh SQLite database with the demo cases and a
# fixed "today", Playwright in headless Chromium against it, then the server is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
port=${E2E_PORT:-3107}
export DATABASE_URL="sqlite:$work/e2e.db"
export INNFRI_FILES_DIR="$work/files"
export INNFRI_TODAY=${INNFRI_TODAY:-2026-11-24}
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
export LEPTOS_SITE_ROOT=target/site
export E2E_BASE_URL="http://127.0.0.1:$port"
server="$PWD/${SERVER:-target/debug/server}"
export E2E_SERVER_BIN="$server"

"$server" import demo/cases.json
# A case of its own for the workspace scenario (a debtor's requests decided by a handler).
"$server" import end2end/cases.json
# A case handler for the workspace tests; the test computes the one-time codes.
export E2E_STAFF_USER=e2e.behandler
export E2E_STAFF_PASSWORD=Fjord-Lampe-Sykkel-47
E2E_STAFF_SECRET=$(printf '%s\n' "$E2E_STAFF_PASSWORD" |
  "$server" staff add "$E2E_STAFF_USER" --name "E2E Behandler" --role handler |
  grep -o 'secret=[A-Z2-7]*' | cut -d= -f2)
export E2E_STAFF_SECRET
# A second handler: a one-time code is taken once, so each test logs in with its own account.
export E2E_STAFF2_USER=e2e.behandler2
E2E_STAFF2_SECRET=$(printf '%s\n' "$E2E_STAFF_PASSWORD" |
  "$server" staff add "$E2E_STAFF2_USER" --name "E2E Behandler To" --role handler |
  grep -o 'secret=[A-Z2-7]*' | cut -d= -f2)
export E2E_STAFF2_SECRET
export E2E_STAFF3_USER=e2e.behandler3
E2E_STAFF3_SECRET=$(printf '%s\n' "$E2E_STAFF_PASSWORD" |
  "$server" staff add "$E2E_STAFF3_USER" --name "Eli Behandler" --role handler |
  grep -o 'secret=[A-Z2-7]*' | cut -d= -f2)
export E2E_STAFF3_SECRET
export E2E_STAFF4_USER=e2e.behandler4
E2E_STAFF4_SECRET=$(printf '%s\n' "$E2E_STAFF_PASSWORD" |
  "$server" staff add "$E2E_STAFF4_USER" --name "Per Behandler" --role handler |
  grep -o 'secret=[A-Z2-7]*' | cut -d= -f2)
export E2E_STAFF4_SECRET
export E2E_STAFF5_USER=e2e.behandler5
E2E_STAFF5_SECRET=$(printf '%s\n' "$E2E_STAFF_PASSWORD" |
  "$server" staff add "$E2E_STAFF5_USER" --name "Siri Behandler" --role handler |
  grep -o 'secret=[A-Z2-7]*' | cut -d= -f2)
export E2E_STAFF5_SECRET
export E2E_ADMIN_USER=e2e.admin
E2E_ADMIN_SECRET=$(printf '%s\n' "$E2E_STAFF_PASSWORD" |
  "$server" staff add "$E2E_ADMIN_USER" --name "E2E Administrator" --role admin |
  grep -o 'secret=[A-Z2-7]*' | cut -d= -f2)
export E2E_ADMIN_SECRET
"$server" serve >"$work/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$work/server.log"; exit 1; fi
  sleep 0.1
done

status=0
npx playwright test --config end2end/playwright.config.ts "$@" || status=$?
# The server's log stays beside the build for a look afterwards.
cp "$work/server.log" target/e2e-server.log
if [ "$status" -ne 0 ]; then
  echo "--- server log ---"
  tail -n 50 "$work/server.log"
  exit "$status"
fi
# A run that passed in the browser but logged an internal error on the server has a fault
# nobody saw: fail on it too.
if grep -n ' ERROR ' <(sed 's/\x1b\[[0-9;]*m//g' "$work/server.log"); then
  echo "the server logged the errors above during the end-to-end tests (target/e2e-server.log)"
  exit 1
fi
