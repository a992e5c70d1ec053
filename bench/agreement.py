"""How far do two careful people agree? A second blind labeller against the first. Not a test.

The targets of issues 10-12 (recall >= 85 %, tone macro-F1 >= 0.85, private names 0.90 /
0.85) are measured against ONE labeller per post. This script puts them beside the figure a
second person reaches on the same posts: labeller C labelled a random part of the TUNE
posts (``bench/data/real_posts/agreement/labels_C.jsonl``, same rubric, blind to the product
and to the first labels). For each figure it prints, on those posts only:

- **C against A/B**: the second person scored exactly as the product is scored (the first
  labels are the reference);
- **the product against A/B**: the product's own figure on the same posts.

A, B and C are helpers of the same kind, not independent people: their agreement is likely
higher than that of two human advisers (see ``LABELLERS.md``).

Figures:

- verdict under the office holders' code (post / doubt / do-not-post): agreement and Cohen's
  kappa, and whether a post is flagged at all;
- problems (``bench/real_posts.py``'s scoring: a finding is correct when it overlaps a
  labelled problem of the same category): precision, recall, and the share of posts flagged
  where the reference says post; office holders' and employees' code;
- tone (``bench/triage.py``'s macro-F1 of positive and negative);
- person names (``bench/names.py``'s scoring): private and any-person recall and precision.

    python bench/agreement.py [--labels-c PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import names as names_bench  # noqa: E402
import real_posts as rp  # noqa: E402
import triage as triage_bench  # noqa: E402

VERDICTS = ("post", "doubt", "do-not-post")


def read_jsonl(path: Path) -> dict[str, dict]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[str(row["id"])] = row
    return out


def kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters over the same items."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    ca = Counter(a for a, _ in pairs)
    cb = Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return round((observed - expected) / (1 - expected), 3) if expected < 1 else None


def as_found(problems: list[dict]) -> list[rp.Found]:
    """A labeller's problems as findings, so that they are scored like the product's."""
    sev = {"doubt": "warn", "do-not-post": "block"}
    return [
        rp.Found(
            "human",
            p["category"],
            sev.get(p.get("severity", "doubt"), "warn"),
            p["start"],
            p["end"],
            "",
        )
        for p in problems
    ]


def problems_figures(
    ids: list[str], ref: dict[str, dict], c: dict[str, dict], corpus: dict, code: str
) -> dict[str, rp.Tally]:
    pol_ma, pol_mw = rp.policies()
    make, policy = (rp.ma_post, pol_ma) if code == "ma" else (rp.mw_post, pol_mw)
    human, product = rp.Tally(), rp.Tally()
    for pid in ids:
        r, h = ref[pid], c[pid]
        if not r.get(f"verdict_{code}") or not h.get(f"verdict_{code}"):
            continue
        gold = r.get(f"problems_{code}") or []
        verdict = r[f"verdict_{code}"]
        rp.score(human, pid, as_found(h.get(f"problems_{code}") or []), verdict, gold)
        rp.score(product, pid, rp.run(make(corpus[pid]), policy), verdict, gold)
    return {"second labeller (C)": human, "product": product}


def tone_figures(ids: list[str], ref: dict[str, dict], c: dict[str, dict], corpus: dict) -> dict:
    gold = [ref[i]["tone"] for i in ids]
    out = {}
    rows = [(corpus[i]["text"], ref[i]["tone"]) for i in ids]
    human = [c[i]["tone"] for i in ids]
    per = triage_bench.per_label_figures(gold, human, ("positive", "negative", "neutral"))
    out["second labeller (C)"] = round((per["positive"]["f1"] + per["negative"]["f1"]) / 2, 3)
    for model in ("use", "lexicon"):
        try:
            out[f"product ({model})"] = triage_bench.tone_quality(rows, model)["macro_f1"]
        except Exception as exc:  # the encoder may be missing: say so, go on
            out[f"product ({model})"] = f"not measured: {exc}"
    return out


def names_figures(ids: list[str], ref: dict[str, dict], c: dict[str, dict], corpus: dict) -> dict:
    def docs(labels: dict[str, dict]) -> list[names_bench.Doc]:
        return [
            names_bench.Doc(
                i,
                corpus[i]["text"],
                [names_bench.Name(n["start"], n["end"], n["kind"]) for n in labels[i]["names"]],
            )
            for i in ids
        ]

    gold = docs(ref)
    human = {d.id: d.gold for d in docs(c)}
    # the second labeller as a "detector": scored with names.py's scoring against the first
    original = names_bench.predict
    try:
        by_text = {corpus[i]["text"]: human[i] for i in ids}
        names_bench.predict = lambda text, detector: by_text[text]  # type: ignore[assignment]
        h = names_bench.score(gold)
    finally:
        names_bench.predict = original  # type: ignore[assignment]
    p = names_bench.score(gold)
    pick = lambda s: {k: s[k] for k in ("private", "public", "any")}  # noqa: E731
    return {"second labeller (C)": pick(h), "product": pick(p)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--labels-c", type=Path, default=rp.LABELS / "agreement" / "labels_C.jsonl")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args(argv)
    corpus = rp.read_corpus(rp.default_data())
    sample = rp.read_sample(rp.LABELS)
    ref = rp.read_labels(rp.LABELS)
    c = read_jsonl(args.labels_c)
    ids = [i for i in c if i in ref]
    if any(sample[i]["split"] != "tune" for i in ids):
        raise SystemExit("labels_C holds holdout posts: this script only compares tune posts")
    print(f"{len(ids)} tune posts labelled by both C and the first labeller (A or B)\n")
    out: dict[str, Any] = {"posts": len(ids)}

    pairs = [(ref[i]["verdict_ma"], c[i]["verdict_ma"]) for i in ids]
    flagged = [(a != "post", b != "post") for a, b in pairs]
    out["verdict_ma"] = {
        "agreement": round(sum(a == b for a, b in pairs) / len(pairs), 3),
        "kappa": kappa(pairs),
        "flagged_agreement": round(sum(a == b for a, b in flagged) / len(flagged), 3),
        "flagged_kappa": kappa([(str(a), str(b)) for a, b in flagged]),
        "confusion (first -> C)": {f"{a}->{b}": n for (a, b), n in sorted(Counter(pairs).items())},
    }
    v = out["verdict_ma"]
    print("Verdict, office holders' code (first labeller -> C)")
    print(f"  agreement {v['agreement']:.3f}, kappa {v['kappa']}")
    print(f"  flagged or not: agreement {v['flagged_agreement']:.3f}, kappa {v['flagged_kappa']}")
    print("  " + ", ".join(f"{k} {n}" for k, n in v["confusion (first -> C)"].items()))

    for code, title in (("ma", "office holders' code"), ("mw", "employees' code")):
        tallies = problems_figures(ids, ref, c, corpus, code)
        out[f"problems_{code}"] = {k: rp.summary(t, per_rule=False) for k, t in tallies.items()}
        for who, t in tallies.items():
            rp.print_tally(
                f"problems, {title}: {who} against the first labeller", t, per_rule=False
            )

    out["tone_macro_f1"] = tone_figures(ids, ref, c, corpus)
    print("\nTone macro-F1 (positive vs negative) against the first labeller")
    for who, f in out["tone_macro_f1"].items():
        print(f"  {who:24} {f}")

    out["names"] = names_figures(ids, ref, c, corpus)
    print("\nPerson names against the first labeller (recall / precision)")
    for who, s in out["names"].items():
        cells = "  ".join(
            f"{k} {s[k]['recall']}/{s[k]['precision']} (gold {s[k]['gold']})"
            for k in ("private", "public", "any")
        )
        print(f"  {who:24} {cells}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
