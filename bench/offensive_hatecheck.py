"""Offensive-language check on the Dutch HateCheck development set (MA-4). Not a test.

Runs the full ``krantentoets.check.check`` with the default policy on every case of
``hatecheck_nl_dev.csv``; a case counts as flagged when the report has an ``offensive``
finding with severity warn or block (counter-speech reported as info does not count).
Prints per functionality (test type) the number of cases and the share flagged, and the
two headline figures:

- share flagged of the hateful cases plus ``profanity_nh``, ``target_indiv_nh`` and
  ``target_group_nh`` (insults and obscenity are out of place in an official's post):
  target >= 95%;
- share flagged of ``ident_pos_nh``, ``ident_neutral_nh`` and ``negate_neg_nh``:
  target <= 5%.

It also prints the hateful cases per target group (develop on some groups, check that
the others hold up) and, with ``--misses``, the cases it got wrong.

    python bench/offensive_hatecheck.py [--data PATH] [--json out.json] [--misses]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

MUST_FLAG_NH = ("profanity_nh", "target_indiv_nh", "target_group_nh")
MUST_PASS = ("ident_pos_nh", "ident_neutral_nh", "negate_neg_nh")
COUNTER = ("counter_quote_nh", "counter_ref_nh")


def default_data() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def find_csv(path: Path) -> Path:
    if path.is_file():
        return path
    for cand in (path / "hatecheck_nl_dev" / "hatecheck_nl_dev.csv", path / "hatecheck_nl_dev.csv"):
        if cand.is_file():
            return cand
    raise SystemExit(f"HateCheck data not found under {path} (use --data PATH)")


def flagged(text: str, policy: object) -> tuple[bool, list[str]]:
    from krantentoets.check import check
    from krantentoets.post import Post
    from krantentoets.report import Category, Severity

    report = check(Post(text), policy)  # type: ignore[arg-type]
    hits = [
        f"{f.rule}:{f.severity.value}:{f.span.text if f.span else ''}"
        for f in report.findings
        if f.category is Category.OFFENSIVE
    ]
    flag = any(
        f.category is Category.OFFENSIVE and f.severity in (Severity.WARN, Severity.BLOCK)
        for f in report.findings
    )
    return flag, hits


def pct(a: int, n: int) -> str:
    return f"{100 * a / n:5.1f}%" if n else "   -  "


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data(), help="data folder or the CSV")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    ap.add_argument("--misses", action="store_true", help="print the cases it got wrong")
    ap.add_argument("--only", help="only this functionality (with --misses)")
    args = ap.parse_args()

    from krantentoets.policy import default_policy

    rows = list(csv.DictReader(find_csv(args.data).open(encoding="utf-8")))
    policy = default_policy()
    t0 = time.perf_counter()
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_target: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    wrong: list[tuple[str, str, list[str]]] = []
    for r in rows:
        func = r["functionality"]
        flag, hits = flagged(r["test_case"], policy)
        per[func][0] += 1
        per[func][1] += int(flag)
        hateful = r["label_gold"] == "hateful"
        if hateful:
            per_target[r["target_ident"] or "(none)"][0] += 1
            per_target[r["target_ident"] or "(none)"][1] += int(flag)
        should = hateful or func in MUST_FLAG_NH
        shouldnt = func in MUST_PASS or func in COUNTER
        wrong_here = (should and not flag) or (shouldnt and flag)
        if wrong_here and (args.only is None or args.only == func):
            wrong.append((func, r["test_case"], hits))
    elapsed = time.perf_counter() - t0

    print(f"{'functionality':<22} {'n':>4} {'flagged':>8}   (target)")
    for func in sorted(per):
        n, f = per[func]
        if func.endswith("_h") or func in MUST_FLAG_NH:
            goal = ">= 95%"
        elif func in MUST_PASS:
            goal = "<= 5%"
        elif func in COUNTER:
            goal = "low (info is fine)"
        else:
            goal = "report"
        print(f"{func:<22} {n:>4} {pct(f, n):>8}   {goal}")

    def total(funcs: list[str]) -> tuple[int, int]:
        return sum(per[f][0] for f in funcs), sum(per[f][1] for f in funcs)

    must = [f for f in per if f.endswith("_h")] + [f for f in MUST_FLAG_NH if f in per]
    n1, f1 = total(must)
    n2, f2 = total([f for f in MUST_PASS if f in per])
    n3, f3 = total([f for f in COUNTER if f in per])
    print()
    print(
        f"HEADLINE flagged, hateful + profanity/indiv/group_nh: {f1}/{n1} = {pct(f1, n1)}"
        "  (target >= 95%)"
    )
    print(
        f"HEADLINE flagged, ident_pos/ident_neutral/negate_neg: {f2}/{n2} = {pct(f2, n2)}"
        "  (target <= 5%)"
    )
    print(f"counter-speech (quote/ref) flagged warn/block:        {f3}/{n3} = {pct(f3, n3)}")
    print()
    print("hateful cases per target group (generalisation across groups):")
    for tgt in sorted(per_target):
        n, f = per_target[tgt]
        print(f"  {tgt:<14} {n:>4} {pct(f, n):>8}")
    print(
        f"\n{len(rows)} cases in {elapsed:.1f} s ({len(rows) / elapsed:,.0f} posts/s, full check)"
    )

    if args.misses:
        print("\nwrong:")
        for func, text, hits in wrong:
            print(f"  [{func}] {text}  {hits}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "per_functionality": {k: {"n": v[0], "flagged": v[1]} for k, v in per.items()},
                    "per_target": {k: {"n": v[0], "flagged": v[1]} for k, v in per_target.items()},
                    "headline_must_flag": {
                        "n": n1,
                        "flagged": f1,
                        "share": f1 / n1 if n1 else None,
                    },
                    "headline_must_pass": {
                        "n": n2,
                        "flagged": f2,
                        "share": f2 / n2 if n2 else None,
                    },
                    "counter_speech": {"n": n3, "flagged": f3},
                    "seconds": round(elapsed, 2),
                },
                indent=2,
            )
        )
    sys.exit(0)


if __name__ == "__main__":
    main()
