#!/usr/bin/env bash
# `make lighthouse`: the login page and a logged-in case page as Lighthouse's mobile profile
# sees them (simulated slow 4G, 4x slower CPU), against the served build on the demo data, in
# Debian's Chromium. Not a test: it prints total bytes, time to interactive and the
# performance and accessibility scores for the notes. Lighthouse comes from npm into
# target/lighthouse (not part of the project's own packages: only this script needs it).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${SERVER:-target/debug/server}
PORT=${BENCH_PORT:-3301}
URL="http://127.0.0.1:$PORT"
LIGHTHOUSE_VERSION=12.8.2
LH=target/lighthouse/node_modules/.bin/lighthouse
if ! [ -x "$LH" ] || ! grep -q "\"version\": \"$LIGHTHOUSE_VERSION\"" target/lighthouse/node_modules/lighthouse/package.json; then
  npm install --prefix target/lighthouse "lighthouse@$LIGHTHOUSE_VERSION" --no-audit --no-fund >/dev/null
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  # The server answers SIGTERM by exiting 143: not this script's outcome (set -e).
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:$work/lighthouse.db"
"$BIN" migrate >/dev/null
"$BIN" import --if-empty demo/cases.json >/dev/null
LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site INNFRI_FILES_DIR="$work/files" \
  RUST_LOG=warn "$BIN" serve 2>>"$work/server.log" &
server_pid=$!
for _ in $(seq 100); do
  curl -fsS "$URL/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

# A debtor's session for the case page, as the login form would get it.
cookie=$(curl -sS -o /dev/null -D - -X POST "$URL/api/login" \
  -H 'Content-Type: application/x-www-form-urlencoded' -H "Origin: $URL" \
  --data 'case_number=20250002&access_code=482915' |
  grep -i '^set-cookie: innfri_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
[ -n "$cookie" ] || { echo "could not log in"; exit 1; }

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync"
run() { # NAME PATH [extra headers as JSON]
  local out="$work/$1.json"
  "$LH" "$URL$2" --quiet --chrome-path=/usr/bin/chromium --chrome-flags="$flags" \
    --only-categories=performance,accessibility --form-factor=mobile --throttling-method=simulate \
    --output=json --output-path="$out" ${3:+"--extra-headers=$3"} >/dev/null 2>>"$work/lighthouse.log" ||
    { echo "$1: Lighthouse failed"; tail -5 "$work/lighthouse.log"; return; }
  node -e '
    const r = require(process.argv[1]);
    const a = r.audits, c = r.categories;
    const kb = (a["total-byte-weight"].numericValue / 1000).toFixed(1);
    const tti = (a["interactive"].numericValue / 1000).toFixed(2);
    const fcp = (a["first-contentful-paint"].numericValue / 1000).toFixed(2);
    console.log(`${process.argv[2].padEnd(12)} ${kb} KB, first paint ${fcp} s, interactive ${tti} s, ` +
      `performance ${Math.round(c.performance.score * 100)}, accessibility ${Math.round(c.accessibility.score * 100)}`);
  ' "$out" "$1"
}

echo "Lighthouse $LIGHTHOUSE_VERSION, mobile (simulated slow 4G, 4x CPU), $BIN:"
run innlogging /
run sak /sak/20250002 "{\"Cookie\":\"$cookie\"}"
