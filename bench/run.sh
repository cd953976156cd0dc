#!/usr/bin/env bash
# Whole-process measurements for BENCHMARKS.md, each under /usr/bin/time -v.
#
#   bench/run.sh [--docs N] [--events N] [--reps R] [--out DIR]
#
#   --docs N     documents ingested end to end (default 20000)
#   --events N   size of the events table for the query probe (default 1000000; the issue asks
#                10000000: synthetic consolidated events written straight into the store by
#                `sitrep-querylat synth`, with the covering indexes of migration 8, the lookup
#                rows, the actor and source words and the cubes of migration 9: see BENCHMARKS.md
#                for the size per event, and check `df` first (10M was ~25 GB at migration 8,
#                and ~1 h on this shared VM). The file is deleted at the end. A migration on an
#                existing store: `sitrep-querylat migrate DB`, see BENCHMARKS.md)
#   --ucdp N     also ingest ../shared's UCDP GED dev documents replicated to N (ids and texts
#                made unique, dates shifted 400 days per copy) and report peak RSS (default 0: skip)
#   --reps R     runs per query filter for p50/p99 (default 50)
#   --ingest-only  only the ingest sections (synthetic and --ucdp), no extract or query probe:
#                `bench/run.sh --ucdp 100230 --ingest-only` is the ingest table of BENCHMARKS.md
#
# Corpora: news text = the seed article as 2,000 documents (needs ../shared; else synthetic);
# synthetic = `sitrep gen`. MB/s are bytes of document text (not of JSON) per second; "per core"
# divides by user+sys CPU seconds of a --threads 1 run, so it holds on a busy machine too.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=20000 EVENTS=1000000 REPS=50 UCDP=0 INGEST_ONLY=0 OUT=${TMPDIR:-/tmp}/sitrep-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) DOCS=$2; shift 2 ;; --events) EVENTS=$2; shift 2 ;;
    --reps) REPS=$2; shift 2 ;; --out) OUT=$2; shift 2 ;; --ucdp) UCDP=$2; shift 2 ;;
    --ingest-only) INGEST_ONLY=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
T="${CARGO_TARGET_DIR:-target}/release"
cargo build --release --quiet -p sitrep -p sitrep-bench
BIN="$T/sitrep"

echo "# $(date -u +%FT%TZ) $(uname -srm); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# measure NAME CMD...: prints wall, user+sys, peak RSS of one run.
measure() {
  local name=$1; shift
  /usr/bin/time -v "$@" 2>"$OUT/$name.time" >/dev/null || { cat "$OUT/$name.time" >&2; return 1; }
  awk -v n="$name" -F': ' '
    /Elapsed \(wall clock\)/ { split($2, a, ":"); wall = (length(a) == 3) ? a[1]*3600 + a[2]*60 + a[3] : a[1]*60 + a[2] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { rss = $2 }
    END { printf "%-24s wall %7.2f s  cpu %7.2f s  rss %6.1f MB\n", n, wall, u + s, rss / 1024 }' "$OUT/$name.time"
}
cpu_of() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$OUT/$1.time"; }
wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ { split($2, a, ":"); print (length(a) == 3) ? a[1]*3600 + a[2]*60 + a[3] : a[1]*60 + a[2] }' "$OUT/$1.time"; }
text_mb() { python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1]) if l.strip())/1e6)' "$1"; }

# Corpora.
SEED=../shared/seed/seed.docs.jsonl
if [ -f "$SEED" ]; then
  python3 -c 'import json,sys
d=json.loads(open(sys.argv[1]).readline())
for i in range(2000): d["id"]="news-%d"%i; print(json.dumps(d))' "$SEED" > "$OUT/news.jsonl"
else
  echo "# ../shared absent: news text is synthetic"
  "$BIN" gen --docs 12000 --seed 5 -o "$OUT/news.jsonl"
fi
"$BIN" gen --docs "$DOCS" --seed 1 -o "$OUT/gen.jsonl" --truth "$OUT/gen.gold.jsonl"
NEWS_MB=$(text_mb "$OUT/news.jsonl"); GEN_MB=$(text_mb "$OUT/gen.jsonl")
echo "# news $NEWS_MB MB of text; synthetic $DOCS docs, $GEN_MB MB of text"

if [ "$INGEST_ONLY" = 0 ]; then
echo "## process start (dictionaries + gazetteer), empty input"
: > "$OUT/empty.jsonl"
measure start "$BIN" extract --threads 1 "$OUT/empty.jsonl"
"$BIN" gazetteer info 2>&1 | sed 's/^/    /'

