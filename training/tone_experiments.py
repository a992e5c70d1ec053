"""Side-by-side experiments for the tone head (dev script; prints figures, writes nothing).

    python training/tone_experiments.py --clean --labels2 DIR         # the variant grid
    python training/tone_experiments.py --clean --registers           # written registers held out
    python training/tone_experiments.py --clean --variants max --with-written2
    python training/tone_experiments.py --clean --variants max --w2-only review,citizen \
        --w2-weights 1,4 --labels2 DIR                                # part of written2 trained on
    python training/tone_experiments.py --clean --variants max --ceiling [--alone] --labels2 DIR

``--clean``: the encoder sees ``encoder_text()`` (as the shipped head does). Variants: ``base``
(whole post), ``mean`` / ``max`` (beside it, the mean / maximum over the post's sentences),
``polar`` (the whole-post head's strongest positive and negative sentence), ``slex`` (the
lexicon's most positive and most negative sentence); combinations such as ``maxslex``.

Every variant is a 3-class logistic regression trained as ``data/tone/train.py`` trains the
shipped head (XED training lines, triage_dev, the written posts; same weights and L2) and
measured on:

- ``tune`` / ``tune2``: the real posts labelled blind (measurement only, never trained on);
- ``xed``: the held-out fifth of XED's Dutch lines;
- ``w2``: the second batch of written posts (``tone_written_2.jsonl``, another writer, other
  registers), when the variant is trained without it: an "other domain" proxy;
- ``reg``: leave-one-register-out over the written posts of registers that are not social
  media posts (reviews, citizens' messages, news opinion): trained without that register.

``--ceiling``: 5-fold cross-validation of a head trained on the labelled real posts themselves
(tune + tune2; evaluation only, such a head is never shipped): how far a linear head on these
embeddings gets in-domain.

The holdout parts are never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
TRAIN_SCRIPT = REPO / "src" / "krantentoets" / "data" / "tone" / "train.py"
BENCH = REPO / "bench" / "triage.py"
CACHE = Path("/tmp") / "krantentoets-tone-exp"


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


train = _load("tone_train", TRAIN_SCRIPT)
bench = _load("bench_triage", BENCH)
LABELS = train.LABELS


def _encode(texts: list[str]) -> np.ndarray:
    from krantentoets.detect import tone as tone_mod

    key = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"use-{key}.npy"
    if path.exists():
        return np.load(path)
    encode = tone_mod._LOADERS["use"]()
    out = np.vstack(
        [
            encode([t[: tone_mod.MAX_CHARS] for t in texts[i : i + 256]])
            for i in range(0, len(texts), 256)
        ]
    ).astype(np.float32)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out


class Block:
    """One set of texts: whole-text embeddings, sentence embeddings, lexicon features."""

    def __init__(
        self, rows: list[tuple[str, str]], groups: list[str] | None = None, clean: bool = False
    ) -> None:
        from krantentoets.detect import tone as tone_mod

        self.texts = [t for t, _ in rows]
        self.y = np.array([LABELS.index(lab) for _, lab in rows])
        self.groups = groups
        seen = [tone_mod.encoder_text(t) for t in self.texts] if clean else self.texts
        self.emb = _encode(seen)
        sents = [tone_mod.sentences(t[: tone_mod.MAX_CHARS]) for t in seen]
        self.owner = np.repeat(np.arange(len(sents)), [len(s) for s in sents])
        self.n_sent = np.array([len(s) for s in sents])
        flat = [s for ss in sents for s in ss]
        self.sent_emb = _encode(flat)
        self.lex = np.asarray([tone_mod.lexicon_features(t) for t in self.texts], np.float32)
        self.sent_lex = np.asarray([tone_mod.lexicon_features(s) for s in flat], np.float32)

    def pooled(self, how: str) -> np.ndarray:
        d = self.sent_emb.shape[1]
        out = np.zeros((len(self.texts), d), np.float32)
        if how == "mean":
            np.add.at(out, self.owner, self.sent_emb)
            out /= self.n_sent[:, None]
        elif how == "max":
            out[:] = -np.inf
            np.maximum.at(out, self.owner, self.sent_emb)
        return out

    def subset(self, keep: np.ndarray) -> Block:
        new = object.__new__(Block)
        idx = np.flatnonzero(keep)
        new.texts = [self.texts[i] for i in idx]
        new.y = self.y[idx]
        new.groups = [self.groups[i] for i in idx] if self.groups else None
        new.emb, new.lex = self.emb[idx], self.lex[idx]
        sent_keep = np.isin(self.owner, idx)
        remap = np.full(len(self.texts), -1)
        remap[idx] = np.arange(len(idx))
        new.owner = remap[self.owner[sent_keep]]
        new.n_sent = self.n_sent[idx]
        new.sent_emb, new.sent_lex = self.sent_emb[sent_keep], self.sent_lex[sent_keep]
        return new


def features(block: Block, variant: str, stage1: Any = None) -> np.ndarray:
    parts = [block.emb]
    if "mean" in variant:
        parts.append(block.pooled("mean"))
    if "max" in variant:
        parts.append(block.pooled("max"))
    parts.append(block.lex)
    if "slex" in variant:
        parts.append(sentence_lexicon(block))
    if "polar" in variant:
        parts.append(polar(block, stage1))
    return np.hstack(parts)


def sentence_lexicon(block: Block) -> np.ndarray:
    """Per post: the lexicon's most positive and most negative sentence (balance, weights)."""
    n = len(block.texts)
    out = np.zeros((n, 4), np.float32)
    hi, lo = np.full(n, -np.inf, np.float32), np.full(n, np.inf, np.float32)
    np.maximum.at(hi, block.owner, block.sent_lex[:, 2])
    np.minimum.at(lo, block.owner, block.sent_lex[:, 2])
    np.maximum.at(out[:, 2], block.owner, block.sent_lex[:, 0])
    np.maximum.at(out[:, 3], block.owner, block.sent_lex[:, 1])
    out[:, 0], out[:, 1] = hi, lo
    return out


