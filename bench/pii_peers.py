"""Personal-data detection side by side: krantentoets, Presidio and deduce on the same posts.

Usage::

    python bench/pii_peers.py                 # table on stdout
    python bench/pii_peers.py --json out.json # also write the figures (for bench/report.py)
    python bench/pii_peers.py --rounds 3 --corpus real,templated --tools krantentoets,presidio

The labelled set is ``bench/data/pii_labelled.jsonl``: realistic Dutch and Flemish posts
(replies to residents, residents' messages, announcements, news-style sentences with several
names, Flemish notations, and many numbers that are not personal data), each with gold spans
``{start, end, kind}``. ``ignore`` spans (an organisation's own contact details, office
holders named with their role, first names on their own, public figures) count for no tool:
a prediction that overlaps one is neither right nor wrong.

Scoring: a prediction is right when it overlaps a gold span of the same kind group (postcode
and address form one group); recall and precision per group, micro-averaged over the six
groups all tools are asked about.

Throughput, made a fair race: every tool runs in its own fresh process, pinned to one core,
once per round and corpus, in an order that rotates each round (no tool inherits another's
heap, logging set-up or garbage, and none always runs first or last while the machine's load
drifts); a process first builds its tool, times one pass over posts it has never seen, then
scores the labelled set.
Corpora: the 4,711 real published tweets in ``../shared/data/real_posts_party_dev/`` (read
at run time, never copied into the repository; the headline) and 5,000 generated posts
(``bench/corpus.py``, seed 7). The figure is the median over ``--rounds`` rounds, with the
range beside it, in posts per CPU-second of the process (on a shared machine wall-clock time
also counts the time a process waits for the core; it is kept in the JSON). deduce turns on
DEBUG logging for the whole process when imported; that is undone after it is built.
Start-up is the wall-clock time of a fresh ``python`` process that imports the tool, builds
it and analyses one post (median of three runs, pinned likewise).
A peer that is not installed is skipped with a line that says how to install it.

Peers (install with ``pip install -e .[bench]``; deduce pins ``regex<2025`` in its metadata
while krantentoets pins a newer ``regex``, so it is installed apart with
``pip install --no-deps deduce==3.0.6``; it runs fine on the newer ``regex``):

- Presidio: ``presidio-analyzer`` on a blank Dutch spaCy pipeline (``spacy.blank("nl")``, no
  NER, so no person names), with its EmailRecognizer, IbanRecognizer, PhoneRecognizer
  (regions NL and BE) and a BSN PatternRecognizer validated with python-stdnum.
- kt-no-names: krantentoets asked for what the Presidio set-up can find (every kind but
  person names: ``find_personal_data(text, names=False)``); its line under the speed table
  is the like-for-like race. The name path (a CRF and evidence rules) is most of
  krantentoets's time, and Presidio here finds no names at all.
- deduce: its ``Deduce()`` pipeline (lists and patterns for Dutch clinical text). Tags are
  mapped: persoon/patient -> person-name, locatie -> postcode/address, telefoonnummer ->
  phone, emailadres -> email, bsn -> bsn; its generic ``id`` tag counts as right when it
  overlaps a gold BSN, IBAN or national number and is otherwise not counted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
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
#: Posts that reach every kind's lazily loaded lists and models (street list, name tagger,
#: number validators) in every tool, so that no tool pays a one-time load in its timed pass.
WARM_UP = (
    SAMPLE,
    "Mevrouw Okonkwo-Bakker woont op de Kerkstraat 12, 3512 AB Utrecht.",
    "Stort het op NL91ABNA0417164300 o.v.v. BSN 111222333, geboren 12-03-1987.",
    "Sprak gisteren met Wouters en Van den Heuvel over kenteken 12-ABC-3.",
    "Rijksregisternummer 85.07.30-033.61, tel. +32 470 12 34 56.",
)

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

    for post in WARM_UP:  # loads the word lists and models, as a process's first posts do
        run(post)
    return run


def setup_krantentoets_no_names() -> Detector:
    """krantentoets asked for what the Presidio set-up here can find: no person names."""
    from krantentoets.detect.personal_data import find_personal_data

    def run(text: str) -> list[Span]:
        return [(s.start, s.end, group(s.kind)) for s in find_personal_data(text, names=False)]

    for post in WARM_UP:
        run(post)
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

    for post in WARM_UP:
        run(post)
    return run


def setup_deduce() -> Detector:
    import logging

    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    # deduce runs logging.basicConfig(stream=sys.stdout, level=DEBUG) when imported: every
    # library in the process would then log each call at DEBUG. Undo it once deduce is built
    # (a user of deduce would too); each tool runs in its own process anyway.
    from deduce import Deduce

    deduce = Deduce()
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
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

    for post in WARM_UP:
        run(post)
    return run


TOOLS: dict[str, Callable[[], Detector]] = {
    "krantentoets": setup_krantentoets,
    "kt-no-names": setup_krantentoets_no_names,
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

CORPORA = ("real", "templated")


def pin_one_core() -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def timing_posts(corpus: str) -> list[str]:
    """Posts for timing, each seen once by a fresh process: no cache inside a tool
    (krantentoets caches per word and per phone candidate) has them yet."""
    sys.path.insert(0, str(HERE))
    from corpus import make_posts, real_posts

    if corpus == "real":
        return [text for _, text in real_posts()]
    return make_posts(5_000, seed=7)


def throughput(run: Detector, texts: list[str]) -> tuple[float, float]:
    """Posts per wall-clock second and per CPU-second of this process over one pass of
    ``texts`` (every post new to the tool). On a shared machine the CPU figure is the one
    that does not depend on the neighbours; the ratios are taken from it."""
    start, start_cpu = time.perf_counter(), time.thread_time()
    for t in texts:
        run(t)
    wall, cpu = time.perf_counter() - start, time.thread_time() - start_cpu
    return len(texts) / wall, len(texts) / cpu


def worker(tool: str, corpus: str) -> dict[str, Any]:
    """In a fresh, pinned process: build ``tool``, time it on ``corpus``, score it."""
    pin_one_core()
    texts = timing_posts(corpus)
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    t0 = time.perf_counter()
    try:
        run = TOOLS[tool]()
    except ImportError as exc:
        hint = INSTALL_HINT.get(tool, "")
        return {"error": f"{exc.name or exc} not installed ({hint})"}
    setup_s = time.perf_counter() - t0
    posts_per_s, posts_per_cpu_s = throughput(run, texts)
    sc = score(rows, [run(r["text"]) for r in rows])
    groups = SHARED_GROUPS + (OWN_GROUPS if tool == "krantentoets" else ())
    rec, prec = sc.micro(SHARED_GROUPS)
    return {
        "corpus": corpus,
        "posts": len(texts),
        "posts_per_s": posts_per_s,
        "posts_per_cpu_s": posts_per_cpu_s,
        "setup_in_process_s": setup_s,
        "pinned": len(os.sched_getaffinity(0)) == 1,
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
        "misses": sc.misses,
        "false_alarms": sc.false_alarms,
    }


def in_fresh_process(args: list[str]) -> tuple[float, dict[str, Any] | None, str]:
    """Run this script with ``args`` pinned to one core; its JSON goes through a file
    (deduce prints DEBUG lines on standard output)."""
    with tempfile.TemporaryDirectory(prefix="pii-peers-") as folder:
        out = Path(folder) / "out.json"
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), *args, "--out", str(out)],
            capture_output=True,
            text=True,
            preexec_fn=pin_one_core,
            check=False,
        )
        wall = time.perf_counter() - t0
        err = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"
        data = json.loads(out.read_text()) if proc.returncode == 0 and out.exists() else None
        return wall, data, err


def cold_start(tool: str, repeats: int = 3) -> float:
    """Median wall-clock seconds of a fresh process: import, build, analyse one post."""
    times = []
    for _ in range(repeats):
        wall, data, err = in_fresh_process(["--cold", tool])
        if data is None:
            raise RuntimeError(err)
        times.append(wall)
    return statistics.median(times)


def rotated(tools: list[str], k: int) -> list[str]:
    k %= len(tools)
    return tools[k:] + tools[:k]


def run_all(tools: list[str], corpora: list[str], rounds: int, with_cold: bool) -> dict[str, Any]:
    """Every (round, corpus, tool) in a fresh process, the tool order rotating per round."""
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {t: {c: [] for c in corpora} for t in tools}
    errors: dict[str, str] = {}
    for k in range(rounds):
        for corpus in corpora:
            for tool in rotated(tools, k):
                if tool in errors:
                    continue
                print(f"round {k + 1}, {corpus}: {tool}", file=sys.stderr, flush=True)
                _, data, err = in_fresh_process(["--worker", tool, "--corpus", corpus])
                if data is None:
                    errors[tool] = f"failed: {err}"
                elif "error" in data:
                    errors[tool] = data["error"]
                    print(f"{tool}: {data['error']}; skipped", file=sys.stderr, flush=True)
                else:
                    runs[tool][corpus].append(data)
    results: dict[str, dict[str, Any]] = {}
    for tool in tools:
        if tool in errors:
            results[tool] = {"error": errors[tool]}
            continue
        first = runs[tool][corpora[0]][0]
        results[tool] = {
            **{k: first[k] for k in ("groups", "micro", "misses", "false_alarms")},
            "pinned": all(r["pinned"] for c in corpora for r in runs[tool][c]),
            "throughput": {
                c: {
                    "posts": runs[tool][c][0]["posts"],
                    "runs": [r["posts_per_cpu_s"] for r in runs[tool][c]],
                    "posts_per_cpu_s": statistics.median(
                        r["posts_per_cpu_s"] for r in runs[tool][c]
                    ),
                    "wall_runs": [r["posts_per_s"] for r in runs[tool][c]],
                    "posts_per_s": statistics.median(r["posts_per_s"] for r in runs[tool][c]),
                }
                for c in corpora
            },
            "setup_in_process_s": statistics.median(
                r["setup_in_process_s"] for c in corpora for r in runs[tool][c]
            ),
        }
        results[tool]["startup_s"] = (
            cold_start(tool) if with_cold else results[tool]["setup_in_process_s"]
        )
    return results


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
    lines.append(speed_table(results))
    return "\n".join(lines)


def speed_table(results: dict[str, dict[str, Any]]) -> str:
    kt = results.get("krantentoets", {})
    corpora = list(next((r["throughput"] for r in results.values() if "error" not in r), {}))
    lines = [
        f"{'tool':14}"
        + "".join(f"{c + ' posts/CPU-s (range)':>30}{'kt/peer':>9}" for c in corpora)
        + f"{'start-up s':>12}{'kt/peer':>9}"
    ]
    for t, r in results.items():
        if "error" in r:
            lines.append(f"{t:14}  not run: {r['error']}")
            continue
        cells = []
        for c in corpora:
            tp = r["throughput"][c]
            mine = kt.get("throughput", {}).get(c, {}).get("posts_per_cpu_s", 0)
            low, high = min(tp["runs"]), max(tp["runs"])
            spread = f"{tp['posts_per_cpu_s']:,.0f} ({low:,.0f}-{high:,.0f})"
            cells.append(f"{spread:>30}{mine / tp['posts_per_cpu_s']:8.1f}x")
        ratio_su = kt.get("startup_s", 0) / r["startup_s"] if r["startup_s"] else 0
        lines.append(f"{t:14}" + "".join(cells) + f"{r['startup_s']:12.2f}{ratio_su:8.2f}x")
    same, peer = results.get("kt-no-names", {}), results.get("presidio", {})
    if "throughput" in same and "throughput" in peer:
        for c in corpora:
            ratio = (
                same["throughput"][c]["posts_per_cpu_s"] / peer["throughput"][c]["posts_per_cpu_s"]
            )
            lines.append(
                f"{c}: on the kinds the Presidio set-up finds (no person names), "
                f"kt-no-names / presidio = {ratio:.1f}x"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    ap.add_argument("--tools", default="krantentoets,kt-no-names,presidio,deduce")
    ap.add_argument("--corpus", default="real,templated", help="timing corpora: real,templated")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of fresh processes per tool")
    ap.add_argument("--no-cold", action="store_true", help="skip the fresh-process start-up runs")
    ap.add_argument("--show-errors", action="store_true", help="list each tool's misses")
    ap.add_argument("--cold", help=argparse.SUPPRESS)
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.cold or args.worker:
        if args.cold:
            pin_one_core()
            TOOLS[args.cold]()
            data: dict[str, Any] = {"ok": True}
        else:
            data = worker(args.worker, args.corpus)
        if args.out:
            args.out.write_text(json.dumps(data))
        return 0
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        ap.error(f"unknown tool(s) {unknown}; choose from {list(TOOLS)}")
    corpora = [c.strip() for c in args.corpus.split(",") if c.strip()]
    if not corpora or any(c not in CORPORA for c in corpora):
        ap.error(f"--corpus: choose from {', '.join(CORPORA)}")
    if "real" in corpora:
        sys.path.insert(0, str(HERE))
        from corpus import CorpusMissing, real_posts

        try:
            real_posts()
        except CorpusMissing as exc:
            ap.error(str(exc))
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    results = run_all(tools, corpora, max(1, args.rounds), with_cold=not args.no_cold)
    command = "python bench/pii_peers.py " + " ".join(argv if argv is not None else sys.argv[1:])
    pinned = all(r.get("pinned", True) for r in results.values())
    print(
        f"Personal data, {len(rows)} labelled posts ({DATA.relative_to(HERE.parent)}), "
        f"{sum(len(r['spans']) for r in rows)} gold spans; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}"
    )
    print(
        f"speed: each tool in its own fresh process {'pinned to one core' if pinned else ''}, "
        f"{max(1, args.rounds)} rounds in rotating order; median posts per CPU-second of the "
        "process (range)"
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
                "load_average": os.getloadavg()[0],
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
            if t == "krantentoets" or "throughput" not in r or "throughput" not in kt:
                continue
            r["ratio_krantentoets_throughput"] = {
                c: kt["throughput"][c]["posts_per_cpu_s"] / tp["posts_per_cpu_s"]
                for c, tp in r["throughput"].items()
            }
            r["ratio_krantentoets_throughput_wall"] = {
                c: kt["throughput"][c]["posts_per_s"] / tp["posts_per_s"]
                for c, tp in r["throughput"].items()
            }
            r["ratio_krantentoets_startup"] = kt["startup_s"] / r["startup_s"]
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
