#!/usr/bin/env bash
# Crash test of `sitrep ingest`: kill -9 at random moments, re-run, compare with a clean run.
#
#   scripts/crash_test.sh [SITREP_BINARY] [RUNS] [DOCS]
#
# Input: ../shared/corpora/ucdp-ged/dev.docs.jsonl replicated to DOCS documents in a temp dir
# (distinct ids and texts; never committed). Passes when every run, after its re-run, holds
# exactly the clean run's documents, mentions and events: 0 lost, 0 duplicated.
set -euo pipefail
BIN=${1:-target/release/sitrep}
RUNS=${2:-20}
DOCS=${3:-30000}
SRC=../shared/corpora/ucdp-ged/dev.docs.jsonl
if [ ! -f "$SRC" ]; then echo "skipping: ../shared absent"; exit 0; fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 - "$SRC" "$DOCS" > "$TMP/docs.jsonl" <<'PY'
import json, sys
src = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2])
for i in range(n):
    d = dict(src[i % len(src)])
    d["id"] = f'{d["id"]}-r{i}'
    d["text"] = f'{d["text"]} #{i}'
    print(json.dumps(d))
PY
state() {  # a canonical dump of what a database holds
  sqlite3 "$1" "SELECT 'doc', doc_id, content_hash FROM documents
                UNION ALL SELECT 'mention', mention_key, json FROM mentions
                UNION ALL SELECT 'event', key, n_mentions FROM events
                ORDER BY 1, 2, 3" | sha256sum | cut -d' ' -f1
}
counts() { sqlite3 "$1" "SELECT (SELECT count(*) FROM documents) || ' docs, ' || (SELECT count(DISTINCT doc_id) FROM documents) || ' distinct ids, ' || (SELECT count(*) FROM mentions) || ' mentions, ' || (SELECT count(*) FROM events) || ' events'"; }
start=$(date +%s.%N)
"$BIN" -q --db "$TMP/clean.db" ingest "$TMP/docs.jsonl" --batch 500
clean_secs=$(echo "$(date +%s.%N) - $start" | bc)
want=$(state "$TMP/clean.db")
echo "clean run: $(counts "$TMP/clean.db") in ${clean_secs}s"
fail=0; killed=0; partial=0
for run in $(seq 1 "$RUNS"); do
  db="$TMP/crash-$run.db"
  # Kill twice: at a random moment of a fresh run, then early in the run that resumes it.
  for share in 0.95 0.4; do
    "$BIN" -q --db "$db" ingest "$TMP/docs.jsonl" --batch 500 &
    pid=$!
    sleep "$(python3 -c "import random; print(random.uniform(0.02, $clean_secs * $share))")"
    if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    wait "$pid" 2>/dev/null || true
  done
  before=$(sqlite3 "$db" "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
  if [ "$before" -lt "$DOCS" ]; then partial=$((partial + 1)); fi
  "$BIN" -q --db "$db" ingest "$TMP/docs.jsonl" --batch 500
  got=$(state "$db")
  if [ "$got" = "$want" ]; then verdict=ok; else verdict=DIFFERENT; fail=$((fail + 1)); fi
  echo "run $run: $before docs before the re-run; after: $(counts "$db"): $verdict"
done
echo "crash test: $RUNS runs, $killed kills landed, $partial runs left partial, $fail differing from the clean run"
[ "$fail" -eq 0 ]
