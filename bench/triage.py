"""Triage benchmark: quality on a labelled set, and throughput.

    python bench/triage.py                                  # held-out set (the headline figures)
    python bench/triage.py --data bench/data/triage_dev.jsonl
    python bench/triage.py --json triage.json               # also write the figures as JSON
    python bench/triage.py --errors                         # list the misclassified posts

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
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
HELDOUT = HERE / "data" / "triage_heldout.jsonl"
LABELS = ("compliment", "criticism", "question", "claim", "abuse", "other")


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def quality(rows: list[dict[str, Any]], policy: Any = None) -> dict[str, Any]:
    """Per-label precision/recall/F1 and the two target figures for labelled ``rows``."""
    from krantentoets.monitor.triage import _offensive_detector, triage

    gold = [r["label"] for r in rows]
    pred = [triage(r["text"], policy).label for r in rows]
    per_label = {}
    for label in LABELS:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        p_, r_, f_ = _prf(tp, fp, fn)
        per_label[label] = {
            "support": tp + fn,
            "precision": round(p_, 3),
            "recall": round(r_, 3),
            "f1": round(f_, 3),
        }
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


def throughput(texts: list[str], n: int = 5000, policy: Any = None) -> dict[str, Any]:
    """Posts per second of ``triage()`` alone (warm: lexicons and model loaded first).

    ``posts_per_second`` is wall-clock time; ``posts_per_cpu_second`` counts only this
    process's CPU time, the fairer figure on a machine shared with other work.
    """
    from krantentoets.monitor.triage import triage

    triage(texts[0], policy)
    batch = (texts * (n // len(texts) + 1))[:n]
    start, cpu = time.perf_counter(), time.process_time()
    for text in batch:
        triage(text, policy)
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Triage quality and throughput.")
    ap.add_argument("--data", type=Path, default=HELDOUT, help="labelled JSONL (default: held-out)")
    ap.add_argument("--json", type=Path, help="write the figures to this JSON file")
    ap.add_argument("-n", type=int, default=5000, help="posts for the throughput run")
    ap.add_argument("--errors", action="store_true", help="list the misclassified posts")
    args = ap.parse_args(argv)
    rows = load(args.data)
    q = quality(rows)
    _print_quality(q, args.data.name)
    if args.errors:
        for e in q["errors"]:
            print(f"  {e['gold']:>10} -> {e['pred']:<10} {e['text']}")
    t = throughput([r["text"] for r in rows], args.n)
    print(
        f"triage throughput: {t['posts_per_second']:,} posts/s wall-clock, "
        f"{t['posts_per_cpu_second']:,} posts per CPU-second "
        f"({t['posts']} posts in {t['seconds']} s, one process)"
    )
    if args.json:
        out = {
            "data": args.data.name,
            "quality": {k: v for k, v in q.items() if k != "errors"},
            "throughput": {"triage": t},
        }
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
