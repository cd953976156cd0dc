#!/usr/bin/env bash
# Loopback load test of the events and counts endpoints over >= 100k stored events, bounded in
# time. Not part of `cargo test`. Needs wrk (Debian) and python3. wrk is closed-loop: it reports
# the rate the server sustains with 16 connections, not a fixed offered rate.
# Usage: run.sh [SECONDS] [EVENTS]
set -euo pipefail
secs="${1:-30}"; n="${2:-120000}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
command -v wrk >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk
}
cargo build -q --release -p sitrep --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/sitrep"
work="$(mktemp -d)"; server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$bin" --db "$work/load.db" -q ingest "$root/examples/reports.jsonl"
echo "events stored: $(python3 "$here/fill_events.py" "$work/load.db" "$n")"
"$bin" --db "$work/load.db" serve --addr 127.0.0.1:0 2>"$work/serve.log" &
server=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://[0-9.]*:[0-9]*' "$work/serve.log" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "server did not start"; exit 1; }
# A cursor half-way down the list, for the keyset page (the same depth as the offset below).
cursor="$(python3 -c 'import json,sys,urllib.request as u; print(json.load(u.urlopen(sys.argv[1]))["next_cursor"])' \
  "$url/api/events?offset=59999&limit=1")"
for q in \
  "events?limit=20" \
  "events?from=2022-03-01&to=2022-03-31&limit=20" \
  "events?from=2023-01-01&to=2023-12-31&country=AF&limit=20" \
  "events?country=SO&type=Explosions/Remote%20violence&limit=20" \
  "events?offset=60000&limit=20" \
  "events?cursor=$cursor&limit=20" \
  "counts?by=month" \
  "counts?by=admin1&from=2023-01-01&to=2023-12-31&country=AF"; do
  echo "== GET /api/$q for ${secs}s"
  wrk -t2 -c16 -d"${secs}s" --timeout 5s --latency "$url/api/$q" \
    | grep -E "^ +50%|^ +99%|Requests/sec|requests in|Non-2xx|Socket errors"
done
