"""Train the person-name tagger shipped as ``src/krantentoets/data/names/person_tagger.crfsuite``.

    python training/name_tagger/train.py            # train, write the model and MANIFEST.json
    python training/name_tagger/train.py --check    # exit 1 if the inputs or model drifted

Deterministic: the same silver data, feature code, name lists and parameters give the same
model (L-BFGS, fixed iteration count, sentences in file order). ``MANIFEST.json`` records
the SHA-256 of every input and of the model; ``tests/test_name_tagger.py`` checks it, so a
change to the features or lists without retraining fails the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))

from krantentoets.detect import name_tagger  # noqa: E402

PACKAGE = ROOT / "src" / "krantentoets"
MODEL = PACKAGE / "data" / "names" / name_tagger.MODEL
MANIFEST = HERE / "MANIFEST.json"
PARAMS = {
    "algorithm": "lbfgs",
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}
#: Files whose content decides the model.
INPUTS = [
    HERE / "silver.jsonl",
    HERE / "train.py",
    PACKAGE / "detect" / "name_tagger.py",
    PACKAGE / "detect" / "dutch_words.py",
    *(PACKAGE / "data" / "names" / f for f in (
        "first_names.txt", "surnames.txt", "places.txt", "common_words.txt", "word_names.txt",
        "interfixes.txt",
    )),
]  # fmt: skip


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


#: How names are written in Dutch and Flemish text; ``F`` first name, ``S``/``T`` surnames,
#: ``I`` an initial. The UD text has few of the shapes that matter in a municipality's
#: dialogues (a surname alone, abbreviated particles, capitalised Flemish particles), so each
#: sentence with a person is copied with its names rewritten in these shapes.
SHAPES = (
    "F S", "F S", "F van S", "F de S", "F van der S", "S", "S", "van den S", "de S", "van S",
    "I S", "I. S", "I.I. S", "I. van S", "v.d. S", "v/d S", "Vanden S", "De S", "Van S",
    "Van der S", "S-van T", "S-de T", "F S-T", "F I. S", "F F S", "F De S", "F Vanden S",
)  # fmt: skip
AUGMENT_SEED = 20261207
AUGMENT_COPIES = 2


def augment(sentences: list[dict]) -> list[dict]:
    """Copies of the sentences with a person, each person rewritten in a random shape; the
    surnames come from the surname list and (for names no list holds) from the persons Frog
    found in the text. Deterministic (a fixed seed)."""
    import random

    from krantentoets.detect import names

    L = names.lists()
    rng = random.Random(AUGMENT_SEED)
    firsts = sorted(w for w in L.first if w.isalpha() and len(w) > 2 and w not in L.word_names)
    listed = sorted(w for w in L.surnames if w.isalpha() and w[:1].isupper() and len(w) > 2)
    unlisted = sorted({
        w for s in sentences for w, lab in zip(s["words"], s["labels"], strict=True)
        if lab != "O" and w.isalpha() and w[:1].isupper() and w not in L.surnames
        and w not in L.first and len(w) > 2
    })  # fmt: skip
    upper = "ABCDEFGHIJKLMNOPRSTVW"

    def surname() -> str:
        return rng.choice(unlisted if rng.random() < 0.4 else listed)

    def render(shape: str) -> list[str]:
        words: list[str] = []
        for part in shape.split(" "):
            if part == "F":
                words.append(rng.choice(firsts))
            elif part == "I" or part == "I.":
                words.append(rng.choice(upper) + part[1:])
            elif part == "I.I.":
                words.append(f"{rng.choice(upper)}.{rng.choice(upper)}.")
            elif part.startswith("S-"):  # "S-T" two surnames, "S-van T" with a particle
                rest = part[2:]
                words.append(f"{surname()}-{surname() if rest == 'T' else rest}")
            elif part in ("S", "T"):
                words.append(surname())
            else:
                words.append(part)
        return words

    out: list[dict] = []
    for copy in range(AUGMENT_COPIES):
        for s in sentences:
            labels = s["labels"]
            if "B-PER" not in labels:
                continue
            words2: list[str] = []
            labels2: list[str] = []
            i = 0
            while i < len(labels):
                if labels[i] != "B-PER":
                    words2.append(s["words"][i])
                    labels2.append(labels[i])
                    i += 1
                    continue
                j = i + 1
                while j < len(labels) and labels[j] == "I-PER":
                    j += 1
                name = render(rng.choice(SHAPES))
                if i == 0:
                    name[0] = name[0][:1].upper() + name[0][1:]
                words2.extend(name)
                labels2.extend(["B-PER"] + ["I-PER"] * (len(name) - 1))
                i = j
            out.append({"words": words2, "labels": labels2, "copy": copy})
    return out


def train(sentences: list[dict], model: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm=PARAMS["algorithm"], verbose=False)
    for s in sentences:
        trainer.append(name_tagger.features(s["words"]), s["labels"])
    trainer.set_params({k: v for k, v in PARAMS.items() if k != "algorithm"})
    trainer.train(str(model))


def manifest() -> dict:
    from importlib.metadata import version

    return {
        "params": PARAMS,
        # the Zipf-frequency feature (name_tagger._zipf_bin) reads wordfreq's Dutch list
        "wordfreq": version("wordfreq"),
        "inputs": {str(p.relative_to(ROOT)): sha256(p) for p in INPUTS},
        "model": {str(MODEL.relative_to(ROOT)): sha256(MODEL)},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare with MANIFEST.json")
    ap.add_argument("--output", type=Path, default=MODEL)
    args = ap.parse_args()
    if args.check:
        ok = json.loads(MANIFEST.read_text(encoding="utf-8")) == manifest()
        print("MANIFEST.json matches" if ok else "MANIFEST.json does not match: retrain")
        return 0 if ok else 1
    silver = load(HERE / "silver.jsonl")
    train(silver + augment(silver), args.output)
    if args.output == MODEL:
        MANIFEST.write_text(json.dumps(manifest(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
