"""Does the offensive-language check generalise to target groups it was not developed on?

HateCheck's cases are templates (``case_templ``) with ``[IDENT_P]``/``[IDENT_S]``
placeholders. This script fills the dev set's templates with identity terms of
groups that are NOT in the dev data (trans people, Black people, disabled people,
Muslims, Jews, Roma, older people) and measures, per test type and group, the share
flagged, with the same headline figures as ``offensive_hatecheck.py``. Slur
templates are skipped (slurs are group-specific words, not frames); spelling
variants of the identity term (leet, spaced out, a dropped letter) are applied as
HateCheck does. The terms are written here plainly, as a reader would expect
them; they are not tuned to the detector.

    python bench/offensive_other_groups.py [--data PATH] [--json out.json] [--misses]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from offensive_hatecheck import (
    MUST_FLAG_NH,
    MUST_PASS,
    default_data,
    find_csv,
    flagged,
)

#: group -> (plural, singular) identity terms
GROUPS: dict[str, tuple[str, str]] = {
    "trans people": ("transgenders", "transgender"),
    "trans people (2)": ("transpersonen", "transpersoon"),
    "Black people": ("zwarte mensen", "zwarte man"),
    "disabled people": ("gehandicapten", "gehandicapte"),
    "disabled people (2)": ("mensen met een beperking", "iemand met een beperking"),
    "Muslims": ("moslims", "moslim"),
    "Jews": ("joden", "jood"),
    "Roma": ("Roma", "Roma"),
    "older people": ("ouderen", "oudere"),
}


_LEET = str.maketrans({"e": "3", "a": "4", "o": "0", "i": "1"})


def variant(term: str, kind: str) -> str:
    """The spelling variants HateCheck applies to identity terms."""
    if kind == "leet":
        return term.translate(_LEET)
    if kind == "space_add":
        return " ".join(term.replace(" ", ""))
    if kind == "char_del":  # drop one letter from the middle of the longest word
        words = term.split(" ")
        i = max(range(len(words)), key=lambda k: len(words[k]))
        w = words[i]
        words[i] = w[: len(w) // 2] + w[len(w) // 2 + 1 :]
        return " ".join(words)
    raise ValueError(kind)


_PLACEHOLDER = re.compile(r"\[IDENT_([PS])(?:_([a-z_]+))?\]")


def fill(template: str, plural: str, singular: str) -> str:
    def sub(m: re.Match[str]) -> str:
        term = plural if m.group(1) == "P" else singular
        return variant(term, m.group(2)) if m.group(2) else term

    text = _PLACEHOLDER.sub(sub, template)
    return text[:1].upper() + text[1:] if template.startswith("[") else text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--json", type=Path)
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    from krantentoets.policy import default_policy

    policy = default_policy()
    rows = list(csv.DictReader(find_csv(args.data).open(encoding="utf-8")))
    # one row per (functionality, template): the dev set repeats each template per group
    templates: dict[tuple[str, str], str] = {}
    for r in rows:
        t = r["case_templ"]
        if "[SLR_" in t or ("[IDENT_" not in t):
            continue
        templates.setdefault((r["functionality"], t), r["label_gold"])
    by_func: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    for (func, template), _label in sorted(templates.items()):
        for group, (plural, singular) in GROUPS.items():
            text = fill(template, plural, singular)
            flag, hits = flagged(text, policy)
            by_func[func][0] += 1
            by_func[func][1] += flag
            must_flag = func.endswith("_h") or func in MUST_FLAG_NH
            if must_flag:
                by_group[group][0] += 1
                by_group[group][1] += flag
            wrong = (must_flag and not flag) or (func in MUST_PASS and flag)
            if wrong:
                misses.append(f"{func:<20} {group:<20} {text}  {hits}")
    print("Offensive language on dev templates filled with groups outside the dev data")
    print(f"{'test type':<22}{'n':>6}{'flagged':>10}")
    for func in sorted(by_func):
        n, k = by_func[func]
        print(f"{func:<22}{n:>6}{k / n:>10.1%}")
    hateful = [v for f, v in by_func.items() if f.endswith("_h") or f in MUST_FLAG_NH]
    clean = [v for f, v in by_func.items() if f in MUST_PASS]
    hn, hk = sum(v[0] for v in hateful), sum(v[1] for v in hateful)
    cn, ck = sum(v[0] for v in clean), sum(v[1] for v in clean)
    print()
    print(f"{'group':<22}{'n':>6}{'flagged':>10}   (must-flag cases)")
    for group, (n, k) in by_group.items():
        print(f"{group:<22}{n:>6}{k / n:>10.1%}")
    print()
    print(f"must-flag cases flagged: {hk}/{hn} = {hk / hn:.1%} (target >= 95%)")
    print(f"must-pass cases flagged: {ck}/{cn} = {ck / cn:.1%} (target <= 5%)")
    if args.misses:
        print("\nMisses:")
        print("\n".join(misses))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "must_flag": {"n": hn, "flagged": hk, "share": hk / hn},
                    "must_pass": {"n": cn, "flagged": ck, "share": ck / cn},
                    "by_group": {g: {"n": n, "flagged": k} for g, (n, k) in by_group.items()},
                    "by_type": {f: {"n": n, "flagged": k} for f, (n, k) in by_func.items()},
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
