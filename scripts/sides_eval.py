#!/usr/bin/env python3
"""How often the actors of `sitrep extract` match UCDP's two sides, on UCDP GED headlines.

    python3 scripts/sides_eval.py [--split dev] [--sitrep target/release/sitrep] [--base PRED.jsonl]

The scorer (../shared/eval/score.py) scores country, admin1, date and deaths on UCDP, not actors.
This script adds the actors: for each headline where sitrep finds a violent event, it takes the
event that fits UCDP's record best and counts whether actor1/actor2 match side_a/side_b in either
order (`actor_match` of the scorer, with its aliases): "one side" when at least one matches,
"both sides" when both do. UCDP names sides its own way ("Government of Syria", "Syrian
insurgents", "Civilians"), so the figures are low in absolute terms; they are for comparing two
versions. `--base` compares with an earlier prediction file and lists the headlines lost.
Tune on dev only.
"""
import argparse
import json
import sys
from pathlib import Path

# The scorer's loader and the paths are geo_eval's, beside this file.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from geo_eval import ROOT, extract_split, load_scorer, read_pred, ucdp_split  # noqa: E402

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def per_doc(sc, gold, pred):
    """doc id -> (sides matched by the best event: 0, 1 or 2; the events' actor names)."""
    out = {}
    for k, g in gold.items():
        events = [e for e in (pred.get(k, {}).get("events") or []) if e.get("event_type") in VIOLENT]
        if not events:
            continue

        def fit(e):
            x, y = e.get("actor1"), e.get("actor2")
            same = (x is not None and sc.actor_match(g["side_a"], x)) + (y is not None and sc.actor_match(g["side_b"], y))
            swap = (x is not None and sc.actor_match(g["side_b"], x)) + (y is not None and sc.actor_match(g["side_a"], y))
            return max(same, swap)

        names = [((e.get("actor1") or {}).get("name"), (e.get("actor2") or {}).get("name")) for e in events]
        out[k] = (max(fit(e) for e in events), names)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--sitrep", default=str(ROOT / "target" / "release" / "sitrep"))
    ap.add_argument("--base", help="an earlier prediction file on the same split, to compare")
    ap.add_argument("--show", type=int, default=20, help="headlines lost against --base to print")
    a = ap.parse_args()
    docs, gold_path = ucdp_split(a.split)
    if not docs.exists():
        print(f"skipping: {docs} absent", file=sys.stderr)
        return 0
    sc = load_scorer()
    gold = {json.loads(l)["id"]: json.loads(l)["events"][0] for l in gold_path.open()}
    now = per_doc(sc, gold, extract_split(a.sitrep, docs))
    n = len(now)
    print(f"split: {a.split}\nheadlines with a violent event: {n}")
    print(f"one side matched: {sum(v >= 1 for v, _ in now.values()) / n:.3f}")
    print(f"both sides matched: {sum(v == 2 for v, _ in now.values()) / n:.3f}")
    if a.base:
        before = per_doc(sc, gold, read_pred(a.base))
        print(f"base: one side {sum(v >= 1 for v, _ in before.values()) / len(before):.3f}, "
              f"both {sum(v == 2 for v, _ in before.values()) / len(before):.3f}")
        lost = [k for k in before if k in now and now[k][0] < before[k][0]]
        won = [k for k in before if k in now and now[k][0] > before[k][0]]
        print(f"headlines won: {len(won)}, lost: {len(lost)}")
        texts = {json.loads(l)["id"]: json.loads(l)["text"] for l in docs.open()}
        for k in lost[: a.show]:
            print("LOST", k, texts.get(k, "")[:120], before[k][1], "->", now[k][1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
