"""Copy the blind labellers' files into the repository without post text.

The labels point at words by character offsets (``start``/``end`` in the post's
``text``); the ``words`` field is kept as a short reminder only: longer than
``MAX_WORDS`` characters it is cut (``…``), so no label file holds a whole post.
``bench/real_posts.py`` uses only the offsets and categories.

    python bench/data/real_posts/copy_labels.py /work/labels
    python bench/data/real_posts/copy_labels.py /work/labels2/D round2   # round 2, one labeller
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MAX_WORDS = 30
HERE = Path(__file__).resolve().parent


def shorten(row: dict) -> dict:
    for key in ("problems_ma", "problems_mw", "names"):
        for item in row.get(key) or []:
            words = item.get("words", "")
            if len(words) > MAX_WORDS:
                item["words"] = words[:MAX_WORDS] + "…"
    return row


def main(src: str, dest: str = "") -> int:
    names = sorted(p.name for p in Path(src).glob("labels_*.jsonl"))
    for name in names:
        lines = (Path(src) / name).read_text(encoding="utf-8").splitlines()
        rows = [shorten(json.loads(x)) for x in lines if x.strip()]
        out = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        (HERE / dest / name).write_text(out, encoding="utf-8")
        print(f"{name}: {len(rows)} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
