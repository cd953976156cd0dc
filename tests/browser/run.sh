#!/usr/bin/env bash
# Browser tests of the dashboard: Debian's chromium driven by playwright-core. Not run by
# `cargo test`. Installs what it needs, builds sitrep, serves a fresh database on an ephemeral
# loopback port, runs the tests, saves screenshots under target/screenshots/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
(cd "$here" && npm ci --no-audit --no-fund)
cargo build -q -p sitrep --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/debug/sitrep"
work="$(mktemp -d)"
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
inputs=("$root/examples/reports.jsonl" "$here/xss.jsonl")
if [ -f "$root/../shared/seed/seed.docs.jsonl" ]; then inputs+=("$root/../shared/seed/seed.docs.jsonl"); fi
"$bin" --db "$work/t.db" -q ingest "${inputs[@]}"
export SITREP_TOKEN="browser-test-$$"
"$bin" --db "$work/t.db" serve --addr 127.0.0.1:0 2>"$work/serve.log" &
server=$!
for _ in $(seq 1 50); do
  grep -q 'serve: http://' "$work/serve.log" && break
  sleep 0.1
done
SITREP_URL="$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)"
export SITREP_URL SCREENSHOTS="$root/target/screenshots"
echo "dashboard at $SITREP_URL"
cd "$here" && node --test dashboard.test.mjs