def polar(block: Block, stage1: Any) -> np.ndarray:
    """Per post: the strongest positive and negative sentence by a whole-text head."""
    x = np.hstack([block.sent_emb, block.sent_lex])
    z = (x - stage1["mean"]) / stage1["scale"] @ stage1["w"] + stage1["b"]
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    out = np.zeros((len(block.texts), 3), np.float32)
    np.maximum.at(out[:, 0], block.owner, p[:, 0])
    np.maximum.at(out[:, 1], block.owner, p[:, 1])
    np.maximum.at(out[:, 2], block.owner, 1 - p[:, 2])
    return out


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    return train.tone_macro_f1([LABELS[i] for i in y], [LABELS[i] for i in pred])


def predict(model: Any, x: np.ndarray, neutral_bias: float = 0.0) -> np.ndarray:
    z = (x - model["mean"]) / model["scale"] @ model["w"] + model["b"]
    z[:, 2] += neutral_bias
    return np.argmax(z, axis=1)


def concat(blocks: list[Block]) -> Block:
    new = object.__new__(Block)
    new.texts = [t for b in blocks for t in b.texts]
    new.y = np.concatenate([b.y for b in blocks])
    new.groups = None
    new.emb = np.vstack([b.emb for b in blocks])
    new.lex = np.vstack([b.lex for b in blocks])
    offsets = np.cumsum([0] + [len(b.texts) for b in blocks[:-1]])
    new.owner = np.concatenate([b.owner + o for b, o in zip(blocks, offsets, strict=True)])
    new.n_sent = np.concatenate([b.n_sent for b in blocks])
    new.sent_emb = np.vstack([b.sent_emb for b in blocks])
    new.sent_lex = np.vstack([b.sent_lex for b in blocks])
    return new


