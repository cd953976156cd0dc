#!/usr/bin/env bash
# CI benchmark smoke check (seconds): fails when extraction, places or the text layer run 2×
# slower than recorded, measured as a ratio to SHA-256 over the same bytes in the same run
# (see crates/sitrep-bench/src/bin/smoke.rs). Needs no ../shared: it runs on `sitrep gen` text.
#
#   scripts/bench_smoke.sh                    # check against bench/smoke_baseline.toml
#   scripts/bench_smoke.sh --write-baseline   # after an intended change, or on new CI hardware
#   scripts/bench_smoke.sh --selftest         # must FAIL: extraction is run three times over
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p sitrep-bench --bin sitrep-smoke
target="${CARGO_TARGET_DIR:-target}"
exec "$target/release/sitrep-smoke" --baseline bench/smoke_baseline.toml "$@"
