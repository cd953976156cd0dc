#!/usr/bin/env bash
# Parquet export read back by a real reader (pyarrow, from PyPI: `pip install pyarrow`).
#
#   scripts/parquet_readback.sh [SITREP_BINARY built with --features parquet]
#
# Ingests examples/feeds, exports Parquet under a Hive year=/month= layout, reads the whole
# dataset with pyarrow and checks its row count and months against `sitrep events`.
set -euo pipefail
BIN=${1:-target/release/sitrep}
if ! python3 -c 'import pyarrow' 2>/dev/null; then echo "skipping: pyarrow absent (pip install pyarrow)"; exit 0; fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$BIN" -q --db "$TMP/t.db" ingest examples/feeds --sources sources.example.toml --keep-going \
  --csv-map text=body,published=date,id=post_id,source=outlet,title=headline
"$BIN" -q --db "$TMP/t.db" events --format jsonl > "$TMP/events.jsonl"
"$BIN" --db "$TMP/t.db" export --format parquet -o "$TMP/parquet"
python3 - "$TMP/events.jsonl" "$TMP/parquet" <<'PY'
import collections, json, sys
import pyarrow.dataset as ds
events = [json.loads(l) for l in open(sys.argv[1])]
dated = [e for e in events if e.get("date")]
want = collections.Counter((int(e["date"][:4]), int(e["date"][5:7])) for e in dated)
table = ds.dataset(sys.argv[2], format="parquet", partitioning="hive").to_table()
got = collections.Counter(zip(table.column("year").to_pylist(), table.column("month").to_pylist()))
assert table.num_rows == len(dated), (table.num_rows, len(dated))
assert got == want, (got, want)
assert sorted(table.column("id").to_pylist()) == sorted(e["id"] for e in dated)
print(f"parquet read back by pyarrow: {table.num_rows} rows in {len(got)} month partitions, matching `sitrep events`")
PY
