"""Silver person labels for the name tagger: Frog's NER over the Dutch UD dev treebanks,
corrected by rules where Frog is clearly wrong. Build time only (Frog is GPL-3 and is never a
run-time dependency of krantentoets).

    apt-get install frog frogdata      # Debian
    python training/name_tagger/make_silver.py [--ud ../shared/data/ud_dutch]

Reads ``*-dev.conllu`` (never the test files: those hold the gold sentences of
``bench/names.py``), runs Frog with its own tokeniser off (the UD tokens are kept) and only the
tagger and NER on, and writes ``silver.jsonl`` beside this script: one sentence per line,
``{"file", "sent_id", "words", "upos", "labels"}`` with ``B-PER``/``I-PER``/``O``.
The text is CC BY-SA 4.0 (see NOTICE.md).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))

from krantentoets.detect import names  # noqa: E402

#: Parts of speech that are never (part of) a person's name in UD (Frog sometimes tags
#: adjectives such as "Euclidische" or a sentence-initial verb as a person).
NOT_NAME_UPOS = {"ADJ", "VERB", "AUX", "ADV", "PRON", "NUM", "PUNCT", "SCONJ", "CCONJ", "SYM"}


def read_conllu(path: Path) -> list[dict]:
    out, words, upos, sid = [], [], [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif not line.strip():
            if words:
                out.append({"file": path.name, "sent_id": sid, "words": words, "upos": upos})
            words, upos = [], []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue  # multiword ranges and empty nodes
            words.append(cols[1])
            upos.append(cols[3])
    if words:
        out.append({"file": path.name, "sent_id": sid, "words": words, "upos": upos})
    return out


def run_frog(sentences: list[dict]) -> list[list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.txt", Path(tmp) / "out.tsv"
        src.write_text(
            "".join(" ".join(w.replace(" ", "_") for w in s["words"]) + "\n" for s in sentences),
            encoding="utf-8",
        )
        subprocess.run(
            ["frog", "--skip=tlacmp", "-n", "--threads=1", "-t", str(src), "-o", str(dst)],
            check=True,
            capture_output=True,
        )
        blocks = dst.read_text(encoding="utf-8").strip().split("\n\n")
    tags = [[row.split("\t")[7] for row in b.split("\n") if row] for b in blocks]
    if len(tags) != len(sentences) or any(
        len(t) != len(s["words"]) for t, s in zip(tags, sentences, strict=True)
    ):
        raise SystemExit("Frog's output does not line up with the UD tokens")
    return tags


def correct(words: list[str], upos: list[str], frog: list[str], stats: Counter) -> list[str]:
    """Frog's PER spans, corrected; other entity types become O."""
    L = names.lists()
    titles = {t.rstrip(".") for t in names.TITLES}
    n = len(words)
    spans: list[list[int]] = []
    for i, t in enumerate(frog):
        if t == "B-PER" or (t == "I-PER" and (not spans or spans[-1][1] != i - 1)):
            spans.append([i, i])
        elif t == "I-PER":
            spans[-1][1] = i
    kept: list[tuple[int, int]] = []
    for a, b in spans:
        # A title or kinship word at the start is not part of the name ("Tante Sidonie").
        while a <= b and (words[a].lower().rstrip(".") in titles or upos[a] == "NOUN"):
            a += 1
            stats["title stripped"] += 1
        if a > b:
            continue
        if any(upos[k] in NOT_NAME_UPOS for k in range(a, b + 1)):
            stats["dropped: not a noun"] += 1
            continue
        if not any(words[k][:1].isupper() for k in range(a, b + 1)):
            stats["dropped: no capital"] += 1
            continue
        if a == b and words[a] in L.places and words[a] not in L.first | L.surnames:
            stats["dropped: a place"] += 1
            continue
        kept.append((a, b))
    # Frog misses: a title followed by proper nouns ("mevrouw Bakker", "dhr. Van Dam").
    covered = {k for a, b in kept for k in range(a, b + 1)}
    for i in range(n - 1):
        if words[i].lower().rstrip(".") not in titles or i + 1 in covered:
            continue
        j = i + 1
        while j < n and (
            upos[j] == "PROPN"
            or (upos[j] in ("ADP", "DET", "X") and words[j].lower() in L.interfixes)
        ):
            j += 1
        while j > i + 1 and upos[j - 1] != "PROPN":
            j -= 1
        if j > i + 1 and frog[i + 1] == "O":
            kept.append((i + 1, j - 1))
            covered.update(range(i + 1, j))
            stats["added: title + proper noun"] += 1
    labels = ["O"] * n
    for a, b in sorted(kept):
        labels[a] = "B-PER"
        for k in range(a + 1, b + 1):
            labels[k] = "I-PER"
    return labels


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--ud", type=Path, default=ROOT.parent / "shared" / "data" / "ud_dutch")
    ap.add_argument("--output", type=Path, default=HERE / "silver.jsonl")
    args = ap.parse_args()
    sentences = [s for p in sorted(args.ud.glob("*-dev.conllu")) for s in read_conllu(p)]
    frog = run_frog(sentences)
    stats: Counter = Counter()
    with args.output.open("w", encoding="utf-8") as fh:
        for s, f in zip(sentences, frog, strict=True):
            s["labels"] = correct(s["words"], s["upos"], f, stats)
            fh.write(json.dumps(s, ensure_ascii=False) + "\n")
    persons = sum(lab == "B-PER" for s in sentences for lab in s["labels"])
    print(f"{len(sentences)} sentences, {persons} persons; corrections: {dict(stats)}")


if __name__ == "__main__":
    main()
