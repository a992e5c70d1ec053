"""Train the triage classifier on the development set and write ``model.json`` (dev script).

Run from the repository root (needs numpy, which the package already depends on)::

    python src/krantentoets/data/triage/train.py            # train, write model.json
    python src/krantentoets/data/triage/train.py --cv       # 5-fold cross-validation only

The model is a multinomial logistic regression with L2 regularisation over the ~40 features
of :func:`krantentoets.monitor.triage.features`. It is trained on
``bench/data/triage_dev.jsonl`` only; ``bench/data/triage_heldout.jsonl`` is never read here.
Posts labelled ``abuse`` are left out: abuse comes from the offensive-language detector.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
DEV = REPO / "bench" / "data" / "triage_dev.jsonl"
LABELS = ("compliment", "criticism", "question", "claim", "other")
#: L2 strength (on standardised features), chosen by --cv on the development set.
L2 = 0.1


def load(path: Path) -> tuple[np.ndarray, np.ndarray, list[str]]:
    from krantentoets.monitor.triage import features

    xs, ys, texts = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["label"] not in LABELS:
            continue
        xs.append(features(row["text"])[0])
        ys.append(LABELS.index(row["label"]))
        texts.append(row["text"])
    return np.array(xs, dtype=float), np.array(ys), texts


def fit(
    x: np.ndarray,
    y: np.ndarray,
    l2: float,
    steps: int = 3000,
    *,
    n_labels: int = len(LABELS),
    weight: np.ndarray | None = None,
    lr: float = 0.05,
) -> dict[str, np.ndarray]:
    """Multinomial logistic regression (Adam, full batch) on standardised features.

    Classes are balanced (every label counts the same in the loss); ``weight`` (one per row)
    weighs rows within that. The tone head (data/tone/train.py) is fitted here too.
    """
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    n, d = z.shape
    k = n_labels
    onehot = np.eye(k)[y]
    if weight is None:
        counts = np.bincount(y, minlength=k).astype(float)
        sample_w = (n / (k * np.maximum(counts, 1)))[y][:, None]
    else:
        counts = np.bincount(y, weights=weight, minlength=k)
        sample_w = (weight * (weight.sum() / (k * np.maximum(counts, 1e-9)))[y])[:, None]
        sample_w /= sample_w.mean()
    w = np.zeros((d, k))
    b = np.zeros(k)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    for t in range(1, steps + 1):
        logits = z @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w / n
        gw = z.T @ g + l2 * w
        gb = g.sum(axis=0)
        mw = beta1 * mw + (1 - beta1) * gw
        vw = beta2 * vw + (1 - beta2) * gw**2
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb**2
        w -= lr * (mw / (1 - beta1**t)) / (np.sqrt(vw / (1 - beta2**t)) + eps)
        b -= lr * (mb / (1 - beta1**t)) / (np.sqrt(vb / (1 - beta2**t)) + eps)
    return {"mean": mean, "scale": scale, "w": w, "b": b}


def predict(model: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    z = (x - model["mean"]) / model["scale"]
    return np.argmax(z @ model["w"] + model["b"], axis=1)


def _f1(y: np.ndarray, p: np.ndarray, label: int) -> float:
    tp = float(np.sum((p == label) & (y == label)))
    fp = float(np.sum((p == label) & (y != label)))
    fn = float(np.sum((p != label) & (y == label)))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def cross_validate(x: np.ndarray, y: np.ndarray, texts: list[str], l2: float) -> None:
    rng = np.random.default_rng(7)
    order = rng.permutation(len(y))
    folds = np.array_split(order, 5)
    pred = np.zeros_like(y)
    for fold in folds:
        train = np.setdiff1d(order, fold)
        pred[fold] = predict(fit(x[train], y[train], l2, steps=1500), x[fold])
    cc = (_f1(y, pred, 0) + _f1(y, pred, 1)) / 2
    print(
        f"l2={l2:g}: accuracy {np.mean(pred == y):.3f}, compliment/criticism macro-F1 "
        f"{cc:.3f}, question F1 {_f1(y, pred, 2):.3f}, "
        + ", ".join(f"{lab} {_f1(y, pred, i):.2f}" for i, lab in enumerate(LABELS))
    )
    return pred


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="cross-validate only, write nothing")
    ap.add_argument("--errors", action="store_true", help="with --cv: list misclassified posts")
    args = ap.parse_args(argv)
    from krantentoets.monitor.triage import FEATURES

    x, y, texts = load(DEV)
    if args.cv:
        for l2 in (0.003, 0.01, 0.03, 0.1, 0.3):
            pred = cross_validate(x, y, texts, l2)
            if args.errors and l2 == L2:
                for i in np.flatnonzero(pred != y):
                    print(f"  {LABELS[y[i]]:>10} -> {LABELS[pred[i]]:<10} {texts[i]}")
        return 0
    model = fit(x, y, L2)
    train_acc = float(np.mean(predict(model, x) == y))
    out = {
        "about": "Triage classifier of krantentoets: multinomial logistic regression over "
        "hand-made features, trained on bench/data/triage_dev.jsonl by "
        "src/krantentoets/data/triage/train.py. EUPL-1.2.",
        "features": list(FEATURES),
        "labels": list(LABELS),
        "l2": L2,
        "train_size": len(y),
        "train_accuracy": round(train_acc, 4),
        "mean": [round(float(v), 6) for v in model["mean"]],
        "scale": [round(float(v), 6) for v in model["scale"]],
        "weights": [[round(float(v), 5) for v in row] for row in model["w"].T],
        "bias": [round(float(v), 5) for v in model["b"]],
    }
    target = HERE / "model.json"
    target.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {target}: {len(y)} posts, {len(FEATURES)} features, train accuracy {train_acc:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