def run_variant(
    variant: str,
    train_blocks: list[tuple[Block, float]],
    tests: dict[str, Block],
    *,
    l2: float = train.L2,
    neutral_weight: float = 1.0,
    biases: tuple[float, ...] = (0.0,),
    log: Callable[[str], None] = print,
) -> dict[str, dict[float, float]]:
    blocks = [b for b, _ in train_blocks]
    data = concat(blocks)
    weight = np.concatenate([np.full(len(b.texts), w) for b, w in train_blocks])
    weight = weight * np.where(data.y == 2, neutral_weight, 1.0)
    stage1 = None
    if "polar" in variant:
        stage1 = train.fit(np.hstack([data.emb, data.lex]), data.y, weight, l2)
    x = features(data, variant, stage1)
    model = train.fit(x, data.y, weight, l2)
    out: dict[str, dict[float, float]] = {}
    for name, block in tests.items():
        xt = features(block, variant, stage1)
        out[name] = {b: macro_f1(block.y, predict(model, xt, b)) for b in biases}
    cells = "  ".join(
        f"{name} " + "/".join(f"{v:.3f}" for v in res.values()) for name, res in out.items()
    )
    log(f"{variant:<14} nw {neutral_weight:g} l2 {l2:g}: {cells}")
    return out


def ceiling(
    real: Block,
    variant: str,
    folds: int = 5,
    l2: float = 1e-1,
    base: list[tuple[Block, float]] | None = None,
    real_weight: float = 4.0,
) -> float:
    """5-fold cross-validation of a head trained on four fifths of the labelled real posts
    (alone, or beside the training data ``base`` with ``real_weight``), measured on the fifth
    left out. Evaluation only: a head trained on real posts is never shipped."""
    order = np.random.default_rng(12).permutation(len(real.texts))
    pred = np.zeros(len(real.texts), dtype=int)
    for part in np.array_split(order, folds):
        keep = np.ones(len(real.texts), dtype=bool)
        keep[part] = False
        tr, te = real.subset(keep), real.subset(~keep)
        blocks = [(tr, real_weight)] + (base or [])
        data = concat([b for b, _ in blocks])
        weight = np.concatenate([np.full(len(b.texts), w) for b, w in blocks])
        model = train.fit(features(data, variant), data.y, weight, l2)
        pred[~keep] = predict(model, features(te, variant))
    return macro_f1(real.y, pred)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels2", type=Path, help="folder with round 2's label files")
    ap.add_argument("--written2", type=Path, default=train.WRITTEN2)
    ap.add_argument("--ceiling", action="store_true")
    ap.add_argument(
        "--alone", action="store_true", help="with --ceiling: the head on real posts alone only"
    )
    ap.add_argument("--variants", default="base,mean,max,meanmax,polar")
    ap.add_argument("--clean", action="store_true", help="encoder sees encoder_text()")
    ap.add_argument("--registers", action="store_true", help="leave-one-register-out proxy")
    ap.add_argument("--w2-weights", default="4", help="weights of written2 to try (with --w2-only)")
    ap.add_argument(
        "--w2-only",
        help="comma-separated written2 registers: train with only these (all: every register), "
        "measured on tune, tune2 and xed",
    )
    ap.add_argument(
        "--with-written2",
        action="store_true",
        help="train with the second written batch too: on all of it (measured on tune, tune2, "
        "xed), and leaving out one of its registers at a time (measured on that register)",
    )
    args = ap.parse_args(argv)
    clean = args.clean

    real = bench.real_posts(args.labels2) or {}
    tests: dict[str, Block] = {"tune": Block(real["tune"], clean=clean)}
    if real.get("tune2"):
        tests["tune2"] = Block(real["tune2"], clean=clean)
    if args.ceiling:
        both = concat([tests[k] for k in ("tune", "tune2") if k in tests])
        n = len(both.texts)
        for variant in args.variants.split(","):
            for l2 in (1e-2, 1e-1, 1.0, 10.0):
                f1 = ceiling(both, variant, l2=l2)
                print(
                    f"ceiling {variant:<8} real posts alone, l2 {l2:g}: 5-fold CV on {n}: {f1:.3f}"
                )
    xed = Block(train.load_xed("nl-projections.tsv", heldout=False), clean=clean)
    xed_en = Block(train.load_xed("en-annotated.tsv", heldout=False), clean=clean)
    dev = Block(train.load_dev(), clean=clean)
    written_rows = train._jsonl(train.WRITTEN)
    written = Block(
        [(r["text"], r["tone"]) for r in written_rows],
        [r["register"] for r in written_rows],
        clean=clean,
    )
    tests["xed"] = Block(train.load_xed("nl-projections.tsv", heldout=True), clean=clean)
    w2_rows = train._jsonl(args.written2) if args.written2.exists() else []
    if w2_rows:
        tests["w2"] = Block(
            [(r["text"], r["tone"]) for r in w2_rows],
            [r.get("register", "") for r in w2_rows],
            clean=clean,
        )
    base = [(xed, 1.0), (xed_en, 1.0), (dev, train.DEV_WEIGHT), (written, train.WRITTEN_WEIGHT)]
    if args.ceiling:
        for variant in args.variants.split(","):
            for real_weight in (4.0, 16.0):
                f1 = ceiling(both, variant, l2=train.L2, base=base, real_weight=real_weight)
                print(
                    f"ceiling {variant:<8} training data + real posts x{real_weight:g}: "
                    f"5-fold CV on {n}: {f1:.3f}"
                )
        return 0
    print(json.dumps({k: len(v.texts) for k, v in tests.items()}), "clean" if clean else "")
    biases = (-1.0, -0.5, 0.0, 0.5, 1.0)
    print(f"(each cell: neutral logit bias {'/'.join(f'{b:g}' for b in biases)})")
    if args.registers:
        registers(args.variants.split(","), base, written, biases)
        return 0
    if args.w2_only:
        w2 = tests.pop("w2")
        assert w2.groups is not None
        regs = sorted(set(w2.groups)) if args.w2_only == "all" else args.w2_only.split(",")
        part = w2.subset(np.isin(w2.groups, regs))
        for weight in (float(w) for w in args.w2_weights.split(",")):
            print(f"written2 registers {','.join(regs)} ({len(part.texts)}), weight {weight:g}:")
            for variant in args.variants.split(","):
                run_variant(variant, [*base, (part, weight)], tests, biases=biases)
        return 0
    if args.with_written2:
        w2 = tests.pop("w2")
        assert w2.groups is not None
        for variant in args.variants.split(","):
            run_variant(variant, [*base, (w2, train.WRITTEN2_WEIGHT)], tests, biases=biases)
            by_register = {
                f"{reg}({sum(g == reg for g in w2.groups)})": w2.subset(np.isin(w2.groups, [reg]))
                for reg in sorted(set(w2.groups))
            }
            print("  without written2:")
            run_variant(variant, base, by_register, biases=biases)
            print("  with written2 but the register measured:")
            for reg in sorted(set(w2.groups)):
                out = np.isin(w2.groups, [reg])
                run_variant(
                    variant,
                    [*base, (w2.subset(~out), train.WRITTEN2_WEIGHT)],
                    {f"{reg}({int(out.sum())})": w2.subset(out)},
                    biases=biases,
                )
        return 0
    for variant in args.variants.split(","):
        run_variant(variant, base, tests, biases=biases)
    return 0


#: Written registers that are not party or politician posts: the "other domain" proxies.
PROXY_GROUPS = {
    "review": ("review",),
    "citizen": ("citizen", "citizen_to_muni", "citizen_vl", "flemish_citizen"),
    "irony": ("irony", "sarcasm", "irony_pos"),
}


def registers(
    variants: list[str],
    base: list[tuple[Block, float]],
    written: Block,
    biases: tuple[float, ...],
) -> None:
    """Leave one group of written registers out of training and measure on it."""
    assert written.groups is not None
    for name, regs in PROXY_GROUPS.items():
        out = np.isin(written.groups, regs)
        blocks = [(b, w) if b is not written else (written.subset(~out), w) for b, w in base]
        for variant in variants:
            run_variant(
                variant,
                blocks,
                {f"{name}({int(out.sum())})": written.subset(out)},
                biases=biases,
            )


if __name__ == "__main__":
    sys.exit(main())
