#!/usr/bin/env bash
# The main job on the bundled examples: build, extract, ingest into a fresh database, query.
# Needs only the Rust toolchain; no network once crates are fetched.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/sitrep"
out=${SITREP_DEMO_DIR:-target/demo}
rm -rf "$out" && mkdir -p "$out"
echo "== sitrep extract examples/reports.jsonl (CONTRACT JSON, one line per document) -> $out/extract.jsonl"
"$bin" extract examples/reports.jsonl -o "$out/extract.jsonl"
python3 - "$out/extract.jsonl" <<'PY' 2>/dev/null || head -c 2000 "$out/extract.jsonl"
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    for e in d["events"]:
        if not e["event_type"]:
            continue
        a1 = (e["actor1"] or {}).get("name") or "unknown"
        a2 = (e["actor2"] or {}).get("name") or "unknown"
        loc = e["location"] or {}
        print(f'{d["doc_id"]:16} {e["sub_event_type"]:34} {a1} -> {a2} | {loc.get("name")}, {loc.get("admin1")} {loc.get("country")} | {e["date"]} | killed {e["fatalities"]["min"]}')
    for s in d["statements"]:
        print(f'{d["doc_id"]:16} statement {s["kind"]:20} {s["speaker"]["name"]}')
PY
echo
echo "== sitrep ingest examples/ into $out/sitrep.db, then events and counts"
"$bin" --db "$out/sitrep.db" ingest examples/reports.jsonl
"$bin" --db "$out/sitrep.db" events --format table
"$bin" --db "$out/sitrep.db" count --by type --format table
