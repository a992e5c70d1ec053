"""Personal-data detection side by side: krantentoets, Presidio and deduce on the same posts.

Usage::

    python bench/pii_peers.py                 # table on stdout
    python bench/pii_peers.py --json out.json # also write the figures (for bench/report.py)

The labelled set is ``bench/data/pii_labelled.jsonl``: realistic Dutch and Flemish posts
(replies to residents, residents' messages, announcements, news-style sentences with several
names, Flemish notations, and many numbers that are not personal data), each with gold spans
``{start, end, kind}``. ``ignore`` spans (an organisation's own contact details, office
holders named with their role, first names on their own, public figures) count for no tool:
a prediction that overlaps one is neither right nor wrong.

Scoring: a prediction is right when it overlaps a gold span of the same kind group (postcode
and address form one group); recall and precision per group, micro-averaged over the six
groups all tools are asked about. Throughput is posts per second on one core over one pass of
5,000 generated posts (``bench/corpus.py``) that no tool has seen before; start-up is the
wall-clock time of a
fresh ``python`` process that imports the tool, builds it and analyses one post (median of
three runs).

Peers (install with ``pip install -e .[bench]``; deduce pins ``regex<2025`` in its metadata
while krantentoets pins a newer ``regex``, so it is installed apart with
``pip install --no-deps deduce==3.0.6``; it runs fine on the newer ``regex``):

- Presidio: ``presidio-analyzer`` on a blank Dutch spaCy pipeline (``spacy.blank("nl")``, no
  NER, so no person names), with its EmailRecognizer, IbanRecognizer, PhoneRecognizer
  (regions NL and BE) and a BSN PatternRecognizer validated with python-stdnum.
- deduce: its ``Deduce()`` pipeline (lists and patterns for Dutch clinical text). Tags are
  mapped: persoon/patient -> person-name, locatie -> postcode/address, telefoonnummer ->
  phone, emailadres -> email, bsn -> bsn; its generic ``id`` tag counts as right when it
  overlaps a gold BSN, IBAN or national number and is otherwise not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "pii_labelled.jsonl"
SAMPLE = "Bel Jan de Vries op 06-12345678 of mail j.devries@gmail.com."

#: Kind groups all tools are scored on, and those only krantentoets reports.
SHARED_GROUPS = ("phone", "email", "iban", "bsn", "postcode/address", "person-name")
OWN_GROUPS = ("national-number", "birth-date", "licence-plate")
GROUP_OF = {"postcode": "postcode/address", "address": "postcode/address"}
ID_GROUPS = ("bsn", "iban", "national-number")

Span = tuple[int, int, str]  # start, end, group ("id": a generic identifier)
Detector = Callable[[str], list[Span]]


def group(kind: str) -> str:
    return GROUP_OF.get(kind, kind)


# -- the tools ---------------------------------------------------------------------------------


def setup_krantentoets() -> Detector:
    from krantentoets.detect.personal_data import find_personal_data

    def run(text: str) -> list[Span]:
        return [(s.start, s.end, group(s.kind)) for s in find_personal_data(text)]

    run(SAMPLE)  # loads the word lists, as the first check of a process does
    return run


def setup_presidio() -> Detector:
    import spacy
    import tldextract
    import tldextract.tldextract
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SlimSpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        EmailRecognizer,
        IbanRecognizer,
        PhoneRecognizer,
    )
    from stdnum.nl import bsn

    # The e-mail recognizer asks tldextract, which would fetch the public-suffix list from the
    # network; use the snapshot it ships (no network at run time).
    offline = tldextract.TLDExtract(suffix_list_urls=())
    tldextract.tldextract.TLD_EXTRACTOR = offline
    tldextract.extract = offline

    class BlankDutch(SlimSpacyNlpEngine):
        """Tokenisation only: ``spacy.blank("nl")``, no trained model, no NER."""

        def load(self) -> None:
            self.nlp = {"nl": spacy.blank("nl")}

    class BsnRecognizer(PatternRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return bool(bsn.is_valid(pattern_text))

    bsn_recognizer = BsnRecognizer(
        supported_entity="NL_BSN",
        supported_language="nl",
        patterns=[
            Pattern(
                "bsn",
                r"\b(?:\d{9}|\d{8}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3})\b",
                0.3,
            )
        ],
        context=["bsn", "burgerservicenummer", "sofinummer", "sofi"],
    )
    registry = RecognizerRegistry(supported_languages=["nl"])
    registry.add_recognizer(EmailRecognizer(supported_language="nl"))
    registry.add_recognizer(IbanRecognizer(supported_language="nl"))
    registry.add_recognizer(
        PhoneRecognizer(supported_language="nl", supported_regions=("NL", "BE"))
    )
    registry.add_recognizer(bsn_recognizer)
    engine = BlankDutch(models=[{"lang_code": "nl", "model_name": "blank"}], auto_download=False)
    engine.load()
    analyzer = AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["nl"])
    kinds = {
        "EMAIL_ADDRESS": "email",
        "IBAN_CODE": "iban",
        "PHONE_NUMBER": "phone",
        "NL_BSN": "bsn",
    }

    def run(text: str) -> list[Span]:
        results = analyzer.analyze(text=text, language="nl")
        return [(r.start, r.end, kinds[r.entity_type]) for r in results if r.entity_type in kinds]

    run(SAMPLE)
    return run


def setup_deduce() -> Detector:
    from deduce import Deduce

    deduce = Deduce()
    kinds = {
        "persoon": "person-name",
        "patient": "person-name",
        "locatie": "postcode/address",
        "telefoonnummer": "phone",
        "emailadres": "email",
        "bsn": "bsn",
        "id": "id",
    }

    def run(text: str) -> list[Span]:
        doc = deduce.deidentify(text)
        out = []
        for a in doc.annotations:
            tag = a.tag.split("+")[0] if a.tag not in kinds else a.tag
            if "naam" in a.tag or "persoon" in a.tag or "patient" in a.tag:
                tag = "persoon"
            if tag in kinds:
                out.append((a.start_char, a.end_char, kinds[tag]))
        return out

    run(SAMPLE)
    return run


TOOLS: dict[str, Callable[[], Detector]] = {
    "krantentoets": setup_krantentoets,
    "presidio": setup_presidio,
    "deduce": setup_deduce,
}
INSTALL_HINT = {
    "presidio": "pip install -e .[bench]",
    "deduce": "pip install -e .[bench] && pip install --no-deps deduce==3.0.6",
}


# -- scoring ------------------------------------------------------------------------------------


@dataclass
class Score:
    """``found``: gold spans found; ``correct``/``wrong``: predictions right/wrong; ``gold``."""

    found: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)

    def recall(self, g: str) -> float | None:
        return self.found[g] / self.gold[g] if self.gold[g] else None

    def precision(self, g: str) -> float | None:
        n = self.correct[g] + self.wrong[g]
        return self.correct[g] / n if n else None

    def micro(self, groups: tuple[str, ...]) -> tuple[float, float]:
        found = sum(self.found[g] for g in groups)
        gold = sum(self.gold[g] for g in groups)
        correct = sum(self.correct[g] for g in groups)
        wrong = sum(self.wrong[g] for g in groups)
        return (
            found / gold if gold else 0.0,
            correct / (correct + wrong) if correct + wrong else 0.0,
        )


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(rows: list[dict[str, Any]], predictions: list[list[Span]]) -> Score:
    sc = Score()
    for row, pred in zip(rows, predictions, strict=True):
        gold = [(g["start"], g["end"], group(g["kind"])) for g in row["spans"]]
        ignore = [(g["start"], g["end"]) for g in row.get("ignore", [])]
        matched: set[int] = set()
        for start, end, g in pred:
            hits = [
                i
                for i, (gs, ge, gg) in enumerate(gold)
                if _overlap((start, end), (gs, ge)) and (gg == g or (g == "id" and gg in ID_GROUPS))
            ]
            if hits:
                matched.update(hits)
                sc.correct[g if g != "id" else gold[hits[0]][2]] += 1
            elif g == "id" or any(_overlap((start, end), ig) for ig in ignore):
                continue
            else:
                sc.wrong[g] += 1
                sc.false_alarms.append(
                    {"id": row["id"], "group": g, "text": row["text"][start:end]}
                )
        for i, (gs, ge, gg) in enumerate(gold):
            sc.gold[gg] += 1
            if i in matched:
                sc.found[gg] += 1
            else:
                sc.misses.append({"id": row["id"], "group": gg, "text": row["text"][gs:ge]})
    return sc


# -- timing -------------------------------------------------------------------------------------


def throughput_posts(n: int = 5_000) -> list[str]:
    """Posts for timing, each seen once: none of them was seen while scoring, so no cache
    inside a tool (krantentoets caches per word and per phone candidate) has them yet."""
    sys.path.insert(0, str(HERE))
    from corpus import make_posts

    return make_posts(n, seed=7)


def throughput(run: Detector, texts: list[str]) -> float:
    """Posts per second over one pass of ``texts`` (every post new to the tool)."""
    start = time.perf_counter()
    for t in texts:
        run(t)
    return len(texts) / (time.perf_counter() - start)


def cold_start(tool: str, repeats: int = 3) -> float:
    """Median wall-clock seconds of a fresh process: import, build, analyse one post."""
    times = []
    env = dict(os.environ)
    for _ in range(repeats):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--cold", tool],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed")
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# -- report -------------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "  —  " if x is None else f"{100 * x:5.1f}"


def table(results: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> str:
    tools = list(results)
    counts = Counter(group(s["kind"]) for r in rows for s in r["spans"])
    lines = []
    head = f"{'kind (gold spans)':26}" + "".join(f"{t:>22}" for t in tools)
    lines.append(head)
    lines.append(f"{'':26}" + "".join(f"{'recall  precision':>22}" for _ in tools))
    lines.append("-" * len(head))
    for g in (*SHARED_GROUPS, *OWN_GROUPS):
        cells = []
        for t in tools:
            r = results[t]
            if "error" in r:
                cells.append(f"{'not run':>22}")
            elif g in r["groups"]:
                rec, prec = r["groups"][g]["recall"], r["groups"][g]["precision"]
                cells.append(f"{_pct(rec):>13} {_pct(prec):>8}")
            else:
                cells.append(f"{'n/a':>22}")
        lines.append(f"{f'{g} ({counts[g]})':26}" + "".join(cells))
    lines.append("-" * len(head))
    cells = []
    for t in tools:
        r = results[t]
        cells.append(
            f"{'not run':>22}"
            if "error" in r
            else f"{_pct(r['micro']['recall']):>13} {_pct(r['micro']['precision']):>8}"
        )
    lines.append(f"{'six shared kinds (micro)':26}" + "".join(cells))
    lines.append("")
    kt = results.get("krantentoets", {})
    lines.append(
        f"{'tool':14}{'posts/s':>12}{'start-up s':>12}"
        f"{'kt/peer posts/s':>18}{'kt/peer start-up':>18}"
    )
    for t in tools:
        r = results[t]
        if "error" in r:
            lines.append(f"{t:14}  not run: {r['error']}")
            continue
        ratio_tp = kt.get("posts_per_s", 0) / r["posts_per_s"] if r["posts_per_s"] else 0
        ratio_su = kt.get("startup_s", 0) / r["startup_s"] if r["startup_s"] else 0
        lines.append(
            f"{t:14}{r['posts_per_s']:12.0f}{r['startup_s']:12.2f}"
            f"{ratio_tp:17.1f}x{ratio_su:17.2f}x"
        )
    return "\n".join(lines)


def run_all(tools: list[str], with_cold: bool) -> dict[str, Any]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    texts = [r["text"] for r in rows]
    timing_posts = throughput_posts()
    results: dict[str, dict[str, Any]] = {}
    for tool in tools:
        try:
            t0 = time.perf_counter()
            run = TOOLS[tool]()
            setup_s = time.perf_counter() - t0
        except ImportError as exc:
            hint = INSTALL_HINT.get(tool, "")
            results[tool] = {"error": f"{exc.name or exc} not installed ({hint})"}
            continue
        preds = [run(t) for t in texts]
        sc = score(rows, preds)
        groups = SHARED_GROUPS + (OWN_GROUPS if tool == "krantentoets" else ())
        rec, prec = sc.micro(SHARED_GROUPS)
        results[tool] = {
            "groups": {
                g: {
                    "recall": sc.recall(g),
                    "precision": sc.precision(g),
                    "gold": sc.gold[g],
                    "found": sc.found[g],
                    "correct": sc.correct[g],
                    "wrong": sc.wrong[g],
                }
                for g in groups
            },
            "micro": {"recall": rec, "precision": prec},
            "posts_per_s": throughput(run, timing_posts),
            "setup_in_process_s": setup_s,
            "startup_s": cold_start(tool) if with_cold else setup_s,
            "misses": sc.misses,
            "false_alarms": sc.false_alarms,
        }
    return {"rows": rows, "results": results}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    ap.add_argument("--tools", default="krantentoets,presidio,deduce")
    ap.add_argument("--no-cold", action="store_true", help="skip the fresh-process start-up runs")
    ap.add_argument("--show-errors", action="store_true", help="list each tool's misses")
    ap.add_argument("--cold", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.cold:
        TOOLS[args.cold]()
        return 0
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        ap.error(f"unknown tool(s) {unknown}; choose from {list(TOOLS)}")
    out = run_all(tools, with_cold=not args.no_cold)
    rows, results = out["rows"], out["results"]
    command = "python bench/pii_peers.py " + " ".join(argv if argv is not None else sys.argv[1:])
    print(
        f"Personal data, {len(rows)} labelled posts ({DATA.relative_to(HERE.parent)}), "
        f"{sum(len(r['spans']) for r in rows)} gold spans; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores"
    )
    print(table(results, rows))
    if args.show_errors:
        for tool, r in results.items():
            for m in r.get("misses", []):
                print(f"{tool} missed {m['group']}: {m['text']!r} ({m['id']})")
            for m in r.get("false_alarms", []):
                print(f"{tool} false alarm {m['group']}: {m['text']!r} ({m['id']})")
    if args.json:
        figures = {
            "benchmark": "pii_peers",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": command.strip(),
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "processor": platform.processor() or platform.machine(),
                "cpu_count": os.cpu_count(),
            },
            "dataset": {
                "path": str(DATA.relative_to(HERE.parent)),
                "posts": len(rows),
                "gold_spans": sum(len(r["spans"]) for r in rows),
                "posts_without_personal_data": sum(1 for r in rows if not r["spans"]),
            },
            "results": {
                t: {k: v for k, v in r.items() if k not in ("misses", "false_alarms")}
                | {
                    "misses": len(r.get("misses", [])),
                    "false_alarms": len(r.get("false_alarms", [])),
                }
                for t, r in results.items()
            },
        }
        kt = results.get("krantentoets", {})
        for t, r in figures["results"].items():
            if t != "krantentoets" and "posts_per_s" in r and "posts_per_s" in kt:
                r["ratio_krantentoets_throughput"] = kt["posts_per_s"] / r["posts_per_s"]
                r["ratio_krantentoets_startup"] = kt["startup_s"] / r["startup_s"]
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
