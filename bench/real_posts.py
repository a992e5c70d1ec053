"""The check on REAL posts, against blind labels (issue 10). Not a test.

Runs ``krantentoets.check.check`` on the labelled sample of
``../shared/data/real_posts_party_dev/`` (4,711 published tweets of Dutch parties)
and compares the findings with the blind labels in ``bench/data/real_posts/``
(rubric: ``RUBRIC.md``; ids: ``sample.csv``; labels: ``labels_A.jsonl`` and
``labels_B.jsonl``, ids + labels + offsets only: the post text is read from the
shared data folder at run time and never copied into the repository).

Every post is checked as an office holder's post (profile ``mandatarissen``,
account ``in-function``, a bio that states the role, platform ``x``) against
``verdict_ma`` / ``problems_ma``; the posts with ``mw_sample = yes`` also as an
organisation account under the employees' code (profile ``medewerkers``, account
``organisation``) against ``verdict_mw`` / ``problems_mw``.

Only the categories the labellers judged are scored (not ``length``, ``role``,
``portrait``; see the rubric). A finding counts when its severity is warn or block
(``info`` never changes the verdict). A finding is *correct* when it overlaps a
labelled problem of the same category (a finding about the whole post overlaps
every problem of its category); a labelled problem is *found* when a finding of
the same category overlaps it.

A second blind round (``round2/``: ``sample.csv`` with ``tune2`` / ``holdout2`` ids,
labellers D, E and F, same rubric) is read beside the first; ``--labels2 DIR`` reads its
label files from another folder (``labels_*.jsonl`` in DIR or its subfolders), for
instance the labellers' own working folder while they are still labelling.

Printed per part (``tune``, ``holdout``, ``tune2``, ``holdout2``): precision per rule and
per category, recall per category and overall, the share of posts flagged doubt / do-not-post,
and the share flagged among posts whose label says ``post``; per rule for the tune
parts only. With ``--examples`` every false alarm and miss of the TUNE parts is
printed; the holdout parts are only ever reported as totals per category.

    python bench/real_posts.py [--labels DIR] [--data DIR] [--examples] [--json OUT]
    python bench/real_posts.py --corpus-jsonl OUT.jsonl   # all findings, all 4,711 posts
    python bench/real_posts.py --explore [--rule R]        # whole corpus minus the holdout ids
    (--rule LE01 / --rule role also counts the unscored length and role findings)
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "data" / "real_posts"
LABELS2 = LABELS / "round2"
PARTS = ("tune", "holdout", "tune2", "holdout2")
TUNE_PARTS = ("tune", "tune2")
#: Categories the labellers judged (RUBRIC.md); the others are not scored.
SCORED = (
    "offensive",
    "personal-data",
    "confidential",
    "certainty",
    "spokesperson",
    "copyright",
    "stance",
    "reply-to-criticism",
)
BIO = "Officieel account van {party}. Berichten namens de fractie en onze volksvertegenwoordigers."


def default_data() -> Path:
    return HERE.parents[1] / "shared" / "data" / "real_posts_party_dev"


def read_corpus(data: Path) -> dict[str, dict[str, str]]:
    path = data / "party_tweets_dev.csv" if data.is_dir() else data
    if not path.is_file():
        raise SystemExit(f"real posts not found at {path} (use --data DIR)")
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def read_sample(labels: Path, labels2: Path | None = LABELS2) -> dict[str, dict[str, str]]:
    """Both rounds' ids; round 2's ``split`` is ``tune2`` / ``holdout2``."""
    out: dict[str, dict[str, str]] = {}
    for folder in (labels, labels2):
        path = folder / "sample.csv" if folder else None
        if path is None or not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out.setdefault(row["id"], row)
    return out


def read_labels(labels: Path, labels2: Path | None = LABELS2) -> dict[str, dict]:
    out: dict[str, dict] = {}
    paths = [labels / "labels_A.jsonl", labels / "labels_B.jsonl"]
    if labels2 is not None and labels2.is_dir():
        paths += sorted(labels2.glob("labels_*.jsonl")) + sorted(labels2.glob("*/labels_*.jsonl"))
    for path in paths:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[str(row["id"])] = row
    return out


# -- running the check -------------------------------------------------------------


def policies() -> tuple[object, object]:
    from krantentoets.policy import load_policy

    return load_policy(profile="mandatarissen"), load_policy(profile="medewerkers")


def ma_post(row: dict[str, str]) -> object:
    from krantentoets.post import Post

    party = row.get("party") or "de partij"
    return Post(
        text=row["text"],
        platform="x",
        account="in-function",
        display_name=party,
        bio=BIO.format(party=party),
        reply_to=_reply(row),
        id=row["id"],
    )


def mw_post(row: dict[str, str]) -> object:
    from krantentoets.post import Post

    return Post(
        text=row["text"], platform="x", account="organisation", reply_to=_reply(row), id=row["id"]
    )


def _reply(row: dict[str, str]) -> str | None:
    """A tweet that opens with @handles is a reply; the text it answers is not in the data
    (an empty ``reply_to``: a reply without its context). X does not count the opening
    handles of a reply (rule LE01)."""
    return "" if row["text"].lstrip().startswith("@") else None


@dataclass
class Found:
    rule: str
    category: str
    severity: str
    start: int | None
    end: int | None
    text: str
    trace: tuple[str, ...] = ()


def run(post: object, policy: object) -> list[Found]:
    from krantentoets.check import check

    report = check(post, policy)  # type: ignore[arg-type]
    return [
        Found(
            f.rule,
            f.category.value,
            f.severity.value,
            None if f.span is None else f.span.start,
            None if f.span is None else f.span.end,
            "" if f.span is None else f.span.text,
            tuple(f.trace),
        )
        for f in report.findings
    ]


# -- scoring -----------------------------------------------------------------------


def overlaps(f: Found, p: dict) -> bool:
    if f.category != p["category"]:
        return False
    if f.start is None or f.end is None:
        return True
    return f.start < p["end"] and p["start"] < f.end


@dataclass
class Tally:
    posts: int = 0
    flagged: int = 0
    label_post: int = 0
    flagged_label_post: int = 0
    label_flagged: int = 0
    findings: Counter = field(default_factory=Counter)  # (kind, key) -> n
    correct: Counter = field(default_factory=Counter)
    problems: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    false_alarms: list = field(default_factory=list)
    misses: list = field(default_factory=list)
    info: int = 0


def score(tally: Tally, pid: str, found: list[Found], verdict: str, problems: list[dict]) -> None:
    scored = [f for f in found if f.category in SCORED]
    tally.info += sum(f.severity == "info" for f in scored)
    active = [f for f in scored if f.severity in ("warn", "block")]
    problems = [p for p in problems if p.get("category") in SCORED]
    tally.posts += 1
    flagged = bool(active)
    tally.flagged += flagged
    tally.label_flagged += verdict != "post"
    if verdict == "post":
        tally.label_post += 1
        tally.flagged_label_post += flagged
    for f in active:
        ok = any(overlaps(f, p) for p in problems)
        for key in (("rule", f.rule), ("category", f.category), ("all", "all")):
            tally.findings[key] += 1
            tally.correct[key] += ok
        if not ok:
            tally.false_alarms.append((pid, f))
    for p in problems:
        hit = any(overlaps(f, p) for f in active)
        for key in (p["category"], "all"):
            tally.problems[key] += 1
            tally.found[key] += hit
        if not hit:
            tally.misses.append((pid, p))


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   - "


def summary(t: Tally, per_rule: bool = True) -> dict:
    out = {
        "posts": t.posts,
        "flagged": t.flagged,
        "flagged_share": round(t.flagged / t.posts, 4) if t.posts else None,
        "label_not_post": t.label_flagged,
        "label_post": t.label_post,
        "flagged_where_label_post": t.flagged_label_post,
        "flagged_where_label_post_share": (
            round(t.flagged_label_post / t.label_post, 4) if t.label_post else None
        ),
        "findings": t.findings[("all", "all")],
        "precision": _ratio(t.correct[("all", "all")], t.findings[("all", "all")]),
        "problems": t.problems["all"],
        "recall": _ratio(t.found["all"], t.problems["all"]),
        "per_category": {
            cat: {
                "findings": t.findings[("category", cat)],
                "correct": t.correct[("category", cat)],
                "problems": t.problems[cat],
                "found": t.found[cat],
            }
            for cat in SCORED
            if t.findings[("category", cat)] or t.problems[cat]
        },
    }
    if per_rule:
        out["per_rule"] = {
            key: {"findings": n, "correct": t.correct[("rule", key)]}
            for (kind, key), n in sorted(t.findings.items())
            if kind == "rule"
        }
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def print_tally(name: str, t: Tally, out=sys.stdout, per_rule: bool = True) -> None:
    p = lambda *a: print(*a, file=out)  # noqa: E731
    p(f"\n== {name} ==")
    p(
        f"posts {t.posts}; labels say not-post {t.label_flagged}; "
        f"flagged doubt/do-not-post {t.flagged} ({pct(t.flagged, t.posts).strip()}); "
        f"flagged where the label says post {t.flagged_label_post}/{t.label_post} "
        f"({pct(t.flagged_label_post, t.label_post).strip()})"
    )
    a = ("all", "all")
    p(
        f"findings {t.findings[a]}, correct {t.correct[a]} "
        f"(precision {pct(t.correct[a], t.findings[a]).strip()}); labelled problems "
        f"{t.problems['all']}, found {t.found['all']} "
        f"(recall {pct(t.found['all'], t.problems['all']).strip()}); info findings {t.info}"
    )
    p(
        f"{'category':20} {'findings':>8} {'correct':>7} {'prec':>7} "
        f"{'problems':>8} {'found':>5} {'recall':>7}"
    )
    for cat in SCORED:
        k = ("category", cat)
        if not t.findings[k] and not t.problems[cat]:
            continue
        p(
            f"{cat:20} {t.findings[k]:8} {t.correct[k]:7} {pct(t.correct[k], t.findings[k]):>7} "
            f"{t.problems[cat]:8} {t.found[cat]:5} {pct(t.found[cat], t.problems[cat]):>7}"
        )
    if not per_rule:
        return
    p(f"{'rule':20} {'findings':>8} {'correct':>7} {'prec':>7}")
    for (kind, key), n in sorted(t.findings.items()):
        if kind == "rule":
            p(f"{key:20} {n:8} {t.correct[(kind, key)]:7} {pct(t.correct[(kind, key)], n):>7}")


def context(text: str, start: int | None, end: int | None, width: int = 60) -> str:
    if start is None or end is None:
        return "(whole post)"
    a, b = max(0, start - width), min(len(text), end + width)
    return (text[a:start] + "»" + text[start:end] + "«" + text[end:b]).replace("\n", " ")


def evaluate(
    corpus: dict, sample: dict, labels: dict, examples: bool
) -> tuple[dict[str, Tally], dict[str, Tally]]:
    pol_ma, pol_mw = policies()
    ma = {part: Tally() for part in PARTS}
    mw = {part: Tally() for part in PARTS}
    for pid, srow in sample.items():
        lab = labels.get(pid)
        if lab is None:
            continue
        row = corpus[pid]
        part = srow["split"]
        score(
            ma[part],
            pid,
            run(ma_post(row), pol_ma),
            lab["verdict_ma"],
            lab.get("problems_ma") or [],
        )
        if srow.get("mw_sample") == "yes" and lab.get("verdict_mw"):
            score(
                mw[part],
                pid,
                run(mw_post(row), pol_mw),
                lab["verdict_mw"],
                lab.get("problems_mw") or [],
            )
    return ma, mw


def print_examples(name: str, t: Tally, corpus: dict) -> None:
    print(f"\n-- {name}: false alarms ({len(t.false_alarms)}) --")
    for pid, f in sorted(t.false_alarms, key=lambda x: (x[1].category, x[1].rule, int(x[0]))):
        text = corpus[pid]["text"]
        print(f"{pid:>5} {f.rule} {f.category} {f.severity}: {context(text, f.start, f.end)}")
        if f.trace:
            print(f"      trace: {'; '.join(f.trace)[:200]}")
    print(f"\n-- {name}: misses ({len(t.misses)}) --")
    for pid, p in sorted(t.misses, key=lambda x: (x[1]["category"], int(x[0]))):
        text = corpus[pid]["text"]
        print(
            f"{pid:>5} {p['category']} {p.get('severity')}: {context(text, p['start'], p['end'])}"
            f"  [{p.get('note', '')}]"
        )


# -- other modes ---------------------------------------------------------------------


def corpus_jsonl(corpus: dict, out: Path) -> None:
    """Every finding on every post (office holders' profile): for output-equality checks."""
    pol_ma, _ = policies()
    with out.open("w", encoding="utf-8") as fh:
        for pid in sorted(corpus, key=int):
            found = run(ma_post(corpus[pid]), pol_ma)
            fh.write(
                json.dumps(
                    {
                        "id": pid,
                        "findings": [
                            {
                                "rule": f.rule,
                                "severity": f.severity,
                                "start": f.start,
                                "end": f.end,
                            }
                            for f in found
                        ],
                    },
                    sort_keys=True,
                )
                + "\n"
            )


def explore(corpus: dict, sample: dict, rule: str | None, mw: bool, limit: int) -> None:
    """Findings on the corpus minus the holdout ids: what fires, and on what."""
    pol_ma, pol_mw = policies()
    holdout = {pid for pid, r in sample.items() if r["split"] in ("holdout", "holdout2")}
    per_rule: Counter = Counter()
    flagged = 0
    shown: Counter = Counter()
    n = 0
    for pid in sorted(corpus, key=int):
        if pid in holdout:
            continue
        n += 1
        row = corpus[pid]
        found = run(mw_post(row) if mw else ma_post(row), pol_mw if mw else pol_ma)
        # the scored categories; with --rule also an unscored one (LE01, RO02: length, role)
        wanted = SCORED + ((rule,) if rule else ())
        active = [
            f
            for f in found
            if f.severity in ("warn", "block") and (f.category in wanted or f.rule == rule)
        ]
        flagged += bool(active)
        for f in active:
            per_rule[(f.rule, f.category, f.severity)] += 1
            if rule and rule in (f.rule, f.category) and shown[f.rule] < limit:
                shown[f.rule] += 1
                print(f"{pid:>5} {f.rule} {f.severity}: {context(row['text'], f.start, f.end)}")
                print(f"      trace: {'; '.join(f.trace)[:200]}")
    print(f"\nposts {n} (holdout ids left out); flagged {flagged} ({pct(flagged, n).strip()})")
    for (r, c, s), k in per_rule.most_common():
        print(f"{r:6} {c:20} {s:6} {k}")


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labels", type=Path, default=LABELS, help="folder with sample.csv and labels")
    ap.add_argument(
        "--labels2", type=Path, default=LABELS2, help="folder with round 2's label files"
    )
    ap.add_argument("--data", type=Path, default=default_data(), help="real_posts_party_dev folder")
    ap.add_argument("--examples", action="store_true", help="print TUNE false alarms and misses")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    ap.add_argument("--corpus-jsonl", type=Path, help="write all findings on the whole corpus")
    ap.add_argument("--explore", action="store_true", help="whole corpus minus the holdout ids")
    ap.add_argument("--rule", help="with --explore: show examples of this rule id or category")
    ap.add_argument("--mw", action="store_true", help="with --explore: employees' code")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args(list(argv) if argv is not None else None)

    corpus = read_corpus(args.data)
    if args.corpus_jsonl:
        corpus_jsonl(corpus, args.corpus_jsonl)
        print(f"wrote {len(corpus)} lines to {args.corpus_jsonl}")
        return 0
    sample = read_sample(args.labels)
    if args.explore:
        explore(corpus, sample, args.rule, args.mw, args.limit)
        return 0
    labels = read_labels(args.labels, args.labels2)
    if not labels:
        raise SystemExit(f"no labels_A.jsonl / labels_B.jsonl in {args.labels}")
    ma, mw = evaluate(corpus, sample, labels, args.examples)
    print(f"labelled posts: {len(labels)} of {len(sample)}")
    for code, parts in (
        ("office holders' code (mandatarissen)", ma),
        ("employees' code (medewerkers, organisation account)", mw),
    ):
        for part in PARTS:
            if not parts[part].posts:
                continue
            # the holdout parts: totals per category only, never per rule or per post
            print_tally(f"{code}: {part}", parts[part], per_rule=part in TUNE_PARTS)
    if args.examples:
        for part in TUNE_PARTS:
            print_examples(f"office holders' code, {part}", ma[part], corpus)
            print_examples(f"employees' code, {part}", mw[part], corpus)
    if args.json:
        figures = {
            f"{code}_{part}": summary(parts[part], per_rule=part in TUNE_PARTS)
            for code, parts in (("ma", ma), ("mw", mw))
            for part in PARTS
            if parts[part].posts
        }
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
