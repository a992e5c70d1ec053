"""Draw the second labelling round: 510 random posts not in the first sample.

The first sample (``../sample.csv``, 560 posts) gave 36 tune and 18 holdout posts that a
careful adviser would not post as they are; too few to tell a type from an example. This
round adds 300 ``tune2`` posts (measured once on the product as it stood, then used for
tuning) and 210 ``holdout2`` posts (never looked at while tuning), labelled blind by three
helpers (D, E, F) from the same ``RUBRIC.md``. Ids only: the text stays in the corpus.

    python bench/data/real_posts/round2/draw.py   # rewrites sample.csv here
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[4] / "shared" / "data" / "real_posts_party_dev" / "party_tweets_dev.csv"
SEED = 20261207
N_TUNE, N_HOLDOUT, N_MW_PER_LABELLER = 300, 210, 30
LABELLERS = ("D", "E", "F")


def main() -> None:
    with (HERE.parent / "sample.csv").open(encoding="utf-8", newline="") as fh:
        taken = {row["id"] for row in csv.DictReader(fh)}
    with CORPUS.open(encoding="utf-8", newline="") as fh:
        ids = sorted((row["id"] for row in csv.DictReader(fh)), key=int)
    pool = [i for i in ids if i not in taken]
    rng = random.Random(SEED)
    chosen = rng.sample(pool, N_TUNE + N_HOLDOUT)
    splits = ["tune2"] * N_TUNE + ["holdout2"] * N_HOLDOUT
    rows = []
    for k, (pid, split) in enumerate(zip(chosen, splits, strict=True)):
        rows.append({"id": pid, "split": split, "labeller": LABELLERS[k % 3]})
    # shuffle again so each labeller's file mixes both splits in a random order
    rng.shuffle(rows)
    per = {lab: 0 for lab in LABELLERS}
    for row in rows:
        per[row["labeller"]] += 1
        row["mw_sample"] = "yes" if per[row["labeller"]] <= N_MW_PER_LABELLER else "no"
    with (HERE / "sample.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "split", "labeller", "mw_sample"])
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
