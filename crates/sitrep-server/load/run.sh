#!/usr/bin/env bash
# Loopback load test of the events endpoint over >= 100k stored events, bounded in time.
# Not part of `cargo test`. Needs wrk (Debian) and python3. Usage: run.sh [SECONDS] [EVENTS]
set -euo pipefail
secs="${1:-30}"; n="${2:-120000}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
cargo build -q --release -p sitrep --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/sitrep"
work="$(mktemp -d)"; server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
"$bin" --db "$work/load.db" -q ingest "$root/examples/reports.jsonl"
python3 "$here/fill_events.py" "$work/load.db" "$n"
"$bin" --db "$work/load.db" serve --addr 127.0.0.1:0 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 50); do grep -q 'serve: http://' "$work/serve.log" && break; sleep 0.1; done
url="$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)"
for q in "limit=20" "country=AF&from=2023-01-01&limit=20" "offset=500&limit=50"; do
  echo "== GET /api/events?$q for ${secs}s"
  wrk -t2 -c16 -d"${secs}s" --timeout 5s --latency "$url/api/events?$q" | grep -E "50%|99%|Requests/sec|requests in|Non-2xx|Socket errors"
done