echo "## extract"
for c in news gen; do
  MB=$([ $c = news ] && echo "$NEWS_MB" || echo "$GEN_MB")
  for t in 1 2; do
    measure "extract-$c-t$t" "$BIN" extract --threads $t "$OUT/$c.jsonl" -o /dev/null
    awk -v mb="$MB" -v cpu="$(cpu_of extract-$c-t$t)" -v w="$(wall_of extract-$c-t$t)" -v t=$t \
      'BEGIN { printf "    %d thread(s): %.2f MB/s per core-second, %.2f MB/s wall\n", t, mb / cpu, mb / w }'
  done
done

fi

# The machine is shared: the load beside each ingest figure says how far wall time is to trust
# (compare CPU seconds, user + sys).
load() { echo "    load $(cut -d' ' -f1-3 /proc/loadavg)"; }
events_in() { python3 -c 'import sqlite3,sys; print("    events:", sqlite3.connect(sys.argv[1]).execute("select count(*) from events").fetchone()[0])' "$1"; }

echo "## ingest end to end (read, extract, store, consolidate), $DOCS docs"
rm -f "$OUT/ingest.db"*
measure ingest "$BIN" --db "$OUT/ingest.db" ingest "$OUT/gen.jsonl"
awk -v n="$DOCS" -v w="$(wall_of ingest)" -v cpu="$(cpu_of ingest)" \
  'BEGIN { printf "    %.0f docs/s wall, %.0f docs per cpu-second\n", n / w, n / cpu }'

UCDP_DEV=../shared/corpora/ucdp-ged/dev.docs.jsonl
if [ "$UCDP" -gt 0 ] && [ -f "$UCDP_DEV" ]; then
  echo "## ingest UCDP GED dev replicated to $UCDP documents"
  python3 -c 'import json,sys,datetime
docs=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]; n=int(sys.argv[2]); k=0
while k*len(docs) < n:
    for d in docs[:n-k*len(docs)]:
        e=dict(d); e["id"]="%s-r%d"%(d["id"],k); e["text"]=d["text"]+" "*k
        if d.get("published"):
            e["published"]=(datetime.date.fromisoformat(d["published"][:10])+datetime.timedelta(days=400*k)).isoformat()
        print(json.dumps(e))
    k+=1' "$UCDP_DEV" "$UCDP" > "$OUT/ucdp.jsonl"
  # docs/s wall and per CPU-second, and what consolidation made (its summary line on stderr):
  # with the 3,341 dev documents x30 (--ucdp 100230, 116k mentions in one partition, clustered
  # in two slices of SPLIT_MENTIONS) it makes 86,802 events.
  rate() {
    awk -v n="$UCDP" -v w="$(wall_of "$1")" -v cpu="$(cpu_of "$1")" \
      'BEGIN { printf "    %.0f docs/s wall, %.0f docs per cpu-second\n", n / w, n / cpu }'
    grep -h '^consolidate:' "$OUT/$1.time" | sed 's/^/    /' || true
  }
  rm -f "$OUT/ucdp.db"*
  load; measure ingest-ucdp "$BIN" --db "$OUT/ucdp.db" ingest "$OUT/ucdp.jsonl"
  rate ingest-ucdp; events_in "$OUT/ucdp.db"; load
  rm -f "$OUT/ucdp-nc.db"*
  measure ingest-ucdp-no-consolidate "$BIN" --db "$OUT/ucdp-nc.db" ingest --no-consolidate "$OUT/ucdp.jsonl"
  rate ingest-ucdp-no-consolidate; load
  measure consolidate-ucdp "$BIN" --db "$OUT/ucdp-nc.db" consolidate
  grep -h '^consolidate:' "$OUT/consolidate-ucdp.time" | sed 's/^/    /' || true
  events_in "$OUT/ucdp-nc.db"; load
  rm -f "$OUT/ucdp.db"* "$OUT/ucdp-nc.db"*
fi
[ "$INGEST_ONLY" = 1 ] && { echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)"; exit 0; }

echo "## query latency over $EVENTS synthetic events"
rm -f "$OUT/q.db"*
measure synth "$T/sitrep-querylat" synth "$OUT/q.db" --events "$EVENTS"
ls -la "$OUT/q.db" | awk '{ printf "    db %.0f MB\n", $5 / 1e6 }'
# The named filters (count and a 50-event page), then the issue's grid: no filter, country,
# province, type, actor and source, over all years, 2023 and a 30-day window, by
# day/week/month/admin1/actor/type.
"$T/sitrep-querylat" probe "$OUT/q.db" --reps "$REPS" --grid | sed 's/^/    /'
measure count-cli-country-month "$BIN" --db "$OUT/q.db" count --country PK --from 2023-05-01 --to 2023-05-31 --format json
rm -f "$OUT/q.db"*
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
