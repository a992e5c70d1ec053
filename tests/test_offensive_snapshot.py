"""An equality guard for the offensive analysis: team-written sentences and the exact spans
(offsets, kind, target, group, quoted, counter, trace) that ``detect_offensive`` gives them.

This pins behaviour, not judgement: it exists so that speed work on
``krantentoets.detect.offensive`` (issue 18) cannot change any output unnoticed. When the
judgement changes on purpose (new word-list entries, a precision fix), look at the diff the
failing test prints and rewrite the expectations with
``python tests/test_offensive_snapshot.py --update``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from krantentoets.detect.offensive import detect_offensive

SNAPSHOT = Path(__file__).resolve().parent / "data" / "offensive_snapshot.jsonl"


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()]


def _spans(text: str) -> list[dict[str, Any]]:
    # through JSON, so that tuples compare equal to the lists read back from the file
    return json.loads(json.dumps([asdict(s) for s in detect_offensive(text)]))


def test_snapshot_covers_every_kind() -> None:
    kinds = {s["kind"] for row in _rows() for s in row["spans"]}
    assert kinds == {"insult", "obscenity", "hate", "threat", "slander"}
    assert any(s["counter"] for row in _rows() for s in row["spans"])
    assert any(not row["spans"] for row in _rows())


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["text"][:40])
def test_spans_unchanged(row: dict[str, Any]) -> None:
    assert _spans(row["text"]) == row["spans"]


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    lines = [
        json.dumps({"text": r["text"], "spans": _spans(r["text"])}, ensure_ascii=False)
        for r in _rows()
    ]
    SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"rewrote {SNAPSHOT} ({len(lines)} sentences)")
