"""Person names on gold sets nobody on the team wrote: recall and precision, private and public.

Usage::

    python bench/names.py                   # tables on stdout
    python bench/names.py --json out.json   # also write the figures
    python bench/names.py --errors          # also list misses and false alarms (tune, tune2 only)
    python bench/names.py --labels2 DIR     # round 2's labels from DIR (and its subfolders)
    python bench/names.py --detector check  # score what the check flags (private names only)

Gold sets (labelled blind, from ``bench/data/real_posts/RUBRIC.md``, before the tagger was
trained):

- **real posts**: the names of the 560 posts of ``bench/data/real_posts/sample.csv``
  (``labels_A.jsonl``, ``labels_B.jsonl``; Dutch party tweets from
  ``../shared/data/real_posts_party_dev/``, read at run time, never copied), reported per split:
  ``tune`` (380 posts, may be looked at) and ``holdout`` (180 posts, only reported);
- **UD test**: 300 sentences of the UD Dutch *test* files (``bench/data/ud_names/``; the name
  tagger is trained on the *dev* files only).

Scoring. Every gold name has a ``kind``, ``public`` or ``private``; krantentoets's
:func:`~krantentoets.detect.persons.find_person_names` gives every name it finds a kind too.
A prediction matches a gold name when their character spans overlap.

- *private persons* (what the check warns about): recall = gold private names overlapped by a
  predicted private name; precision = predicted private names that overlap a gold private name
  (a predicted private name on a gold public name is a false alarm);
- *unknown*: names with no evidence either way (no function, list, handle; no private role,
  age, "uit <place>", reply to a citizen). The check reports them as a note ("is this a
  public person?") and redaction removes them; the line says on which gold kinds they fall,
  and "private recall counting unknown too" is the share of gold private names that are
  at least noted and redacted;
- *public persons*: the same with ``public``;
- *any person*: found at all, whatever the kind (recall per pattern type);
- *redaction*: the share of the word tokens of gold private names that ``krantentoets
  redact`` (default policy, run in-process through the CLI on the posts as JSON Lines)
  removes, and of all gold names' tokens with ``--public-names``.

Pattern types of a gold name (by its words): ``title + name``, ``first + surname``,
``with tussenvoegsel``, ``initials``, ``hyphenated``, ``surname alone``, ``first name alone``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REAL = HERE / "data" / "real_posts"
UD_GOLD = HERE / "data" / "ud_names" / "ud_names_gold.jsonl"
SHARED = ROOT.parent / "shared" / "data"
POSTS_CSV = SHARED / "real_posts_party_dev" / "party_tweets_dev.csv"
UD_DIR = SHARED / "ud_dutch"

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    kind: str  # public | private


@dataclass
class Doc:
    id: str
    text: str
    gold: list[Name]


# -- gold sets ------------------------------------------------------------------------------


def _label_files(labels2: Path | None) -> list[Path]:
    """Round 1's label files, then round 2's: ``labels_*.jsonl`` in ``labels2`` and its
    subfolders (labels still being written, ``--labels2``), else the committed ones."""
    paths = sorted(REAL.glob("labels_*.jsonl"))
    folder = REAL / "round2" if labels2 is None else labels2
    if labels2 is not None and not labels2.is_dir():
        raise SystemExit(f"--labels2: {labels2} is not a folder")
    return paths + sorted(folder.glob("labels_*.jsonl")) + sorted(folder.glob("*/labels_*.jsonl"))


def load_real_posts(labels2: Path | None = None) -> dict[str, list[Doc]]:
    """``{"tune": [...], "holdout": [...], "tune2": ..., "holdout2": ...}`` (texts by id).
    A round-2 line still being written (not yet JSON) is skipped; a post labelled twice
    keeps its last labels."""
    with POSTS_CSV.open(encoding="utf-8", newline="") as fh:
        texts = {row["id"]: row["text"] for row in csv.DictReader(fh)}
    split: dict[str, str] = {}
    for folder in (REAL, REAL / "round2"):  # round 2: tune2 / holdout2, labellers D, E, F
        if (folder / "sample.csv").is_file():
            with (folder / "sample.csv").open(encoding="utf-8", newline="") as fh:
                split.update({row["id"]: row["split"] for row in csv.DictReader(fh)})
    docs: dict[str, Doc] = {}
    for path in _label_files(labels2):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line still being written
            pid = str(row["id"])
            if pid not in split or pid not in texts:
                continue
            text = texts[pid]
            gold = []
            for n in row.get("names", []):
                if text[n["start"] : n["end"]] != n["words"]:
                    # never print a holdout name
                    raise SystemExit(f"post {pid} ({split[pid]}): a name's offsets are wrong")
                gold.append(Name(n["start"], n["end"], n["kind"]))
            docs[pid] = Doc(pid, text, gold)
    out: dict[str, list[Doc]] = {"tune": [], "holdout": [], "tune2": [], "holdout2": []}
    for pid, doc in docs.items():
        out[split[pid]].append(doc)
    return out


def _ud_sentences() -> dict[tuple[str, str], tuple[str, dict[int, tuple[int, int]]]]:
    """``(file, sent_id) -> (text, {token id: (start, end)})`` for the UD test files: the
    sentence's ``# text`` and each token's offsets in it."""
    out: dict[tuple[str, str], tuple[str, dict[int, tuple[int, int]]]] = {}
    rows: list[tuple[list[int], str]]
    for path in sorted(UD_DIR.glob("*-test.conllu")):
        sid, text, rows, skip_to = "", "", [], 0
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            if line.startswith("# sent_id"):
                sid = line.split("=", 1)[1].strip()
            elif line.startswith("# text"):
                text = line.split("=", 1)[1].strip()
            elif not line.strip():
                if rows:
                    offsets: dict[int, tuple[int, int]] = {}
                    pos = 0
                    for tids, form in rows:
                        at = text.find(form, pos)
                        if at < 0:
                            continue
                        for tid in tids:
                            offsets[tid] = (at, at + len(form))
                        pos = at + len(form)
                    out[(path.name, sid)] = (text, offsets)
                rows, skip_to = [], 0
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit() and int(cols[0]) > skip_to:
                    rows.append(([int(cols[0])], cols[1]))
                elif "-" in cols[0]:  # a multiword token: its words share its offsets
                    a, b = (int(x) for x in cols[0].split("-"))
                    rows.append((list(range(a, b + 1)), cols[1]))
                    skip_to = b
    return out


def load_ud() -> list[Doc]:
    sentences = _ud_sentences()
    docs = []
    for line in UD_GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text, offsets = sentences[(row["file"], row["sent_id"])]
        gold = []
        for n in row["names"]:
            a, b = n["tokens"]
            if a not in offsets or b not in offsets:
                raise SystemExit(f"{row['sent_id']}: tokens {a}-{b} not found in the text")
            gold.append(Name(offsets[a][0], offsets[b][1], n["kind"]))
        docs.append(Doc(row["sent_id"], text, gold))
    return docs


# -- pattern types --------------------------------------------------------------------------


def pattern(text: str, name: Name) -> str:
    from krantentoets.detect import names

    L = names.lists()
    words = text[name.start : name.end].split()
    before = text[max(0, name.start - 30) : name.start].split()
    prev = before[-1].lower().rstrip(".") if before else ""
    if prev in {t.rstrip(".") for t in names.TITLES}:
        return "title + name"
    low = [w.lower() for w in words]
    if any(re.fullmatch(r"(?:[A-Z]\.?){1,3}|[A-Z][a-z]{1,2}\.", w) for w in words[:-1]):
        return "initials"
    if any(w in L.interfixes or w in ("v.d.", "v/d", "vd", "vanden", "vander") for w in low):
        return "with tussenvoegsel"
    if any("-" in w for w in words):
        return "hyphenated"
    if len(words) == 1:
        return (
            "first name alone"
            if words[0] in L.first and words[0] not in L.surnames
            else ("surname alone")
        )
    return "first + surname"


# -- scoring --------------------------------------------------------------------------------


def _overlaps(a: Name, b: Name) -> bool:
    return a.start < b.end and b.start < a.end


class Tally:
    def __init__(self) -> None:
        self.c: dict[str, int] = defaultdict(int)

    def add(self, key: str, n: int = 1) -> None:
        self.c[key] += n

    def ratio(self, num: str, den: str) -> float | None:
        return round(self.c[num] / self.c[den], 3) if self.c[den] else None


def predict(text: str, detector: str) -> list[Name]:
    """``persons``: every name with its kind (``public``, ``private``, ``unknown``);
    ``check``: the names the check's rule PD10 reports (default policy, an X post): a
    warning is ``private``, a note ``unknown``."""
    if detector == "check":
        from krantentoets.check import check
        from krantentoets.policy import default_policy
        from krantentoets.post import Post

        report = check(Post(text, platform="x"), default_policy())
        return [
            Name(f.span.start, f.span.end, "unknown" if f.severity.value == "info" else "private")
            for f in report.findings
            if f.rule == "PD10" and f.span is not None
        ]
    from krantentoets.detect.persons import find_person_names

    return [Name(p.start, p.end, p.kind) for p in find_person_names(text)]


def score(
    docs: list[Doc], errors: list[str] | None = None, detector: str = "persons"
) -> dict[str, Any]:
    t = Tally()
    per_type: dict[str, Tally] = defaultdict(Tally)
    for doc in docs:
        pred = predict(doc.text, detector)
        for g in doc.gold:
            typ = pattern(doc.text, g)
            hit_any = any(_overlaps(g, p) for p in pred)
            hit_kind = any(_overlaps(g, p) and p.kind == g.kind for p in pred)
            t.add(f"gold_{g.kind}")
            t.add(f"found_{g.kind}", hit_kind)
            if g.kind == "private":  # private or unknown: a note in the check, redacted
                t.add("found_not_public", any(_overlaps(g, p) and p.kind != "public" for p in pred))
            t.add("gold_any")
            t.add("found_any", hit_any)
            per_type[typ].add("gold")
            per_type[typ].add("found", hit_any)
            if g.kind == "private":
                per_type[typ].add("gold_private")
                per_type[typ].add("found_private", hit_kind)
            if errors is not None and not hit_kind:
                got = "missed" if not hit_any else "found with the other kind"
                errors.append(f"{doc.id}: {g.kind} {doc.text[g.start : g.end]!r} ({typ}): {got}")
        for p in pred:
            if p.kind == "unknown":
                on = [g.kind for g in doc.gold if _overlaps(p, g)]
                t.add("pred_unknown")
                t.add(f"unknown_on_{on[0] if on else 'none'}")
                t.add("pred_any")
                t.add("right_any", bool(on))
                if errors is not None:
                    errors.append(f"{doc.id}: unknown {doc.text[p.start : p.end]!r}: gold {on}")
                continue
            right = any(_overlaps(p, g) and g.kind == p.kind for g in doc.gold)
            t.add(f"pred_{p.kind}")
            t.add(f"right_{p.kind}", right)
            t.add("pred_any")
            t.add("right_any", any(_overlaps(p, g) for g in doc.gold))
            if errors is not None and not right:
                errors.append(f"{doc.id}: false {p.kind} {doc.text[p.start : p.end]!r}")
    out: dict[str, Any] = {"docs": len(docs)}
    for kind in ("private", "public", "any"):
        out[kind] = {
            "gold": t.c[f"gold_{kind}"],
            "predicted": t.c[f"pred_{kind}"],
            "recall": t.ratio(f"found_{kind}", f"gold_{kind}"),
            "precision": t.ratio(f"right_{kind}", f"pred_{kind}"),
        }
    out["unknown"] = {
        "predicted": t.c["pred_unknown"],
        "on_gold_private": t.c["unknown_on_private"],
        "on_gold_public": t.c["unknown_on_public"],
        "on_no_name": t.c["unknown_on_none"],
    }
    out["private"]["recall_with_unknown"] = t.ratio("found_not_public", "gold_private")
    out["per_pattern"] = {
        typ: {
            "gold": pt.c["gold"],
            "recall_any": pt.ratio("found", "gold"),
            "gold_private": pt.c["gold_private"],
            "recall_private": pt.ratio("found_private", "gold_private"),
        }
        for typ, pt in sorted(per_type.items())
    }
    return out


def redaction(docs: list[Doc]) -> dict[str, Any]:
    """Token recall of ``krantentoets redact`` (the CLI, in-process) on the gold names."""
    from click.testing import CliRunner

    from krantentoets.cli import cli

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text(
            "".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in docs),
            encoding="utf-8",
        )
        runs = {}
        for mode, extra in (("default", []), ("public_names", ["--public-names"])):
            run = CliRunner().invoke(cli, ["redact", "--input", str(src), *extra])
            if run.exit_code not in (0, 1):
                raise SystemExit(f"krantentoets redact failed: {run.output[-500:]}")
            runs[mode] = {
                r["id"]: [(x["start"], x["end"]) for x in r["redactions"]]
                for r in map(json.loads, run.stdout.splitlines())
            }
    out: dict[str, Any] = {}
    for mode, kinds in (("default", ("private",)), ("public_names", ("private", "public"))):
        total = hit = 0
        for d in docs:
            spans = runs[mode][d.id]
            for g in d.gold:
                if g.kind not in kinds:
                    continue
                for m in _WORD.finditer(d.text, g.start, g.end):
                    total += 1
                    hit += any(s <= m.start() and m.end() <= e for s, e in spans)
        key = "private_tokens" if mode == "default" else "all_tokens_with_public_names"
        out[key] = {"tokens": total, "redacted": round(hit / total, 3) if total else None}
    return out


def speed() -> float:
    """Posts per second of the full check on every real post (CPU time, one core)."""
    import os
    import time

    from krantentoets.check import check
    from krantentoets.policy import default_policy
    from krantentoets.post import Post

    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    with POSTS_CSV.open(encoding="utf-8", newline="") as fh:
        posts = [Post(row["text"], platform="x") for row in csv.DictReader(fh)]
    policy = default_policy()
    check(posts[0], policy)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for post in posts:
            check(post, policy)
        best = min(best, time.process_time() - start)
    return len(posts) / best


# -- report ---------------------------------------------------------------------------------


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def print_set(title: str, res: dict[str, Any]) -> None:
    print(f"\n{title} ({res['docs']} texts)")
    print(f"  {'persons':<10}{'gold':>6}{'found':>7}{'recall':>8}{'precision':>11}")
    for kind in ("private", "public", "any"):
        r = res[kind]
        print(
            f"  {kind:<10}{r['gold']:>6}{r['predicted']:>7}{_fmt(r['recall']):>8}"
            f"{_fmt(r['precision']):>11}"
        )
    u = res["unknown"]
    print(
        f"  {'unknown':<10}{'':>6}{u['predicted']:>7}  (no evidence either way: a note in the "
        f"check, redacted; on gold private {u['on_gold_private']}, public "
        f"{u['on_gold_public']}, no name {u['on_no_name']})"
    )
    print(
        f"  private recall counting unknown too (noted and redacted): "
        f"{_fmt(res['private']['recall_with_unknown'])}"
    )
    print(f"  {'pattern type':<22}{'gold':>5}{'recall':>8}{'private':>9}{'recall':>8}")
    for typ, r in res["per_pattern"].items():
        print(
            f"  {typ:<22}{r['gold']:>5}{_fmt(r['recall_any']):>8}{r['gold_private']:>9}"
            f"{_fmt(r['recall_private']):>8}"
        )
    red = res["redaction"]
    if red is None:
        return
    p, a = red["private_tokens"], red["all_tokens_with_public_names"]
    print(
        f"  redaction (krantentoets redact): private-name tokens {_fmt(p['redacted'])} of "
        f"{p['tokens']}; all name tokens with --public-names {_fmt(a['redacted'])} of "
        f"{a['tokens']}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--errors", action="store_true", help="list errors (tune and tune2 only, never holdout)"
    )
    ap.add_argument(
        "--labels2",
        type=Path,
        help="round 2's labels_*.jsonl in this folder or its subfolders (labels still being "
        "written); default: bench/data/real_posts/round2/",
    )
    ap.add_argument(
        "--detector",
        choices=["persons", "check"],
        default="persons",
        help="persons: find_person_names (kinds); check: the private names the check flags",
    )
    ap.add_argument("--no-redaction", action="store_true", help="skip the redaction figures")
    ap.add_argument(
        "--speed",
        action="store_true",
        help="only the full check's speed on the real posts (CPU time, one core, best of 3)",
    )
    args = ap.parse_args()
    try:
        import krantentoets  # noqa: F401  (installed: `pip install -e .`)
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
    if args.speed:
        print(f"{speed():,.0f} posts/s: the full check on {POSTS_CSV.name} (CPU time, best of 3)")
        return 0
    real = load_real_posts(args.labels2)
    sets = {
        "real posts, tune": real["tune"],
        "real posts, holdout": real["holdout"],
        "real posts, tune2": real["tune2"],
        "real posts, holdout2": real["holdout2"],
        "UD Dutch test sentences": load_ud(),
    }
    sets = {title: docs for title, docs in sets.items() if docs}
    results: dict[str, Any] = {}
    tune_errors: list[str] = []
    for title, docs in sets.items():
        tune = title in ("real posts, tune", "real posts, tune2")  # never holdout, UD
        errors: list[str] | None = [] if tune else None
        res = score(docs, errors, args.detector)
        tune_errors.extend(f"{title.rsplit(' ', 1)[-1]} {e}" for e in errors or [])
        res["redaction"] = None if args.no_redaction else redaction(docs)
        results[title] = res
        print_set(title, res)
    if args.errors:
        print("\nerrors on the tune and tune2 splits (never holdout, holdout2 or UD):")
        for e in tune_errors:
            print("  " + e)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
