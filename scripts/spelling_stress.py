#!/usr/bin/env python3
"""Stress the place matcher with transliteration variants it has never seen.

    python3 scripts/spelling_stress.py [--sitrep target/release/sitrep] [--n 600] [--show]

Takes towns of 40,000 people or more in the conflict countries from
../shared/gazetteer/geonames/cities500.txt.gz, rewrites each name once by one rule a
transliteration might follow (ou/u, e/i, q/k, kh/h, dh/z, doubled letters, al-/el-, -e-/-i-,
a final -ah, y/i, sh/ch, j/dj, ...; seeded, so the set is the same on every run), puts it in a
sentence that names no country ("Gunmen attacked a police checkpoint in Baqoubah on Monday,
killing three officers.") and scores the admin1 of the event `sitrep extract` gives, per rule.
Many rewrites are unlike any real spelling ("Commonouealth"): the figure is a floor to keep
and a list of misses to read, not an accuracy.
"""
import argparse
import gzip
import json
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEONAMES = ROOT.parent / "shared" / "gazetteer" / "geonames"
COUNTRIES = ("AF PK IN IQ SY YE SO NG ML BF NE LY SD SS CD CF ET MZ UA PS IL LB TR IR EG CM KE MM "
             "PH CO MX BD TD SA DZ HT").split()
RULES = [(r"ou", "u"), (r"u", "ou"), (r"q", "k"), (r"k", "q"), (r"dh", "z"), (r"z", "dh"), (r"kh", "h"),
         (r"e", "i"), (r"i", "e"), (r"([a-z])\1", r"\1"), (r"([lrnst])", r"\1\1"), (r"^Al ", "al-"),
         (r"^Al-", "el-"), (r"^El ", "al-"), (r"-e-", "-i-"), (r"-i-", "-e-"), (r"a$", "ah"), (r"ah$", "a"),
         (r" ", "-"), (r"-", " "), (r"y", "i"), (r"i", "y"), (r"ch", "sh"), (r"sh", "ch"), (r"j", "dj"),
         (r"dj", "j"), (r"w", "ou"), (r"aa", "a"), (r"o", "u")]


def plain(s):
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return s.replace("\u2018", "").replace("\u2019", "").replace("'", "")


def key(s):
    return "".join(c for c in plain(s or "") if c.isalnum()).lower()


def cases(n):
    a1 = {}
    for line in (GEONAMES / "admin1CodesASCII.txt").open(encoding="utf8"):
        code, name, _, _ = line.rstrip("\n").split("\t")
        a1[code] = name
    rows = []
    with gzip.open(GEONAMES / "cities500.txt.gz", "rt", encoding="utf8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if c[8] in COUNTRIES and int(c[14] or 0) >= 40_000 and c[6] == "P" and f"{c[8]}.{c[10]}" in a1:
                rows.append((c[2], c[8], a1[f"{c[8]}.{c[10]}"]))
    rng = random.Random(7)
    rng.shuffle(rows)
    out = []
    for name, cc, admin1 in rows:
        base = plain(name)
        variants = [(p, v) for p, r in RULES
                    if (v := re.sub(p, r, base, count=1)) != base and v.lower() != base.lower()]
        if not variants:
            continue
        rule, v = rng.choice(variants)
        out.append(dict(id=f"v{len(out):04d}", name=name, variant=v, rule=rule, cc=cc, admin1=admin1,
                        text=f"Gunmen attacked a police checkpoint in {v} on Monday, killing three officers."))
        if len(out) == n:
            break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", default=str(ROOT / "target" / "release" / "sitrep"))
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--show", action="store_true", help="print every miss")
    a = ap.parse_args()
    if not (GEONAMES / "cities500.txt.gz").exists():
        print(f"skipping: {GEONAMES} absent", file=sys.stderr)
        return 0
    cs = cases(a.n)
    with tempfile.TemporaryDirectory() as td:
        docs, out = Path(td) / "docs.jsonl", Path(td) / "out.jsonl"
        docs.write_text("".join(json.dumps({"id": c["id"], "text": c["text"], "published": "2024-05-14"}) + "\n"
                                for c in cs), encoding="utf8")
        subprocess.run([a.sitrep, "-q", "extract", str(docs), "-o", str(out)], check=True)
        pred = {json.loads(l)["doc_id"]: json.loads(l) for l in out.open(encoding="utf8")}
    ok, per, n = 0, Counter(), Counter()
    misses = []
    for c in cs:
        loc = ((pred[c["id"]]["events"] or [{}])[0].get("location") or {})
        good = loc.get("country") == c["cc"] and key(loc.get("admin1")) == key(c["admin1"])
        ok += good
        n[c["rule"]] += 1
        per[c["rule"]] += good
        if not good:
            misses.append((c["variant"], c["name"], c["cc"], c["admin1"], loc.get("name"), loc.get("country"),
                           loc.get("admin1")))
    print(f"admin1 right: {ok}/{len(cs)} = {ok / len(cs):.3f}")
    for r in sorted(n, key=lambda r: -n[r]):
        print(f"  {r!r:16} {per[r]}/{n[r]}")
    if a.show:
        for m in misses:
            print("MISS", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
