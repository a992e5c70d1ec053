"""Person names in Woo-like documents (letters, e-mails, minutes): what `redact` removes.

The documents of ``bench/data/woo_letters/letters.jsonl`` were written and labelled by hand
(issue 11) before they were measured: ``redact`` holds the persons' names a Woo publication
removes (private persons and civil servants named without a public function), ``keep`` the
spans that must stay, by type (public persons with a function beside them, organisations,
streets, ``Gemeente X``, places, products).

    python bench/woo_letters.py            # totals
    python bench/woo_letters.py --errors   # misses and false alarms per document
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from krantentoets.archive.redaction import NAME, Redactor

DATA = Path(__file__).parent / "data" / "woo_letters" / "letters.jsonl"
_WORD = re.compile(r"\w[\w'.-]*")


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    pat = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    red = Redactor()
    gold_tok = hit_tok = 0
    false_alarms: Counter[str] = Counter()
    other = 0
    docs = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    for doc in docs:
        text = doc["text"]
        found = [(r.start, r.end) for r in red.find(text) if r.category == NAME]

        def covered(s: int, e: int, found: list[tuple[int, int]] = found) -> bool:
            return any(a < e and s < b for a, b in found)

        gold_spans = [sp for name in doc["redact"] for sp in _spans(text, name)]
        missed = []
        for s, e in gold_spans:
            for ts, te in _tokens(text, s, e):
                gold_tok += 1
                if covered(ts, te):
                    hit_tok += 1
                else:
                    missed.append(text[ts:te])
        alarms = []
        keep_spans = []
        for kind, names in doc["keep"].items():
            for name in names:
                for s, e in _spans(text, name):
                    keep_spans.append((s, e))
                    if covered(s, e):
                        false_alarms[kind] += 1
                        alarms.append(f"{kind}:{name}")
        for s, e in found:
            inside = any(a <= s and e <= b for a, b in gold_spans + keep_spans)
            if not inside and not any(a < e and s < b for a, b in gold_spans):
                other += 1
                alarms.append(f"other:{text[s:e]}")
        if args.errors and (missed or alarms):
            print(f"{doc['id']}: missed {sorted(set(missed))} false alarms {alarms}")
    print(f"documents {len(docs)}")
    print(f"person tokens redacted {hit_tok}/{gold_tok} = {hit_tok / max(gold_tok, 1):.2f}")
    total = sum(false_alarms.values()) + other
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(false_alarms.items()))
    print(f"false alarms {total} ({kinds}{', ' if kinds else ''}other {other})")


if __name__ == "__main__":
    main()
