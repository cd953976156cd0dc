#!/usr/bin/env bash
# Browser tests of the dashboard: Debian's chromium driven by playwright-core (pinned by
# package-lock.json, no browser download). Not run by `cargo test`; `.ci/run` calls it after the
# workspace tests. Installs what is missing (as root, on Debian), builds sitrep, serves a fresh
# database on a free loopback port, runs the tests headless, saves screenshots under
# target/screenshots/ and stops the server however the run ends.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DEBIAN_FRONTEND=noninteractive

apt_missing=()
[ -x /usr/bin/chromium ] || apt_missing+=(chromium fonts-dejavu-core)
command -v node >/dev/null || apt_missing+=(nodejs)
command -v npm >/dev/null || apt_missing+=(npm)
if [ "${#apt_missing[@]}" -gt 0 ]; then
  echo "installing from Debian: ${apt_missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
echo "$("$chromium_bin" --version 2>/dev/null || echo "chromium at $chromium_bin"), node $(node --version)"

# npm ci installs exactly what package-lock.json pins, or fails when package.json disagrees.
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

cargo build -q -p sitrep --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/debug/sitrep"

work="$(mktemp -d)"
server=""
cleanup() {
  status=$?
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    # Graceful shutdown finishes requests in flight; a server that hangs is killed after 10 s.
    for _ in $(seq 1 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$work/serve.log" ]; then
    echo "-- server log (last 40 lines)"
    tail -n 40 "$work/serve.log"
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

inputs=("$root/examples/reports.jsonl" "$here/xss.jsonl")
if [ -f "$root/../shared/seed/seed.docs.jsonl" ]; then
  inputs+=("$root/../shared/seed/seed.docs.jsonl")
else
  echo "skipping the seed article: ../shared absent"
fi
"$bin" --db "$work/t.db" -q ingest "${inputs[@]}"

# Port 0: the kernel picks a free port and the server prints the address it got.
export SITREP_TOKEN="browser-test-$$-$RANDOM"
"$bin" --db "$work/t.db" serve --addr 127.0.0.1:0 2>"$work/serve.log" &
server=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://[0-9.]*:[0-9]*' "$work/serve.log" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { echo "sitrep serve exited before listening"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "sitrep serve did not report its address within 30 s"; exit 1; }

shots="$root/target/screenshots"
mkdir -p "$shots"
rm -f "$shots"/*.png
export SITREP_URL="$url" SCREENSHOTS="$shots" CHROMIUM="$chromium_bin"
echo "dashboard at $SITREP_URL; screenshots to $shots"
cd "$here"
node --test --test-timeout=180000 --test-reporter=spec dashboard.test.mjs
echo "screenshots: $(cd "$shots" && ls *.png | tr '\n' ' ')"
