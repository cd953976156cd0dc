#!/usr/bin/env python3
"""Score the place resolver on UCDP GED headlines (country and admin1 of the best place; also
the accuracy on headlines whose places lie in one province, and how often UCDP's province is
among the places of a headline that names several).

    python3 scripts/geo_eval.py [--split dev] [--sitrep target/release/sitrep] [--show N] [--no-extract]

Runs `sitrep geocode --jsonl` on ../shared/corpora/ucdp-ged/{split}.docs.jsonl, picks per
headline the best place (the most specific precision, first in the text on ties) and compares
its country and admin1 with the gold record, folding admin1 names with the scorer's own
`place_key` (../shared/eval/score.py, imported by path, with aliases.json).
Also measures the places through `sitrep extract` (see `through_extract`).
Tune on dev only.
"""
import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PREC = {"town": 0, "district": 1, "province": 2, "country": 3}


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def ucdp_split(split):
    """The documents and the gold file of a UCDP GED split in ../shared."""
    base = SHARED / "corpora" / "ucdp-ged"
    return base / f"{split}.docs.jsonl", base / f"{split}.gold.jsonl"


def best_place(places, min_conf=0.5):
    """The most specific place, first on ties, among those the resolver is reasonably sure of."""
    places = [p for p in places or [] if p.get("confidence", 1) >= min_conf]
    if not places:
        return None
    return min(enumerate(places), key=lambda ip: (PREC.get(ip[1]["location"]["precision"], 9), ip[0]))[1]


def read_pred(path):
    """A `sitrep extract` output file, by document id."""
    with open(path) as f:
        return {r["doc_id"]: r for r in map(json.loads, f)}


def extract_split(sitrep, docs):
    """`sitrep extract` on a split's documents, by document id."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pred.jsonl"
        subprocess.run([sitrep, "-q", "extract", str(docs), "-o", str(out)], check=True)
        return read_pred(out)


def through_extract(sitrep, docs, gold_path, sc):
    """The places as the product gives them: the events of `sitrep extract`. Among headlines
    with an event placed in a province, the admin1 of (a) the event that answers UCDP's record,
    chosen as ../shared/eval/score.py chooses it (the most agreeing in country and admin1: a
    headline often reports several events, and UCDP's record is one of them), and (b) the first
    such event, blind."""
    pred = extract_split(sitrep, docs)
    n = placed = fit_ok = first_ok = country_ok = 0
    for line in gold_path.open():
        g = json.loads(line)
        gev = g["events"][0]
        n += 1
        evs = [e for e in (pred.get(g["id"], {}).get("events") or []) if (e.get("location") or {}).get("admin1")]
        if not evs:
            continue
        placed += 1
        key = sc.place_key(gev["admin1"])

        def fit(e):
            loc = e["location"]
            return (loc.get("country") == gev["country"]) + (sc.place_key(loc.get("admin1")) == key)

        best = max(evs, key=fit)["location"]
        fit_ok += sc.place_key(best.get("admin1")) == key
        country_ok += best.get("country") == gev["country"]
        first_ok += sc.place_key(evs[0]["location"].get("admin1")) == key
    return {
        "extract_headlines_with_event_in_a_province": placed,
        "extract_share": round(placed / n, 3) if n else None,
        "extract_country_acc": round(country_ok / placed, 3) if placed else None,
        "extract_admin1_acc_scorer_choice": round(fit_ok / placed, 3) if placed else None,
        "extract_admin1_acc_first_event": round(first_ok / placed, 3) if placed else None,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--sitrep", default=str(ROOT / "target" / "release" / "sitrep"))
    ap.add_argument("--show", type=int, default=0, help="print N misses")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-extract", action="store_true", help="skip the measure through `sitrep extract`")
    a = ap.parse_args()
    docs, gold_path = ucdp_split(a.split)
    if not docs.exists():
        print(f"skipping: {docs} absent", file=sys.stderr)
        return 0
    sc = load_scorer()
    out = subprocess.run([a.sitrep, "-q", "geocode", "--jsonl", str(docs)], check=True,
                         capture_output=True, text=True).stdout
    pred = {}
    for line in out.splitlines():
        r = json.loads(line)
        pred[r["id"]] = r["places"]
    texts = {json.loads(l)["id"]: json.loads(l)["text"] for l in docs.open()}
    n = with_place = country_ok = admin1_ok = admin1_n = 0
    # Headlines whose places all lie in one province (the resolver's own accuracy), and the others
    # (several provinces: which one UCDP coded is the event's choice, not the resolver's).
    one_n = one_ok = multi_n = multi_found = 0
    prec = Counter()
    misses = []
    for line in gold_path.open():
        g = json.loads(line)
        gev = g["events"][0]
        n += 1
        p = best_place(pred.get(g["id"]))
        if p is None:
            continue
        sure = [q for q in pred.get(g["id"]) or [] if q.get("confidence", 1) >= 0.5
                and q["location"]["precision"] != "country"]
        provinces = {sc.place_key(q["location"].get("admin1")) for q in sure}
        if len(provinces) == 1:
            one_n += 1
            one_ok += sc.place_key(gev["admin1"]) in provinces
        elif provinces:
            multi_n += 1
            multi_found += sc.place_key(gev["admin1"]) in provinces
        loc = p["location"]
        with_place += 1
        prec[loc["precision"]] += 1
        ok_c = loc.get("country") == gev["country"]
        country_ok += ok_c
        # admin1 is judged where the place is at least a province (a country-only answer has none)
        if loc["precision"] != "country":
            admin1_n += 1
            ok_a = sc.place_key(loc.get("admin1")) == sc.place_key(gev["admin1"])
            admin1_ok += ok_a
        else:
            ok_a = True
        if not (ok_c and ok_a):
            misses.append((g["id"], texts.get(g["id"]), p["text"], loc.get("country"), loc.get("admin1"),
                           gev["country"], gev["admin1"], p.get("reason")))
    res = {
        "split": a.split,
        "headlines": n,
        "with_place": with_place,
        "share_with_place": round(with_place / n, 3) if n else None,
        "country_acc": round(country_ok / with_place, 3) if with_place else None,
        "admin1_scored": admin1_n,
        "admin1_acc": round(admin1_ok / admin1_n, 3) if admin1_n else None,
        # the strict reading: a country-only answer counts as a wrong admin1
        "admin1_acc_all": round(admin1_ok / with_place, 3) if with_place else None,
        "one_province_headlines": one_n,
        "admin1_acc_one_province": round(one_ok / one_n, 3) if one_n else None,
        "several_province_headlines": multi_n,
        "gold_province_among_them": round(multi_found / multi_n, 3) if multi_n else None,
        "precision": dict(prec),
    }
    if not a.no_extract:
        res.update(through_extract(a.sitrep, docs, gold_path, sc))
    print(json.dumps(res) if a.json else "\n".join(f"{k}: {v}" for k, v in res.items()))
    for m in misses[: a.show]:
        print("MISS", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
